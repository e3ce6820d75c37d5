// The contract every KeyStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import { authenticate, createKey } from '../keys.js';
import type { KeyRecord, KeyStore } from './port.js';

/** The store, and everything it holds at rest as text, for what must never be there. */
export interface KeyStoreUnderTest {
  readonly store: KeyStore;
  raw(): Promise<string>;
}

const record = (id: string, createdAt: string, over: Partial<KeyRecord> = {}): KeyRecord => ({
  id,
  secretHash: 'ab'.repeat(32),
  role: 'CENTER_STAFF',
  enterpriseId: null,
  organization: null,
  createdAt,
  revokedAt: null,
  rate: null,
  cost: null,
  ...over,
});

export function keyStoreContract(name: string, fixture: () => StoreFixture<KeyStoreUnderTest>): void {
  describe(`KeyStore contract: ${name}`, () => {
    const under = openForEachTest(fixture, (u) => u.store.close());
    let store: KeyStore;
    beforeEach(() => {
      store = under().store;
    });

    it('gives keys back by id and in order of creation, every field as stored', async () => {
      const bank = record('00000000000000bb', '2026-01-02T00:00:00.000Z', { role: 'BANK', organization: '中国工商银行福州分行', rate: 500, cost: 40_000 });
      const own = record('00000000000000aa', '2026-01-02T00:00:00.000Z', { role: 'ENTERPRISE', enterpriseId: 'ent-1' });
      const staff = record('00000000000000cc', '2026-01-01T00:00:00.000Z');
      for (const k of [bank, own, staff]) await store.insert(k);
      expect(await store.byId(bank.id)).toStrictEqual(bank);
      expect(await store.byId(own.id)).toStrictEqual(own);
      expect(await store.byId('0000000000000000')).toBeUndefined();
      expect(await store.list()).toStrictEqual([staff, own, bank]);
    });

    it('holds a hash of the secret, never the key', async () => {
      const { id, key } = await createKey(store, { role: 'ENTERPRISE', enterpriseId: 'ent-1' });
      const secret = key.split('.')[1]!;
      expect(await under().raw()).not.toContain(secret);
      expect(JSON.stringify(await store.byId(id))).not.toContain(secret);
      expect((await store.list()).map((k) => k.id)).toEqual([id]);
    });

    it('revokes a key once', async () => {
      await store.insert(record('00000000000000aa', '2026-01-01T00:00:00.000Z'));
      expect(await store.revoke('00000000000000aa', '2026-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.revoke('00000000000000aa', '2026-02-02T00:00:00.000Z')).toBe(false);
      expect(await store.revoke('0000000000000000', '2026-02-02T00:00:00.000Z')).toBe(false);
      expect((await store.byId('00000000000000aa'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    });

    it('shows a revocation to every read once revoke resolves: the key no longer authenticates', async () => {
      const { id, key } = await createKey(store, { role: 'BANK', organization: 'bank' });
      expect((await authenticate(store, key))?.identity.keyId).toBe(id);
      expect(await store.revoke(id, '2026-03-01T00:00:00.000Z')).toBe(true);
      expect(await store.byId(id)).toMatchObject({ id, revokedAt: '2026-03-01T00:00:00.000Z' });
      expect(await authenticate(store, key)).toBeUndefined();
      expect((await store.list()).find((k) => k.id === id)?.revokedAt).toBe('2026-03-01T00:00:00.000Z');
    });
  });
}
