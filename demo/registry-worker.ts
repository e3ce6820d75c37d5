// The demo's registry (enterprises, their patents, trademarks and copyrights), written on a
// thread of its own, chunk by chunk as the main thread draws it (seed-enterprises.ts's RegistryWriter), while
// the main thread goes on to append the demo's deposits to the ledger: the two write different
// databases. A null message ends the work.
import { parentPort } from 'node:worker_threads';

import { closeStorage, openStorage, type StorageEnv } from '../platform/storage.js';
import { workerJob } from '../platform/worker.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import type { RegistryChunk } from './generate.js';
import { writeRegistry } from './seed-enterprises.js';

export interface RegistryJob {
  readonly env: StorageEnv;
}

// Messages wait in the port until this listener is attached; each waits for those before it.
const opened = (async () => {
  const storage = await openStorage(workerJob<RegistryJob>(import.meta.url)!.env);
  return { storage, store: await openEnterprisesStore(storage) };
})();
let written: Promise<unknown> = opened;
parentPort!.on('message', (chunk: RegistryChunk | null) => {
  written = written.then(async () => {
    const { storage, store } = await opened;
    if (chunk !== null) return writeRegistry(store, chunk);
    await store.close();
    await closeStorage(storage);
    parentPort!.close();
  });
  // A failed write ends the thread with its error (the main thread's RegistryWriter rejects).
  written.catch((err: unknown) =>
    setImmediate(() => {
      throw err;
    }),
  );
});
