// Runs the EvidenceStore contract against every adapter available here.
import { evidenceStoreContract } from './contract.js';
import { openSqliteEvidenceStore } from './sqlite.js';
import { openMongoEvidenceStore } from './mongodb.js';
import { onEveryAdapter } from '../../../test/support/adapters.js';

onEveryAdapter('evidence', evidenceStoreContract, {
  sqlite: openSqliteEvidenceStore,
  mongodb: (db, collectionPrefix) => openMongoEvidenceStore(db, { collectionPrefix }),
});
