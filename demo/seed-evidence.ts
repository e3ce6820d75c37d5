// The evidence subgraph's demo deposits: appended to the ledger, then stored with their receipts.
import type { Ledger } from '../ledger/index.js';
import type { Storage } from '../platform/storage.js';
import type { EvidenceRecord } from '../subgraphs/evidence/domain/model.js';
import { openEvidenceStore } from '../subgraphs/evidence/store/open.js';
import { inBatches } from './batches.js';
import type { Deposit } from './generate.js';

// Concurrent ledger appends (which share group commits) and evidence rows per transaction.
const BATCH = 2000;

export async function seedEvidence(storage: Storage, ledger: Ledger, deposits: readonly Deposit[]): Promise<void> {
  const evidenceStore = await openEvidenceStore(storage);
  try {
    // As depositEvidence does it: append to the ledger first, then store the records with
    // their receipts. A batch's concurrent appends share group commits.
    await inBatches(
      deposits,
      async (batch) => {
        const records = await Promise.all(
          batch.map(async (d): Promise<EvidenceRecord> => {
            const receipt = await ledger.append({
              kind: 'EVIDENCE_DEPOSIT',
              subject: `evidence:${d.id}`,
              contentDigest: d.contentDigest,
              depositor: d.depositorId,
              metadata: { title: d.title, category: d.category },
            });
            return { ...d, depositedAt: new Date(receipt.timestamp).toISOString(), receipt };
          }),
        );
        await evidenceStore.evidence.insertMany(records);
      },
      BATCH,
    );
  } finally {
    await evidenceStore.close();
  }
}
