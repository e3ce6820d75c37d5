// Runs the FinanceStore contract against every adapter available here.
import { financeStoreContract } from './repository.contract.js';
import { openSqliteFinanceStore } from './sqlite-repository.js';
import { openMongoFinanceStore } from './mongodb-repository.js';
import { onEveryAdapter } from '../../test/support/adapters.js';

onEveryAdapter('finance', financeStoreContract, {
  sqlite: openSqliteFinanceStore,
  mongodb: (db, collectionPrefix) => openMongoFinanceStore(db, { collectionPrefix }),
});
