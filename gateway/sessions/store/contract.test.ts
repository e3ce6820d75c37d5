// Runs the SessionStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { sessionStoreContract } from './contract.js';
import { openMongoSessionStore } from './mongodb.js';
import { openSqliteSessionStore } from './sqlite.js';

onEveryAdapter('sessions', sessionStoreContract, {
  sqlite: (db) => ({ store: openSqliteSessionStore(db), raw: async () => JSON.stringify(db.prepare('SELECT * FROM sessions').all()) }),
  mongodb: async (db, collectionPrefix) => ({
    store: await openMongoSessionStore(db, { collectionPrefix }),
    raw: async () => JSON.stringify(await db.collection(`${collectionPrefix}gateway_sessions`).find().toArray()),
  }),
});
