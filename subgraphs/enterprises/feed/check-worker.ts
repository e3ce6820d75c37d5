// The checking stage of a file's import (import-patents.ts, checkedBatches) on a thread of its
// own: reading, parsing and checking the rows takes a sixth of an import's time, and so runs
// beside the writing on the main thread instead of before it. This module is both sides:
// checkedBatchesOnWorker starts the worker, which loads this module again and serves its job.
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';

import { startWorker, workerJob } from '../../../platform/worker.js';
import { type CheckedBatch, checkedBatches } from './import-patents.js';
import { FeedError, type FeedFormat, readPatentFeed } from './read.js';

/** Batches the worker may have checked ahead of the one being written. */
const AHEAD = 2;

interface CheckJob {
  readonly path: string;
  readonly format: FeedFormat;
  readonly today: string;
  readonly batchSize: number;
}

type Message = { type: 'batch'; batch: CheckedBatch } | { type: 'feed-error'; message: string; line: number | null } | { type: 'end' };

/**
 * checkedBatches of the file, checked on a worker thread at most AHEAD batches ahead of the
 * caller. Throws the feed's FeedError as checkedBatches does; ending early stops the worker.
 */
export async function* checkedBatchesOnWorker(path: string, format: FeedFormat, today: string, batchSize: number): AsyncGenerator<CheckedBatch> {
  const worker = startWorker<CheckJob>(import.meta.url, { path, format, today, batchSize });
  const received: Message[] = [];
  let failed: Error | undefined;
  let wake = (): void => {};
  worker.on('message', (m: Message) => (received.push(m), wake()));
  worker.on('error', (err) => ((failed ??= err), wake()));
  worker.on('exit', (code) => ((failed ??= new Error(`the import's checking thread stopped (exit code ${code})`)), wake()));
  try {
    for (;;) {
      while (received.length === 0 && failed === undefined) await new Promise<void>((resolve) => (wake = resolve));
      const m = received.shift();
      if (m === undefined) throw failed!;
      if (m.type === 'end') return;
      if (m.type === 'feed-error') throw new FeedError(m.message, m.line);
      worker.postMessage('next');
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's side: checks the file, a batch ahead each time the other side takes one. */
async function serve(job: CheckJob): Promise<void> {
  const port = parentPort!;
  let credit = AHEAD;
  let more = (): void => {};
  port.on('message', () => (credit++, more()));
  try {
    const feed = readPatentFeed(createReadStream(job.path, { highWaterMark: 256 * 1024 }), job.format);
    for await (const batch of checkedBatches(feed, job.today, job.batchSize)) {
      while (credit === 0) await new Promise<void>((resolve) => (more = resolve));
      credit--;
      port.postMessage({ type: 'batch', batch } satisfies Message);
    }
    port.postMessage({ type: 'end' } satisfies Message);
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    port.postMessage({ type: 'feed-error', message: err.message, line: err.line } satisfies Message);
  }
  port.close();
}

const job = workerJob<CheckJob>(import.meta.url);
if (job !== undefined) await serve(job);
