// The notification store on the configured storage: its own SQLite file, or its collections in
// MongoDB, reporting a database out of reach as UNAVAILABLE.
import { reportingUnavailable } from '../../../platform/mongodb.js';
import { secretBox } from '../../../platform/secret-box.js';
import { secretsKey, sqliteDatabase, type Storage } from '../../../platform/storage.js';
import { openMongoNotificationStore } from './mongodb.js';
import type { NotificationStore } from './port.js';
import { openSqliteNotificationStore } from './sqlite.js';

/** Subscriptions' secrets sealed with the hub's secrets key (platform/storage.ts secretsKey). */
export async function openNotificationStore(storage: Storage): Promise<NotificationStore> {
  const box = secretBox(secretsKey(storage));
  return storage.kind === 'sqlite'
    ? openSqliteNotificationStore(sqliteDatabase(storage, 'notifications'), box)
    : reportingUnavailable(await openMongoNotificationStore(storage.client.db(), box));
}
