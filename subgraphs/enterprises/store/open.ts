// The enterprises store on the configured storage: its own SQLite database, or its MongoDB collections.
// Opening it loads no schema: the import CLI, the demo and the benchmarks open stores this way.
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoEnterprisesStore } from './mongodb.js';
import type { EnterprisesStore } from './port.js';
import { openSqliteEnterprisesStore } from './sqlite.js';

export async function openEnterprisesStore(storage: Storage): Promise<EnterprisesStore> {
  return storage.kind === 'sqlite' ? openSqliteEnterprisesStore(sqliteDatabase(storage, 'enterprises')) : openMongoEnterprisesStore(storage.client.db());
}
