// Runs the NotificationStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { notificationStoreContract } from './contract.js';
import { openMongoNotificationStore } from './mongodb.js';
import { openSqliteNotificationStore } from './sqlite.js';

onEveryAdapter('notifications', notificationStoreContract, {
  sqlite: (db) => openSqliteNotificationStore(db),
  mongodb: (db, collectionPrefix) => openMongoNotificationStore(db, { collectionPrefix }),
});
