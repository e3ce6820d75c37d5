// Runs the NotificationStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { TEST_SECRET_BOX } from '../../../test/support/secrets.js';
import { notificationStoreContract } from './contract.js';
import { openMongoNotificationStore } from './mongodb.js';
import { openSqliteNotificationStore } from './sqlite.js';

onEveryAdapter('notifications', notificationStoreContract, {
  sqlite: (db) => openSqliteNotificationStore(db, TEST_SECRET_BOX),
  mongodb: (db, collectionPrefix) => openMongoNotificationStore(db, TEST_SECRET_BOX, { collectionPrefix }),
});
