// Runs the AccountStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { accountStoreContract } from './contract.js';
import { openMongoAccountStore } from './mongodb.js';
import { openSqliteAccountStore } from './sqlite.js';

onEveryAdapter('accounts', accountStoreContract, {
  sqlite: (db) => ({ store: openSqliteAccountStore(db), raw: async () => JSON.stringify(db.prepare('SELECT * FROM accounts').all()) }),
  mongodb: async (db, collectionPrefix) => ({
    store: await openMongoAccountStore(db, { collectionPrefix }),
    raw: async () => JSON.stringify(await db.collection(`${collectionPrefix}gateway_accounts`).find().toArray()),
  }),
});
