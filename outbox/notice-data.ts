// What the producers of notifications (each subgraph's notices.ts) build them from, within what
// notification.ts accepts: an audience each recipient once, data within its bound, times and
// ledger receipts as the API shows them. A notification that cannot be written would fail the
// change it reports, so what would not fit is left out here instead.
import type { JsonValue } from '../platform/json.js';
import { type Audience, recipientKey } from './audience.js';
import { MAX_AUDIENCE, MAX_DATA_BYTES, notificationProblem } from './notification.js';

export type NoticeData = { [key: string]: JsonValue };

/** Whether one audience entry is acceptable as notification.ts judges it (an id or name of 1 to 200 characters, no control characters). */
const fits = (a: Audience): boolean =>
  notificationProblem({ id: 'probe', type: 'probe.audience', occurredAt: new Date(0).toISOString(), subject: 'probe', audience: [a], data: {} }) === undefined;

/**
 * Each recipient once, in the order given, leaving out one no inbox could name (an enterprise id,
 * a bank's or a court's name too long to be a key: staff still see the notification), at most
 * MAX_AUDIENCE.
 */
export function audienceOf(entries: readonly Audience[]): Audience[] {
  const seen = new Set<string>();
  const out: Audience[] = [];
  for (const a of entries) {
    const key = recipientKey(a);
    if (seen.has(key) || !fits(a)) continue;
    seen.add(key);
    out.push(a);
  }
  return out.slice(0, MAX_AUDIENCE);
}

/**
 * `data`, or, when its JSON is over the notification's bound (free text full of characters JSON
 * escapes, a name of any length), only its `essential` keys, marked truncated.
 */
export function bounded(data: NoticeData, essential: readonly string[]): NoticeData {
  if (Buffer.byteLength(JSON.stringify(data)) <= MAX_DATA_BYTES) return data;
  return { ...Object.fromEntries(Object.entries(data).filter(([k]) => essential.includes(k))), truncated: true };
}

/** A stored time as an ISO instant. */
export const instant = (at: string): string => new Date(at).toISOString();

/** A ledger receipt as GraphQL's LedgerReceipt shows it: its time an ISO instant. */
export const receiptData = (r: { readonly seq: number; readonly entryHash: string; readonly timestamp: number } | null): JsonValue =>
  r === null ? null : { seq: r.seq, entryHash: r.entryHash, timestamp: new Date(r.timestamp).toISOString() };
