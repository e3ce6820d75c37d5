// The session store on the configured storage: the gateway's own SQLite file, or its collection in
// MongoDB, reporting a database out of reach as UNAVAILABLE.
import { reportingUnavailable } from '../../../platform/mongodb.js';
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoSessionStore } from './mongodb.js';
import type { SessionStore } from './port.js';
import { openSqliteSessionStore } from './sqlite.js';

export async function openSessionStore(storage: Storage): Promise<SessionStore> {
  return storage.kind === 'sqlite'
    ? openSqliteSessionStore(sqliteDatabase(storage, 'gateway'))
    : reportingUnavailable(await openMongoSessionStore(storage.client.db()));
}
