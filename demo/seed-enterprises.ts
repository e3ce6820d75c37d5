// The enterprises subgraph's demo data, written through its store: on a worker thread of its own
// (registry-worker.ts), chunk by chunk as the main thread draws it.
import type { Worker } from 'node:worker_threads';

import type { Storage } from '../platform/storage.js';
import { startWorker } from '../platform/worker.js';
import type { EnterprisesStore } from '../subgraphs/enterprises/store/port.js';
import { inBatches } from './batches.js';
import type { RegistryChunk } from './generate.js';
import type { RegistryJob } from './registry-worker.js';

// Registry rows per transaction, on the registry's own thread: a larger batch writes each index
// page it touches fewer times.
const REGISTRY_BATCH = 20_000;

/**
 * Writes the registry: enterprises first, as the IP assets refer to them. One transaction per
 * batch, in id and owner order, so that the indexes take their rows in runs, not at random pages.
 */
export async function writeRegistry(store: EnterprisesStore, data: RegistryChunk): Promise<void> {
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byOwner = <T extends { enterpriseId: string | null }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => byKey(a.enterpriseId ?? '', b.enterpriseId ?? ''));
  await inBatches(
    [...data.enterprises].sort((a, b) => byKey(a.id, b.id)),
    (batch) => store.enterprises.insertMany(batch),
    REGISTRY_BATCH,
  );
  await inBatches(byOwner(data.patents), (batch) => store.patents.insertMany(batch), REGISTRY_BATCH);
  await inBatches(byOwner(data.trademarks), (batch) => store.trademarks.insertMany(batch), REGISTRY_BATCH);
  await inBatches(byOwner(data.copyrights), (batch) => store.copyrights.insertMany(batch), REGISTRY_BATCH);
}

/** writeRegistry on a worker thread (registry-worker.ts), fed chunk by chunk. */
export class RegistryWriter {
  readonly #worker: Worker;
  /** Settles when the worker has written every chunk and closed its store. */
  readonly done: Promise<void>;

  constructor(storage: Storage) {
    const env = storage.kind === 'sqlite' ? { IPHUB_DATA_DIR: storage.dataDir } : { IPHUB_MONGODB_URL: storage.url };
    this.#worker = startWorker<RegistryJob>(new URL('./registry-worker.ts', import.meta.url), { env });
    this.done = new Promise((resolve, reject) => {
      this.#worker.once('error', reject);
      this.#worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the demo's registry writer stopped with exit code ${code}`))));
    });
    this.done.catch(() => undefined); // awaited by the caller, or abandoned by abort()
  }

  write(chunk: RegistryChunk): void {
    this.#worker.postMessage(chunk);
  }

  /** No more chunks: the worker finishes those it has and exits. */
  end(): void {
    this.#worker.postMessage(null);
  }

  async abort(): Promise<void> {
    await this.#worker.terminate();
  }
}
