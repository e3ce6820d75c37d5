// `iphub audit`: re-walks the whole ledger in the data directory (or MongoDB), with progress.
import type { AuditReport, Ledger } from '../ledger/index.js';
import { closeOnSignals, interrupted } from '../platform/process.js';
import { closeStorage, openLedgerOn, openStorage } from '../platform/storage.js';

export async function audit(progress: (done: number, total: number) => void): Promise<AuditReport> {
  const storage = await openStorage();
  let ledger: Ledger | undefined;
  // Also when the audit of a long ledger is cut short with Ctrl-C.
  const close = closeOnSignals(async () => {
    await ledger?.close();
    await closeStorage(storage);
  }, interrupted);
  try {
    ledger = await openLedgerOn(storage);
    return await ledger.audit(progress);
  } finally {
    await close();
  }
}
