// Puts transfers into effect on their effective date: a patent's registration with CNIPA (Patent
// Law art. 10(3): 专利权的转让自登记之日起生效), a trademark's announcement (Trademark Law art. 42(4):
// 受让人自公告之日起享有商标专用权). A transfer recorded for a later day waits PENDING (rights.ts); once
// its day has come, the right moves to the transferee and both parties are told. Each move is one
// transaction that finds the transfer still PENDING, so that processes running this together move
// each right once. The RIGHT_TRANSFER entry was signed when the transfer was recorded: nothing new
// is signed here.
import { today } from '../../platform/hub-calendar.js';
import { transferParts } from './domain/model.js';
import { transferred } from './notices.js';
import { repeat, type Repeating, type RepeatOptions } from './repeat.js';
import { transferEvent } from './right-acts.js';
import type { EnterprisesStore } from './store/port.js';

const PAGE = 100;
/** How often the scheduler looks: a transfer moves within the hour its day begins. */
const HOUR_MS = 3_600_000;

/**
 * Puts into effect the PENDING transfers whose effective date is `asOf` (YYYY-MM-DD) or before,
 * each changed at `at`; how many it moved (one another process moved first, or whose right the
 * registry feed gave another owner meanwhile, is left).
 */
export async function effectDueTransfers(store: EnterprisesStore, asOf: string, at: string): Promise<number> {
  let moved = 0;
  const skipped = new Set<string>();
  for (;;) {
    const due = (await store.rights.pendingTransfers(asOf, PAGE + skipped.size)).filter((t) => !skipped.has(t.id));
    for (const t of due) {
      // As the staff who recorded it acted, on its day; a trademark's same marks in its class with it (Trademark Law art. 42(2)).
      const parts = transferParts({ ...t, state: 'EFFECTIVE' as const });
      const done = await store.rights.effectTransfer(
        t.id,
        parts.map((part) => transferEvent(part, at, 'CENTER_STAFF')),
        parts.map((part) => transferred(part)),
      );
      if (done) moved++;
      else skipped.add(t.id);
    }
    if (due.length < PAGE) return moved;
  }
}

/** Runs effectDueTransfers now and then every hour, on the clock given (ms since the epoch). */
export const startTransferScheduler = (store: EnterprisesStore, options: RepeatOptions = {}): Repeating =>
  repeat('transfer scheduler', HOUR_MS, (at) => effectDueTransfers(store, today(at), at.toISOString()), options);
