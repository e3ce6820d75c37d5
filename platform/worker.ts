// A worker thread running a TypeScript module. Worker threads start without the TypeScript
// loader of the thread that made them, so each registers tsx first, then imports its module.
// (The ledger, which imports nothing outside itself, boots its audit threads the same way in
// ledger/audit-worker.mjs.)
import { isMainThread, Worker, workerData } from 'node:worker_threads';

const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.module); });`;

interface Boot<J> {
  readonly tsx: string;
  readonly module: string;
  readonly job: J;
}

/** A worker thread running the TypeScript module at `module`, given `job` (workerJob reads it there). */
export function startWorker<J>(module: URL | string, job: J): Worker {
  const boot: Boot<J> = { tsx: import.meta.resolve('tsx/esm/api'), module: String(module), job };
  return new Worker(BOOT, { eval: true, workerData: boot });
}

/** On a thread startWorker started for `module` (its import.meta.url), the job it was given; undefined anywhere else. */
export function workerJob<J>(module: string): J | undefined {
  if (isMainThread) return undefined;
  const boot = workerData as Partial<Boot<J>> | null;
  return boot?.module === module ? boot.job : undefined;
}
