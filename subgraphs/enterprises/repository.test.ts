// Runs the EnterprisesStore contract against every adapter available here.
import { enterprisesStoreContract } from './repository.contract.js';
import { openSqliteEnterprisesStore } from './sqlite-repository.js';
import { openMongoEnterprisesStore } from './mongodb-repository.js';
import { onEveryAdapter } from '../../test/support/adapters.js';

onEveryAdapter('enterprises', enterprisesStoreContract, {
  sqlite: openSqliteEnterprisesStore,
  mongodb: (db, collectionPrefix) => openMongoEnterprisesStore(db, { collectionPrefix }),
});
