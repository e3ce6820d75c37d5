// `npm run keys`, as an operator runs it: a key may carry its own rate and cost limits.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { tempDir } from './support/tmp.js';

const CLI = fileURLToPath(new URL('../apps/keys.ts', import.meta.url));

function keys(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env: { ...process.env, IPHUB_DATA_DIR: dataDir, IPHUB_MONGODB_URL: '' } },
      (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stdout, stderr });
      },
    );
  });
}

describe('npm run keys', () => {
  // Five runs of the command, each a node process loading the hub's modules through tsx: about
  // 3 s each on an idle machine, 5 or more on a busy one.
  it('creates a key with its own rate and cost, lists them, and refuses a limit that is not a whole number', async () => {
    const dir = tempDir('iphub-keys-cli-');
    try {
      const created = await keys(['create', '--role', 'BANK', '--org', '中国工商银行福州分行', '--rate', '5000', '--cost', '900'], dir.path);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^iph_[a-z0-9]{16}\.[A-Za-z0-9_-]{43}$/m);
      const plain = await keys(['create', '--role', 'CENTER_STAFF'], dir.path);
      expect(plain.code).toBe(0);
      const listed = (await keys(['list'], dir.path)).stdout.trim().split('\n');
      expect(listed).toHaveLength(2);
      expect(listed.find((l) => l.includes('BANK'))).toContain('rate 5000, cost 900');
      expect(listed.find((l) => l.includes('CENTER_STAFF'))).toContain('role limits');
      const refused = await keys(['create', '--role', 'CENTER_STAFF', '--rate', 'lots'], dir.path);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--rate must be a whole number of at least 1');
      expect((await keys(['list'], dir.path)).stdout.trim().split('\n')).toHaveLength(2);
    } finally {
      dir.remove();
    }
  }, 120_000);
});
