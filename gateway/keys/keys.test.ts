// Partner keys: shown once, authenticated to their identity and limits, refused when wrong,
// malformed or revoked. (What every KeyStore adapter keeps: store/contract.ts.)
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { authenticate, createKey, KeyError } from './keys.js';
import type { KeyStore } from './store/port.js';
import { openSqliteKeyStore } from './store/sqlite.js';

describe('partner keys', () => {
  let store: KeyStore;
  beforeEach(() => {
    store = openSqliteKeyStore(new Database(':memory:'));
  });
  afterEach(async () => {
    await store.close();
  });

  it('authenticates a key to its identity', async () => {
    const { id, key } = await createKey(store, { role: 'ENTERPRISE', enterpriseId: 'ent-1' });
    const roleLimits = { rate: null, cost: null };
    expect(await authenticate(store, key)).toEqual({ identity: { keyId: id, role: 'ENTERPRISE', enterpriseId: 'ent-1' }, limits: roleLimits });
    const bank = await createKey(store, { role: 'BANK', organization: '中国工商银行福州分行' });
    expect(await authenticate(store, bank.key)).toEqual({
      identity: { keyId: bank.id, role: 'BANK', organization: '中国工商银行福州分行' },
      limits: roleLimits,
    });
    expect((await store.list()).map((k) => k.id)).toEqual(expect.arrayContaining([id, bank.id]));
  });

  it('refuses wrong, malformed and revoked keys', async () => {
    const { id, key } = await createKey(store, { role: 'CENTER_STAFF' });
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(await authenticate(store, key.slice(0, -1) + last)).toBeUndefined();
    expect(await authenticate(store, 'iph_0000000000000000.' + key.split('.')[1])).toBeUndefined();
    expect(await authenticate(store, 'Bearer ' + key)).toBeUndefined();
    expect(await store.revoke(id, new Date().toISOString())).toBe(true);
    expect(await store.revoke(id, new Date().toISOString())).toBe(false);
    expect(await authenticate(store, key)).toBeUndefined();
  });

  it('refuses keys whose role and scope do not fit', async () => {
    await expect(createKey(store, { role: 'ENTERPRISE' })).rejects.toBeInstanceOf(KeyError);
    await expect(createKey(store, { role: 'CENTER_STAFF', enterpriseId: 'x' })).rejects.toBeInstanceOf(KeyError);
    await expect(createKey(store, { role: 'BANK' })).rejects.toBeInstanceOf(KeyError);
    await expect(createKey(store, { role: 'KING' as never })).rejects.toBeInstanceOf(KeyError);
    await expect(createKey(store, { role: 'CENTER_STAFF', rate: 0 })).rejects.toThrow('--rate must be a whole number of at least 1');
    await expect(createKey(store, { role: 'CENTER_STAFF', cost: 2.5 })).rejects.toThrow('--cost must be a whole number of at least 1');
    expect(await store.list()).toEqual([]);
  });

  it("keeps a key's own rate and cost limits", async () => {
    const { id, key } = await createKey(store, { role: 'BANK', organization: 'bank', rate: 500, cost: 40_000 });
    expect((await authenticate(store, key))?.limits).toEqual({ rate: 500, cost: 40_000 });
    expect(await store.byId(id)).toMatchObject({ rate: 500, cost: 40_000 });
  });
});
