// The outboxes the relay reads, opened on the configured storage: the stores that report events
// write them in their own databases (SQLite files, or MongoDB collections named after the store).
import { sqliteDatabase, type Storage } from '../platform/storage.js';
import { mongoOutbox } from './mongodb.js';
import type { OutboxSource } from './port.js';
import { sqliteOutbox } from './sqlite.js';

/** The outboxes of the stores named (by their database: subgraphs/index.ts OUTBOX_OWNERS). */
export async function openOutboxSources(storage: Storage, names: readonly string[]): Promise<OutboxSource[]> {
  return Promise.all(
    names.map(async (name) =>
      storage.kind === 'sqlite' ? sqliteOutbox(sqliteDatabase(storage, name), name).source : (await mongoOutbox(storage.client.db(), '', name)).source,
    ),
  );
}
