// Runs the EvidenceStore contract against every adapter available here.
import { onEveryAdapter } from '../../../test/support/adapters.js';
import { evidenceStoreContract } from './contract.js';
import { openMongoEvidenceStore } from './mongodb.js';
import { openSqliteEvidenceStore } from './sqlite.js';

onEveryAdapter('evidence', evidenceStoreContract, {
  sqlite: openSqliteEvidenceStore,
  mongodb: (db, collectionPrefix) => openMongoEvidenceStore(db, { collectionPrefix }),
});
