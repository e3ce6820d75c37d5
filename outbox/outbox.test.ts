// The outbox on each adapter: written with the caller's transaction or not at all, each id once,
// pending oldest first, relayed and pruned.
import { describe, expect, it } from 'vitest';

import { inTransaction } from '../platform/mongodb.js';
import { type Contract, onEveryAdapter, openForEachTest } from '../test/support/adapters.js';
import { mongoOutbox } from './mongodb.js';
import type { Notification } from './notification.js';
import type { OutboxSource } from './port.js';
import { sqliteOutbox } from './sqlite.js';

/** An outbox with a way to write in a transaction that commits, or one that fails after writing. */
interface Subject {
  readonly source: OutboxSource;
  write(ns: readonly Notification[], fail?: boolean): Promise<void>;
  close(): Promise<void>;
}

const note = (id: string, occurredAt: string): Notification => ({
  id,
  type: 'case.moved',
  occurredAt,
  subject: `case:${id}`,
  audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
  data: { to: 'CLASSIFIED' },
});
const A = note('a', '2026-03-01T00:00:00.000Z');
const B = note('b', '2026-03-01T00:00:01.000Z');
const C = note('c', '2026-03-01T00:00:02.000Z');

const contract: Contract<Subject> = (name, fixture) => {
  describe(`outbox: ${name}`, () => {
    const open = openForEachTest(fixture, (s) => s.close());

    it('keeps what a transaction wrote, each id once, and nothing of one that failed', async () => {
      const s = open();
      await s.write([A, B]);
      await s.write([A, C]);
      await expect(s.write([note('d', '2026-03-01T00:00:03.000Z')], true)).rejects.toThrow('rolled back');
      expect(await s.source.pending(10)).toStrictEqual([A, B, C]);
      expect(await s.source.pending(2)).toStrictEqual([A, B]);
      await expect(s.write([{ ...A, id: 'e', type: 'Not A Type' }])).rejects.toThrow(/type/);
    });

    it('marks notifications relayed, and prunes relayed ones before a time', async () => {
      const s = open();
      await s.write([A, B, C]);
      await s.source.markRelayed(['a', 'c', 'unknown']);
      expect(await s.source.pending(10)).toStrictEqual([B]);
      // A relayed id written again stays relayed: the scheduler's warnings are told once.
      await s.write([A]);
      expect(await s.source.pending(10)).toStrictEqual([B]);
      expect(await s.source.prune('2026-03-01T00:00:02.000Z')).toBe(1);
      expect(await s.source.prune('2027-01-01T00:00:00.000Z')).toBe(1);
      expect(await s.source.pending(10)).toStrictEqual([B]);
    });
  });
};

onEveryAdapter<Subject>('outbox', contract, {
  sqlite: (db) => {
    const outbox = sqliteOutbox(db, 'test');
    const write = db.transaction((ns: readonly Notification[], fail: boolean) => {
      outbox.write(ns);
      if (fail) throw new Error('rolled back');
    });
    return { source: outbox.source, write: async (ns, fail = false) => write(ns, fail), close: async () => void db.close() };
  },
  mongodb: async (db, prefix) => {
    const outbox = await mongoOutbox(db, prefix, 'test');
    return {
      source: outbox.source,
      write: (ns, fail = false) =>
        inTransaction(db.client, async (session) => {
          await outbox.write(ns, session);
          if (fail) throw new Error('rolled back');
        }),
      close: async () => undefined,
    };
  },
});
