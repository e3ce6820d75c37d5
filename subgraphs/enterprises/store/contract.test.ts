// Runs the EnterprisesStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { enterprisesStoreContract } from './contract.js';
import { openMongoEnterprisesStore } from './mongodb.js';
import { openSqliteEnterprisesStore } from './sqlite.js';

onEveryAdapter('enterprises', enterprisesStoreContract, {
  sqlite: openSqliteEnterprisesStore,
  mongodb: (db, collectionPrefix) => openMongoEnterprisesStore(db, { collectionPrefix }),
});
