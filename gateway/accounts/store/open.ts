// The account store on the configured storage: the gateway's own SQLite file, or its collection in
// MongoDB, reporting a database out of reach as UNAVAILABLE.
import { reportingUnavailable } from '../../../platform/mongodb.js';
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoAccountStore } from './mongodb.js';
import type { AccountStore } from './port.js';
import { openSqliteAccountStore } from './sqlite.js';

export async function openAccountStore(storage: Storage): Promise<AccountStore> {
  return storage.kind === 'sqlite'
    ? openSqliteAccountStore(sqliteDatabase(storage, 'gateway'))
    : reportingUnavailable(await openMongoAccountStore(storage.client.db()));
}
