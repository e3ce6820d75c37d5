// `iphub audit`: re-walks the whole ledger in the data directory (or MongoDB), with progress.
import { closeStorage, openLedgerOn, openStorage } from '../platform/storage.js';
import type { AuditReport } from '../ledger/ledger.js';

export async function audit(progress: (done: number, total: number) => void): Promise<AuditReport> {
  const storage = await openStorage();
  const ledger = await openLedgerOn(storage);
  try {
    return await ledger.audit(progress);
  } finally {
    await ledger.close();
    await closeStorage(storage);
  }
}
