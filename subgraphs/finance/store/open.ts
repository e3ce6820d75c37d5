// The finance store on the configured storage: its own SQLite database, or its MongoDB collections.
// Opening it loads no schema: the import CLI, the demo and the benchmarks open stores this way.
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoFinanceStore } from './mongodb.js';
import type { FinanceStore } from './port.js';
import { openSqliteFinanceStore } from './sqlite.js';

export async function openFinanceStore(storage: Storage): Promise<FinanceStore> {
  return storage.kind === 'sqlite' ? openSqliteFinanceStore(sqliteDatabase(storage, 'finance')) : openMongoFinanceStore(storage.client.db());
}
