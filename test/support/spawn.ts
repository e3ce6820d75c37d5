import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Receipt } from '../../ledger/ledger.js';

const APPENDER = fileURLToPath(new URL('./appender.ts', import.meta.url));

export interface AppenderChild {
  readonly child: ChildProcess;
  /** Receipts whose whole line has arrived: each was acknowledged before it was printed. */
  readonly receipts: Receipt[];
  readonly exited: Promise<number | null>;
}

export function spawnAppender(db: string, seedHex: string, concurrency: number, limit = 0, startAt = 0): AppenderChild {
  const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, db, seedHex, String(concurrency), String(limit)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, START_AT: String(startAt) },
  });
  const receipts: Receipt[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) receipts.push(JSON.parse(line) as Receipt);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, receipts, exited };
}
