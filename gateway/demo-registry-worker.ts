// The demo's registry (enterprises, their patents, trademarks and copyrights), written on a
// thread of its own while the main thread appends the demo's deposits to the ledger: the two
// write different databases, and each is as long as the other at a province's size. The thread
// generates the same data the main thread does (generate is deterministic) rather than being sent
// half a million records.
import { workerData } from 'node:worker_threads';
import { closeStorage, openStorage, type StorageEnv } from '../subgraphs/common/storage.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/index.js';
import { generate, writeRegistry } from './demo.js';

export interface RegistryJob {
  readonly env: StorageEnv;
  readonly enterprises: number;
  readonly seed: number;
  readonly today: string;
}

const job = workerData as RegistryJob;
const storage = await openStorage(job.env);
try {
  const store = await openEnterprisesStore(storage);
  try {
    await writeRegistry(store, generate(job.enterprises, job.seed, job.today));
  } finally {
    await store.close();
  }
} finally {
  await closeStorage(storage);
}
