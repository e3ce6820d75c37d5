// Runs the FinanceStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { financeStoreContract } from './contract.js';
import { openMongoFinanceStore } from './mongodb.js';
import { openSqliteFinanceStore } from './sqlite.js';

onEveryAdapter('finance', financeStoreContract, {
  sqlite: openSqliteFinanceStore,
  mongodb: (db, collectionPrefix) => openMongoFinanceStore(db, { collectionPrefix }),
});
