// Runs the EnterprisesStore contract against every adapter available here.
import { enterprisesStoreContract } from './contract.js';
import { openSqliteEnterprisesStore } from './sqlite.js';
import { openMongoEnterprisesStore } from './mongodb.js';
import { onEveryAdapter } from '../../../test/support/adapters.js';

onEveryAdapter('enterprises', enterprisesStoreContract, {
  sqlite: openSqliteEnterprisesStore,
  mongodb: (db, collectionPrefix) => openMongoEnterprisesStore(db, { collectionPrefix }),
});
