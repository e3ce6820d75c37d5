// The evidence store on the configured storage: its own SQLite database, or its MongoDB collections.
// Opening it loads no schema: the import CLI, the demo and the benchmarks open stores this way.
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoEvidenceStore } from './mongodb.js';
import type { EvidenceStore } from './port.js';
import { openSqliteEvidenceStore } from './sqlite.js';

export async function openEvidenceStore(storage: Storage): Promise<EvidenceStore> {
  return storage.kind === 'sqlite' ? openSqliteEvidenceStore(sqliteDatabase(storage, 'evidence')) : openMongoEvidenceStore(storage.client.db());
}
