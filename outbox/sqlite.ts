// The outbox in a store's own SQLite database. `write` runs inside the caller's transaction: the
// notifications commit, or roll back, with the change they report.
import type Database from 'better-sqlite3';

import { type Notification, refuseInvalid } from './notification.js';
import type { OutboxSource } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  occurred_at TEXT NOT NULL,
  notification TEXT NOT NULL,
  relayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE relayed = 0;
CREATE INDEX IF NOT EXISTS outbox_relayed ON outbox (occurred_at) WHERE relayed = 1;
`;

export interface SqliteOutbox {
  /** Adds each notification once, by id (a second write of an id is ignored); in the caller's transaction. */
  write(ns: readonly Notification[]): void;
  readonly source: OutboxSource;
}

export function sqliteOutbox(db: Database.Database, name: string): SqliteOutbox {
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO outbox (id, occurred_at, notification) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const pending = db.prepare<[number], { notification: string }>('SELECT notification FROM outbox WHERE relayed = 0 ORDER BY seq LIMIT ?');
  const relayed = db.prepare<[string]>('UPDATE outbox SET relayed = 1 WHERE id = ? AND relayed = 0');
  const prune = db.prepare<[string]>('DELETE FROM outbox WHERE relayed = 1 AND occurred_at < ?');
  const markRelayed = db.transaction((ids: readonly string[]) => ids.forEach((id) => relayed.run(id)));
  return {
    write(ns) {
      refuseInvalid(ns);
      for (const n of ns) insert.run(n.id, n.occurredAt, JSON.stringify(n));
    },
    source: {
      name,
      async pending(limit) {
        return pending.all(limit).map((r) => JSON.parse(r.notification) as Notification);
      },
      async markRelayed(ids) {
        markRelayed(ids);
      },
      async prune(before) {
        return prune.run(before).changes;
      },
    },
  };
}
