// Runs the CasesStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { casesStoreContract } from './contract.js';
import { openMongoCasesStore } from './mongodb.js';
import { openSqliteCasesStore } from './sqlite.js';

onEveryAdapter('cases', casesStoreContract, {
  sqlite: openSqliteCasesStore,
  mongodb: (db, collectionPrefix) => openMongoCasesStore(db, { collectionPrefix }),
});
