// Runs the CasesStore contract against every adapter available here.
import { casesStoreContract } from './repository.contract.js';
import { openSqliteCasesStore } from './sqlite-repository.js';
import { openMongoCasesStore } from './mongodb-repository.js';
import { onEveryAdapter } from '../../test/support/adapters.js';

onEveryAdapter('cases', casesStoreContract, {
  sqlite: openSqliteCasesStore,
  mongodb: (db, collectionPrefix) => openMongoCasesStore(db, { collectionPrefix }),
});
