// The page's side of hash-worker.ts: one worker, files hashed one after another.
import type { HashReply, HashRequest } from './hash-worker';

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { progress: (bytes: number) => void; resolve: (digest: string) => void; reject: (err: Error) => void }>();

function hasher(): Worker {
  if (worker !== undefined) return worker;
  worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<HashReply>) => {
    const reply = event.data;
    const job = waiting.get(reply.id);
    if (job === undefined) return;
    if (reply.kind === 'progress') return job.progress(reply.bytes);
    waiting.delete(reply.id);
    if (reply.kind === 'done') job.resolve(reply.digest);
    else job.reject(new Error(reply.message));
  };
  return worker;
}

/** The file's SHA-256 (lower-case hex), with `progress` told the bytes hashed so far. */
export function hashFile(file: File, progress: (bytes: number) => void): Promise<string> {
  const id = next++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { progress, resolve, reject });
    hasher().postMessage({ id, file } satisfies HashRequest);
  });
}
