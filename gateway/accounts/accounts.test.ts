// People's accounts: made with the roles and bindings partner keys have, signed in to the same
// identity, refused when wrong or disabled at the same hashing cost, passwords changed.
// (What every AccountStore adapter keeps: store/contract.ts.)
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AccountError, changePassword, createAccount, disableAccount, signIn } from './accounts.js';
import { verifyPassword } from './passwords.js';
import type { AccountStore } from './store/port.js';
import { openSqliteAccountStore } from './store/sqlite.js';

vi.mock('./passwords.js', async (original) => {
  const actual = await original<typeof import('./passwords.js')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const PASSWORD = 'a long enough secret';

describe('accounts', () => {
  let store: AccountStore;
  beforeEach(() => {
    store = openSqliteAccountStore(new Database(':memory:'));
    vi.mocked(verifyPassword).mockClear();
  });
  afterEach(async () => {
    await store.close();
  });

  it('signs a person in, in any case of the username, to the identity a key of that role and binding has', async () => {
    const own = await createAccount(store, { username: 'Wang.Fang', password: PASSWORD, role: 'ENTERPRISE', enterpriseId: 'ent-1' });
    const bank = await createAccount(store, { username: 'li@icbc', password: PASSWORD, role: 'BANK', organization: '中国工商银行福州分行' });
    const staff = await createAccount(store, { username: '张伟', password: PASSWORD, role: 'CENTER_STAFF' });
    expect(await signIn(store, 'wang.fang', PASSWORD)).toEqual({ keyId: `account:${own.id}`, role: 'ENTERPRISE', enterpriseId: 'ent-1' });
    expect(await signIn(store, 'LI@ICBC', PASSWORD)).toEqual({ keyId: `account:${bank.id}`, role: 'BANK', organization: '中国工商银行福州分行' });
    expect(await signIn(store, '张伟', PASSWORD)).toEqual({ keyId: `account:${staff.id}`, role: 'CENTER_STAFF' });
    expect(await store.byId(own.id)).toMatchObject({ username: 'Wang.Fang', disabledAt: null, passwordChangedAt: own.createdAt });
  });

  it('refuses a wrong password, an unknown username and a disabled account, hashing once for each', async () => {
    const { id } = await createAccount(store, { username: 'alice', password: PASSWORD, role: 'CENTER_STAFF' });
    vi.mocked(verifyPassword).mockClear();
    expect(await signIn(store, 'alice', PASSWORD.toUpperCase())).toBeUndefined();
    expect(await signIn(store, 'nobody', PASSWORD)).toBeUndefined();
    await disableAccount(store, id);
    expect(await signIn(store, 'alice', PASSWORD)).toBeUndefined();
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(3);
    await expect(disableAccount(store, id)).rejects.toThrow(/^the account alice was disabled at /);
    await expect(disableAccount(store, 'ffffffffffffffff')).rejects.toThrow('no account ffffffffffffffff');
  });

  it('refuses a role and binding that do not fit, as for keys, writing nothing', async () => {
    const refused = async (spec: Partial<Parameters<typeof createAccount>[1]>) => {
      const err: unknown = await createAccount(store, { username: 'someone', password: PASSWORD, role: 'CENTER_STAFF', ...spec }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AccountError);
      return (err as Error).message;
    };
    expect(await refused({ role: 'ENTERPRISE' })).toBe('an ENTERPRISE account needs --enterprise <enterprise id>');
    expect(await refused({ enterpriseId: 'ent-1' })).toBe('only ENTERPRISE accounts act for an enterprise');
    expect(await refused({ role: 'COURT' })).toBe('a COURT account needs --organization <the institution it acts for>');
    expect(await refused({ role: 'KING' as never })).toBe('unknown role "KING"');
    expect(await refused({ username: 'a b' })).toMatch(/^a username must be 2 to 64 letters, digits, or \. _ @ -/);
    expect(await refused({ username: 'a' })).toMatch(/^a username must be/);
    expect(await refused({ password: 'too short' })).toBe('a password must be 10 to 128 characters long; this one has 9');
    expect(await store.list(undefined, 10)).toEqual([]);
  });

  it('refuses a username taken in another case', async () => {
    await createAccount(store, { username: 'alice', password: PASSWORD, role: 'CENTER_STAFF' });
    await expect(createAccount(store, { username: 'Alice', password: PASSWORD, role: 'CENTER_STAFF' })).rejects.toThrow(
      new AccountError('the username "Alice" is taken; choose another'),
    );
  });

  it('changes a password given the current one and a new one the policy takes', async () => {
    const { id, createdAt } = await createAccount(store, { username: 'alice', password: PASSWORD, role: 'CENTER_STAFF' });
    await expect(changePassword(store, id, 'not the password', 'another long secret')).rejects.toThrow('the current password is not right');
    await expect(changePassword(store, id, PASSWORD, 'short')).rejects.toThrow('a password must be 10 to 128 characters long; this one has 5');
    await expect(changePassword(store, id, PASSWORD, PASSWORD)).rejects.toThrow('the new password must differ from the current one');
    await changePassword(store, id, PASSWORD, 'another long secret');
    expect(await signIn(store, 'alice', PASSWORD)).toBeUndefined();
    expect(await signIn(store, 'alice', 'another long secret')).toMatchObject({ keyId: `account:${id}` });
    expect((await store.byId(id))!.passwordChangedAt >= createdAt).toBe(true);
  });
});
