// Runs the CasesStore contract against every adapter available here.
import { casesStoreContract } from './contract.js';
import { openSqliteCasesStore } from './sqlite.js';
import { openMongoCasesStore } from './mongodb.js';
import { onEveryAdapter } from '../../../test/support/adapters.js';

onEveryAdapter('cases', casesStoreContract, {
  sqlite: openSqliteCasesStore,
  mongodb: (db, collectionPrefix) => openMongoCasesStore(db, { collectionPrefix }),
});
