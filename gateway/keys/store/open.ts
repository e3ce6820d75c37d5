// The key store on the configured storage: the gateway's own SQLite file, or its collection in
// MongoDB, reporting a database out of reach as UNAVAILABLE.
import { reportingUnavailable } from '../../../platform/mongodb.js';
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoKeyStore } from './mongodb.js';
import type { KeyStore } from './port.js';
import { openSqliteKeyStore } from './sqlite.js';

export function openKeyStore(storage: Storage): KeyStore {
  return storage.kind === 'sqlite' ? openSqliteKeyStore(sqliteDatabase(storage, 'gateway')) : reportingUnavailable(openMongoKeyStore(storage.client.db()));
}
