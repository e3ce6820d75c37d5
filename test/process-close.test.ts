// The separate processes close their storage when they stop: a SQLite database closed by its last
// connection leaves no -wal file behind, one a process exits from without closing keeps it.
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { tempDir } from './support/tmp.js';

const path = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));
const walFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('-wal'));

/** Starts `script`, waits for its line saying it is ready, sends SIGTERM; its exit code and output. */
function startThenTerminate(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path(script), ...args], {
      env: { ...process.env, IPHUB_MONGODB_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not say it was ready:\n${output}`));
    }, 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready at/.test(output) && child.signalCode === null && !child.killed) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('separate processes close their storage', () => {
  it('a subgraph on SIGTERM: its store, the ledger and the SQLite databases', async () => {
    const dir = tempDir('iphub-close-subgraph-');
    try {
      const { code, output } = await startThenTerminate('apps/subgraph.ts', ['enterprises'], { IPHUB_DATA_DIR: dir.path, IPHUB_ENTERPRISES_PORT: '0' });
      expect(code, output).toBe(0);
      expect(readdirSync(dir.path)).toContain('enterprises.db');
      expect(walFiles(dir.path)).toEqual([]);
    } finally {
      dir.remove();
    }
  });

  it('the gateway on SIGTERM: its key store', async () => {
    const dir = tempDir('iphub-close-gateway-');
    try {
      const { code, output } = await startThenTerminate('apps/gateway.ts', [], { IPHUB_DATA_DIR: dir.path, PORT: '0' });
      expect(code, output).toBe(0);
      expect(readdirSync(dir.path)).toContain('gateway.db');
      expect(walFiles(dir.path)).toEqual([]);
    } finally {
      dir.remove();
    }
  });

  it('npm run keys when it is done', async () => {
    const dir = tempDir('iphub-close-keys-');
    try {
      const code = await new Promise<number>((resolve) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', path('apps/keys.ts'), 'create', '--role', 'CENTER_STAFF'],
          { env: { ...process.env, IPHUB_DATA_DIR: dir.path, IPHUB_MONGODB_URL: '' } },
          (err) => resolve(err === null ? 0 : ((err as { code?: number }).code ?? 1)),
        ),
      );
      expect(code).toBe(0);
      expect(readdirSync(dir.path)).toContain('gateway.db');
      expect(walFiles(dir.path)).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
