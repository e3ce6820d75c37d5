// The cases store on the configured storage: its own SQLite database, or its MongoDB collections.
// Opening it loads no schema: the import CLI, the demo and the benchmarks open stores this way.
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoCasesStore } from './mongodb.js';
import type { CasesStore } from './port.js';
import { openSqliteCasesStore } from './sqlite.js';

export async function openCasesStore(storage: Storage): Promise<CasesStore> {
  return storage.kind === 'sqlite' ? openSqliteCasesStore(sqliteDatabase(storage, 'cases')) : openMongoCasesStore(storage.client.db());
}
