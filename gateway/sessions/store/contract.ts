// The contract every SessionStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import type { AccountRecord, AccountStore } from '../../accounts/store/port.js';
import { DEFAULT_LIMITS } from '../../limits/limits.js';
import { Sessions } from '../sessions.js';
import type { SessionRecord, SessionStore } from './port.js';

/** The store, and everything it holds at rest as text, for what must never be there. */
export interface SessionStoreUnderTest {
  readonly store: SessionStore;
  raw(): Promise<string>;
}

// A year ahead: MongoDB's TTL sweep must not take a record while a test looks at it.
const T = Date.now() + 365 * 86_400_000;
const MINUTE = 60_000;

const record = (tokenHash: string, accountId: string, over: Partial<SessionRecord> = {}): SessionRecord => ({
  tokenHash,
  accountId,
  csrfToken: `csrf-of-${tokenHash}`,
  createdAt: T,
  idleExpiresAt: T + 30 * MINUTE,
  absoluteExpiresAt: T + 720 * MINUTE,
  ...over,
});

const hash = (n: number): string => n.toString(16).padStart(64, '0');

export function sessionStoreContract(name: string, fixture: () => StoreFixture<SessionStoreUnderTest>): void {
  describe(`SessionStore contract: ${name}`, () => {
    const under = openForEachTest(fixture, (u) => u.store.close());
    let store: SessionStore;
    beforeEach(() => {
      store = under().store;
    });

    it('gives sessions back by token hash, every field as stored', async () => {
      const one = record(hash(1), 'acc-a');
      const two = record(hash(2), 'acc-b', { createdAt: T + 1, idleExpiresAt: T + 2, absoluteExpiresAt: T + 3 });
      for (const s of [one, two]) await store.insert(s);
      expect(await store.byTokenHash(hash(1))).toStrictEqual(one);
      expect(await store.byTokenHash(hash(2))).toStrictEqual(two);
      expect(await store.byTokenHash(hash(3))).toBeUndefined();
    });

    it('moves the idle end of one session', async () => {
      await store.insert(record(hash(1), 'acc-a'));
      await store.insert(record(hash(2), 'acc-a'));
      expect(await store.touch(hash(1), T + 45 * MINUTE)).toBe(true);
      expect(await store.touch(hash(9), T + 45 * MINUTE)).toBe(false);
      expect((await store.byTokenHash(hash(1)))?.idleExpiresAt).toBe(T + 45 * MINUTE);
      expect((await store.byTokenHash(hash(2)))?.idleExpiresAt).toBe(T + 30 * MINUTE);
    });

    it('deletes a session once', async () => {
      await store.insert(record(hash(1), 'acc-a'));
      expect(await store.delete(hash(1))).toBe(true);
      expect(await store.delete(hash(1))).toBe(false);
      expect(await store.byTokenHash(hash(1))).toBeUndefined();
    });

    it("deletes an account's sessions, but the one named, and no other account's", async () => {
      for (const [n, account] of [
        [1, 'acc-a'],
        [2, 'acc-a'],
        [3, 'acc-a'],
        [4, 'acc-b'],
      ] as const)
        await store.insert(record(hash(n), account));
      expect(await store.deleteForAccount('acc-a', hash(2))).toBe(2);
      expect(await store.byTokenHash(hash(1))).toBeUndefined();
      expect(await store.byTokenHash(hash(2))).toBeDefined();
      expect(await store.byTokenHash(hash(4))).toBeDefined();
      expect(await store.deleteForAccount('acc-a')).toBe(1);
      expect(await store.byTokenHash(hash(2))).toBeUndefined();
      expect(await store.deleteForAccount('acc-none')).toBe(0);
    });

    it('deletes the sessions past their idle end, and only those', async () => {
      await store.insert(record(hash(1), 'acc-a', { idleExpiresAt: T + 10 * MINUTE }));
      await store.insert(record(hash(2), 'acc-a', { idleExpiresAt: T + 20 * MINUTE }));
      await store.insert(record(hash(3), 'acc-b', { idleExpiresAt: T + 30 * MINUTE }));
      expect(await store.deleteExpired(T + 20 * MINUTE)).toBe(2);
      expect(await store.byTokenHash(hash(1))).toBeUndefined();
      expect(await store.byTokenHash(hash(2))).toBeUndefined();
      expect(await store.byTokenHash(hash(3))).toBeDefined();
      expect(await store.deleteExpired(T + 20 * MINUTE)).toBe(0);
    });

    it('holds a hash of the session token, never the token', async () => {
      const account = { id: 'acc-a', disabledAt: null } as AccountRecord;
      const accounts = { byId: async () => account } as unknown as AccountStore;
      const sessions = new Sessions(store, accounts, DEFAULT_LIMITS.sessions, () => T);
      const { token, session } = await sessions.start(account);
      expect(await under().raw()).not.toContain(token);
      expect((await sessions.resolve(token))?.tokenHash).toBe(session.tokenHash);
      await sessions.end(session);
      expect(await sessions.resolve(token)).toBeUndefined();
    });
  });
}
