// The enterprises store as `npm run import` (and its benchmark) opens it: on the configured
// storage, and on SQLite with its statement journals kept in memory.
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openEnterprisesStore } from '../index.js';
import type { EnterprisesStore } from '../store/port.js';
import { openSqliteEnterprisesStore } from '../store/sqlite.js';

/**
 * The store the import writes through. On SQLite its own connection keeps temporary files in
 * memory: each insert of a batch, touching six B-trees, has a statement journal, and once one
 * outgrows SQLite's 64 KiB in-memory spill it becomes a temporary file that every later insert of
 * the transaction writes through (a fifth of the first import's time). The hub's connection is not
 * touched.
 */
export async function openImportStore(storage: Storage): Promise<EnterprisesStore> {
  if (storage.kind !== 'sqlite') return openEnterprisesStore(storage);
  const db = sqliteDatabase(storage, 'enterprises');
  db.pragma('temp_store = MEMORY');
  return openSqliteEnterprisesStore(db);
}
