// Runs the FinanceStore contract against every adapter available here.
import { financeStoreContract } from './contract.js';
import { openSqliteFinanceStore } from './sqlite.js';
import { openMongoFinanceStore } from './mongodb.js';
import { onEveryAdapter } from '../../../test/support/adapters.js';

onEveryAdapter('finance', financeStoreContract, {
  sqlite: openSqliteFinanceStore,
  mongodb: (db, collectionPrefix) => openMongoFinanceStore(db, { collectionPrefix }),
});
