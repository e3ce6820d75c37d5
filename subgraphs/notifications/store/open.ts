// The notification store on the configured storage: its own SQLite file, or its collections in
// MongoDB, reporting a database out of reach as UNAVAILABLE.
import { reportingUnavailable } from '../../../platform/mongodb.js';
import { sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoNotificationStore } from './mongodb.js';
import type { NotificationStore } from './port.js';
import { openSqliteNotificationStore } from './sqlite.js';

export async function openNotificationStore(storage: Storage): Promise<NotificationStore> {
  return storage.kind === 'sqlite'
    ? openSqliteNotificationStore(sqliteDatabase(storage, 'notifications'))
    : reportingUnavailable(await openMongoNotificationStore(storage.client.db()));
}
