// `npm run accounts`, as an operator runs it: accounts made, listed without hashes, disabled, and
// the people in them able to sign in.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { signIn } from '../gateway/accounts/accounts.js';
import { openSqliteAccountStore } from '../gateway/accounts/store/sqlite.js';
import { tempDir } from './support/tmp.js';

const CLI = fileURLToPath(new URL('../apps/accounts.ts', import.meta.url));

function accounts(args: string[], dataDir: string, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env: { ...process.env, IPHUB_DATA_DIR: dataDir, IPHUB_MONGODB_URL: '' } },
      (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stdout, stderr });
      },
    );
    child.stdin!.end(stdin);
  });
}

describe('npm run accounts', () => {
  // Eleven runs of the command, each a node process loading its modules through tsx, some hashing a
  // password with scrypt: seconds each.
  it('creates accounts that sign in, lists them without hashes, disables one, and refuses bad arguments and refused operations', async () => {
    const dir = tempDir('iphub-accounts-cli-');
    try {
      const staff = await accounts(['create', '--username', 'Zhang.Wei', '--role', 'CENTER_STAFF', '--password-stdin'], dir.path, 'a long enough secret\n');
      expect(staff).toMatchObject({ code: 0, stdout: 'created account Zhang.Wei (CENTER_STAFF)\n' });
      const own = await accounts(['create', '--username', 'wang.fang', '--role', 'ENTERPRISE', '--enterprise', 'ent-1'], dir.path);
      expect(own.code).toBe(0);
      const generated = own.stdout.trim().split('\n').at(-1)!;
      expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);

      const taken = await accounts(['create', '--username', 'ZHANG.WEI', '--role', 'CENTER_STAFF'], dir.path);
      expect(taken).toMatchObject({ code: 1, stderr: 'the username "ZHANG.WEI" is taken; choose another\n' });
      const unbound = await accounts(['create', '--username', 'li.na', '--role', 'BANK'], dir.path);
      expect(unbound).toMatchObject({ code: 1, stderr: 'a BANK account needs --organization <the institution it acts for>\n' });
      const weak = await accounts(
        ['create', '--username', 'li.na', '--role', 'COURT', '--organization', '福州市中级人民法院', '--password-stdin'],
        dir.path,
        'short\n',
      );
      expect(weak).toMatchObject({ code: 1, stderr: 'a password must be 10 to 128 characters long; this one has 5\n' });
      for (const args of [
        ['create', '--username', 'x', '--role', 'KING'],
        ['remove', '--username', 'x'],
        ['list', '--all'],
      ]) {
        const bad = await accounts(args, dir.path);
        expect({ args, code: bad.code }).toEqual({ args, code: 2 });
        expect(bad.stderr).toContain('usage: npm run accounts -- create --username USERNAME --role ROLE');
      }

      expect((await accounts(['disable', '--username', 'zhang.wei'], dir.path)).stdout).toBe('disabled Zhang.Wei\n');
      expect(await accounts(['disable', '--username', 'nobody'], dir.path)).toMatchObject({ code: 1, stderr: 'no account with the username "nobody"\n' });
      const listed = await accounts(['list'], dir.path);
      expect(listed.stdout).not.toContain('scrypt');
      const lines = listed.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^wang\.fang\tENTERPRISE\tent-1\t\S+\tactive$/);
      expect(lines[1]).toMatch(/^Zhang\.Wei\tCENTER_STAFF\t-\t\S+\tdisabled \S+$/);

      const store = openSqliteAccountStore(new Database(join(dir.path, 'gateway.db')));
      try {
        expect(await signIn(store, 'wang.fang', generated)).toMatchObject({ role: 'ENTERPRISE', enterpriseId: 'ent-1' });
        expect(await signIn(store, 'zhang.wei', 'a long enough secret')).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  }, 120_000);
});
