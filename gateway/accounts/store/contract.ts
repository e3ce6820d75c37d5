// The contract every AccountStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import { createAccount, disableAccount, signIn } from '../accounts.js';
import { type AccountRecord, type AccountStore, DuplicateUsernameError } from './port.js';

/** The store, and everything it holds at rest as text, for what must never be there. */
export interface AccountStoreUnderTest {
  readonly store: AccountStore;
  raw(): Promise<string>;
}

// Stores never read the hash: any text does.
const record = (id: string, username: string, over: Partial<AccountRecord> = {}): AccountRecord => ({
  id,
  username,
  passwordHash: `scrypt$ln=17,r=8,p=1$salt-of-${id}$hash-of-${id}`,
  role: 'CENTER_STAFF',
  enterpriseId: null,
  organization: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  disabledAt: null,
  passwordChangedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

export function accountStoreContract(name: string, fixture: () => StoreFixture<AccountStoreUnderTest>): void {
  describe(`AccountStore contract: ${name}`, () => {
    const under = openForEachTest(fixture, (u) => u.store.close());
    let store: AccountStore;
    beforeEach(() => {
      store = under().store;
    });

    it('gives accounts back by id and by username in any case, every field as stored', async () => {
      const bank = record('00000000000000bb', 'Li.Wei', { role: 'BANK', organization: '中国工商银行福州分行' });
      const own = record('00000000000000aa', '王芳', { role: 'ENTERPRISE', enterpriseId: 'ent-1', createdAt: '2026-01-02T00:00:00.000Z' });
      for (const a of [bank, own]) await store.insert(a);
      expect(await store.byId(bank.id)).toStrictEqual(bank);
      expect(await store.byId(own.id)).toStrictEqual(own);
      expect(await store.byId('0000000000000000')).toBeUndefined();
      expect(await store.byUsername('li.wei')).toStrictEqual(bank);
      expect(await store.byUsername('LI.WEI')).toStrictEqual(bank);
      expect(await store.byUsername('王芳')).toStrictEqual(own);
      expect(await store.byUsername('li.we')).toBeUndefined();
    });

    it('refuses a username taken in another case, writing nothing', async () => {
      const first = record('00000000000000aa', 'alice');
      await store.insert(first);
      const again = store.insert(record('00000000000000bb', 'ALICE', { role: 'BANK', organization: 'bank' }));
      await expect(again).rejects.toBeInstanceOf(DuplicateUsernameError);
      await expect(again).rejects.toThrow('the username "ALICE" is taken');
      expect(await store.byId('00000000000000bb')).toBeUndefined();
      expect(await store.list(undefined, 10)).toStrictEqual([first]);
    });

    it('lists in username order, any case, a page at a time after the last username seen', async () => {
      const names = ['carol', 'Bob', 'alice', 'Dave', 'erin'];
      for (const [i, n] of names.entries()) await store.insert(record(`000000000000000${i}`, n));
      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.list(after, 2);
        if (page.length === 0) break;
        pages.push(page.map((a) => a.username));
        after = page.at(-1)!.username;
      }
      expect(pages).toEqual([['alice', 'Bob'], ['carol', 'Dave'], ['erin']]);
      expect((await store.list('BOB', 10)).map((a) => a.username)).toEqual(['carol', 'Dave', 'erin']);
      expect(await store.list(undefined, 0)).toEqual([]);
    });

    it('disables an account once, and sets a new password hash with when', async () => {
      await store.insert(record('00000000000000aa', 'alice'));
      expect(await store.disable('00000000000000aa', '2026-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.disable('00000000000000aa', '2026-02-02T00:00:00.000Z')).toBe(false);
      expect(await store.disable('0000000000000000', '2026-02-02T00:00:00.000Z')).toBe(false);
      expect((await store.byUsername('alice'))?.disabledAt).toBe('2026-02-01T00:00:00.000Z');

      expect(await store.setPassword('00000000000000aa', 'scrypt$new', '2026-03-01T00:00:00.000Z')).toBe(true);
      expect(await store.setPassword('0000000000000000', 'scrypt$new', '2026-03-01T00:00:00.000Z')).toBe(false);
      expect(await store.byId('00000000000000aa')).toMatchObject({ passwordHash: 'scrypt$new', passwordChangedAt: '2026-03-01T00:00:00.000Z' });
    });

    it('holds a hash of the password, never the password', async () => {
      const password = 'a password kept nowhere';
      const { id } = await createAccount(store, { username: 'alice', password, role: 'ENTERPRISE', enterpriseId: 'ent-1' });
      expect(await under().raw()).not.toContain(password);
      expect((await store.byId(id))?.passwordHash).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
    });

    it('shows a disabling to every read once it resolves: the account no longer signs in', async () => {
      const password = 'a long enough secret';
      const { id } = await createAccount(store, { username: 'bank.clerk', password, role: 'BANK', organization: 'bank' });
      expect((await signIn(store, 'Bank.Clerk', password))?.keyId).toBe(`account:${id}`);
      await disableAccount(store, id);
      expect((await store.byUsername('bank.clerk'))?.disabledAt).not.toBeNull();
      expect(await signIn(store, 'bank.clerk', password)).toBeUndefined();
    });
  });
}
