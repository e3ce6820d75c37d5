// Finds the time-based warnings once a day (and on start): annual fees entering their warning
// window or their grace period, an invention's examination request falling due, patents'
// protection and trademarks' registrations nearing their end. Each window is read from its index a page at a time, yielding between pages so requests
// go on; each warning goes to the outbox once ever, by its id.
import { setImmediate as yieldToRequests } from 'node:timers/promises';

import { today } from '../../platform/hub-calendar.js';
import { addDays } from '../../standards/calendar-date.js';
import { DEFAULT_WARNING_DAYS, feeTimeLimits } from './domain/annual-fee.js';
import { earliestDueInGrace, earliestDueNotLate, patentDeadlines } from './domain/deadlines.js';
import { examinationRequestDue, feeWarning, protectionEnding, registrationEnding } from './notices.js';
import { repeat, type Repeating, type RepeatOptions } from './repeat.js';
import type { DatedKey, DateWindow, EnterprisesStore } from './store/port.js';

/** How far ahead an end of protection or registration is told: the expiry warnings' window. */
export const EXPIRY_NOTICE_DAYS = 180;
const PAGE = 1_000;
const DAY_MS = 86_400_000;

/** Pages through a dated index, from the window's first day. */
async function eachPage<T>(read: (after: DatedKey | undefined) => Promise<T[]>, keyOf: (row: T) => DatedKey, use: (rows: T[]) => Promise<void>): Promise<void> {
  let after: DatedKey | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) await use(rows);
    if (rows.length < PAGE) return;
    after = keyOf(rows.at(-1)!);
    await yieldToRequests();
  }
}

/** Writes the warnings due on `asOf` (YYYY-MM-DD) to the outbox; how many it found (told before or not). */
export async function findWarnings(store: EnterprisesStore, asOf: string, at: string): Promise<number> {
  let found = 0;
  const warn = async (ns: Parameters<EnterprisesStore['warn']>[0]) => {
    found += ns.length;
    await store.warn(ns);
  };
  const ahead = (days: number): DateWindow => ({ from: asOf, to: addDays(asOf, days) });
  const fees = async (window: DateWindow, stage: 'warning' | 'grace') =>
    eachPage(
      (after) => store.patents.feesDue({}, window, after, PAGE),
      (p) => ({ date: patentDeadlines(p).feeDue!, number: p.applicationNumber }),
      (ps) =>
        warn(
          ps.map((p) => {
            const due = patentDeadlines(p).feeDue!;
            return feeWarning(p, due, feeTimeLimits(due), stage, at);
          }),
        ),
    );
  // Due dates still payable without surcharge (one on a holiday stays so until the next working day), then the late ones.
  const notLate = earliestDueNotLate(asOf);
  await fees({ from: notLate, to: addDays(asOf, DEFAULT_WARNING_DAYS) }, 'warning');
  await fees({ from: earliestDueInGrace(asOf), to: addDays(notLate, -1) }, 'grace');
  await eachPage(
    (after) => store.patents.examinationRequestsDue({}, ahead(DEFAULT_WARNING_DAYS), after, PAGE),
    (p) => ({ date: patentDeadlines(p).examinationDue!, number: p.applicationNumber }),
    (ps) => warn(ps.map((p) => examinationRequestDue(p, patentDeadlines(p).examinationDue!, at))),
  );
  await eachPage(
    (after) => store.patents.protectionEnding({}, ahead(EXPIRY_NOTICE_DAYS), after, PAGE),
    (p) => ({ date: patentDeadlines(p).protectionEnds!, number: p.applicationNumber }),
    (ps) => warn(ps.map((p) => protectionEnding(p, patentDeadlines(p).protectionEnds!, at))),
  );
  await eachPage(
    (after) => store.trademarks.expiring({}, ahead(EXPIRY_NOTICE_DAYS), after, PAGE),
    (m) => ({ date: m.expiryDate, number: m.registrationNumber }),
    (ms) => warn(ms.map((m) => registrationEnding(m, at))),
  );
  return found;
}

/**
 * Runs findWarnings now and then once a day, on the clock given (ms since the epoch). A run that
 * fails is logged and tried again at the next.
 */
export const startWarningScheduler = (store: EnterprisesStore, options: RepeatOptions = {}): Repeating =>
  repeat('warning scheduler', DAY_MS, (at) => findWarnings(store, today(at), at.toISOString()), options);
