import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { Receipt } from '../ledger.js';

const APPENDER = fileURLToPath(new URL('./appender.ts', import.meta.url));

export interface AppenderChild {
  readonly child: ChildProcess;
  /** Receipts whose whole line has arrived: each was acknowledged before it was printed. */
  readonly receipts: Receipt[];
  readonly exited: Promise<number | null>;
  /** Resolves once a held child has opened the ledger and waits for start(); rejects if it exits first. */
  readonly ready: Promise<void>;
  /** Lets a held child begin appending. */
  start(): void;
}

/** `held`: the child opens the ledger, says so (ready), and appends only once start() is called. */
export function spawnAppender(db: string, seedHex: string, concurrency: number, limit = 0, { held = false } = {}): AppenderChild {
  const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, db, seedHex, String(concurrency), String(limit)], {
    stdio: [held ? 'pipe' : 'ignore', 'pipe', 'inherit'],
    env: { ...process.env, APPENDER_HELD: held ? '1' : '' },
  });
  let isReady: () => void = () => {};
  let notReady: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => ((isReady = resolve), (notReady = reject)));
  ready.catch(() => undefined);
  const receipts: Receipt[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') isReady();
      else receipts.push(JSON.parse(line) as Receipt);
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      notReady(new Error(`the appender exited (${code}) before it was ready`));
      resolve(code);
    }),
  );
  return { child, receipts, exited, ready, start: () => void child.stdin?.end('start\n') };
}
