// The relay on real SQLite stores: every notification reaches the notification store once, even
// when the relay dies between accepting a batch and marking it relayed.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';

import type { Notification } from '../../outbox/notification.js';
import type { OutboxSource } from '../../outbox/port.js';
import { type SqliteOutbox, sqliteOutbox } from '../../outbox/sqlite.js';
import { TEST_SECRET_BOX } from '../../test/support/secrets.js';
import { tempDir } from '../../test/support/tmp.js';
import { relayPending, startRelay } from './relay.js';
import type { NotificationStore } from './store/port.js';
import { openSqliteNotificationStore } from './store/sqlite.js';

let dir: ReturnType<typeof tempDir>;
let outbox: SqliteOutbox;
let outboxDb: Database.Database;
let store: NotificationStore;

const note = (i: number): Notification => ({
  id: `n${i}`,
  type: 'case.moved',
  occurredAt: new Date(Date.UTC(2026, 2, 1, 0, 0, i)).toISOString(),
  subject: `case:${i}`,
  audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
  data: { i },
});

beforeEach(async () => {
  dir = tempDir('iphub-relay-');
  outboxDb = new Database(join(dir.path, 'cases.db'));
  outbox = sqliteOutbox(outboxDb, 'cases');
  store = openSqliteNotificationStore(new Database(join(dir.path, 'notifications.db')), TEST_SECRET_BOX);
});
afterEach(async () => {
  await store.close();
  outboxDb.close();
  dir.remove();
});

it('relays every pending notification in batches, and marks them relayed', async () => {
  outbox.write(Array.from({ length: 25 }, (_, i) => note(i)));
  let batches = 0;
  expect(await relayPending(outbox.source, store, 10, () => batches++)).toBe(25);
  expect(batches).toBe(3);
  expect(await outbox.source.pending(100)).toStrictEqual([]);
  expect(await store.unreadCount('enterprise:e1')).toBe(25);
  expect(await store.notification('n7')).toStrictEqual(note(7));
});

it('relays a batch accepted before a crash again, without doubling it', async () => {
  outbox.write([note(1), note(2)]);
  let crash = true;
  const crashing: OutboxSource = {
    ...outbox.source,
    markRelayed: async (ids) => {
      if (crash) throw new Error('killed before marking');
      await outbox.source.markRelayed(ids);
    },
  };
  await expect(relayPending(crashing, store, 10)).rejects.toThrow('killed before marking');
  crash = false;
  outbox.write([note(3)]);
  expect(await relayPending(crashing, store, 10)).toBe(3);
  expect(await store.unreadCount('enterprise:e1')).toBe(3);
  expect((await store.inbox('enterprise:e1', undefined, 10)).map((i) => i.notification.id)).toStrictEqual(['n3', 'n2', 'n1']);
});

it('keeps relaying after a failure, when kicked', async () => {
  const failing: OutboxSource = { ...outbox.source, name: 'failing', pending: async () => Promise.reject(new Error('database locked')) };
  const logged: string[] = [];
  let accepted = 0;
  const relay = startRelay({ sources: [failing, outbox.source], store, pollMs: 60_000, onAccepted: () => accepted++, log: (m) => logged.push(m) });
  try {
    outbox.write([note(1)]);
    relay.kick();
    await expect.poll(() => store.unreadCount('enterprise:e1')).toBe(1);
    expect(accepted).toBeGreaterThan(0);
    expect(logged.some((m) => m.includes('failing'))).toBe(true);
  } finally {
    await relay.stop();
  }
});
