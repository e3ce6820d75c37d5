// Runs the EvidenceStore contract against every adapter available here.
import { evidenceStoreContract } from './repository.contract.js';
import { openSqliteEvidenceStore } from './sqlite-repository.js';
import { openMongoEvidenceStore } from './mongodb-repository.js';
import { onEveryAdapter } from '../../test/support/adapters.js';

onEveryAdapter('evidence', evidenceStoreContract, {
  sqlite: openSqliteEvidenceStore,
  mongodb: (db, collectionPrefix) => openMongoEvidenceStore(db, { collectionPrefix }),
});
