// What the cases subgraph tells people: a case filed (`case.filed`) and every move of a case
// (`case.moved`), pre-examination and protection alike. Pure: the resolvers build these and hand
// them to the store, which writes them to its outbox in the transaction of the change they
// report, so the store never composes a message.
//
// Who is told: the enterprises a case concerns (the applicant of a pre-examination case, the
// registered enterprises among a protection case's parties) and, once a protection case names
// the court it was referred to, that court; a filing goes to the centre's inbox too, since staff
// act on it next. Those are the callers who may read the case; centre staff see every
// notification anyway.
import type { Receipt } from '../../ledger/index.js';
import { type Audience, recipientKey } from '../../outbox/audience.js';
import { MAX_DATA_BYTES, type Notification, notificationProblem } from '../../outbox/notification.js';
import type { JsonValue } from '../../platform/json.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord } from './domain/model.js';
import type { ProtectionState } from './domain/workflow.js';

const preExamSubject = (id: string): string => `pre_exam_case:${id}`;
const protectionSubject = (id: string): string => `protection_case:${id}`;

/** notification.ts's bound on an audience's length. */
const MAX_AUDIENCE = 20;

type Data = { [key: string]: JsonValue };

/** Whether one audience entry is acceptable as notification.ts judges it (an id or name of 1 to 200 characters, no control characters). */
const fits = (a: Audience): boolean =>
  notificationProblem({ id: 'probe', type: 'probe.audience', occurredAt: new Date(0).toISOString(), subject: 'probe', audience: [a], data: {} }) === undefined;

/**
 * Each recipient once, in the order given, leaving out one no inbox could name (an enterprise id
 * or court name too long to be a key: staff still see the notification), at most MAX_AUDIENCE.
 */
function audienceOf(entries: readonly Audience[]): Audience[] {
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
 * escapes), only its `essential` keys: a notification that cannot be written would fail the
 * change it reports.
 */
function bounded(data: Data, essential: readonly string[]): Data {
  if (Buffer.byteLength(JSON.stringify(data)) <= MAX_DATA_BYTES) return data;
  return { ...Object.fromEntries(Object.entries(data).filter(([k]) => essential.includes(k))), truncated: true };
}
/** What a case's notification keeps when its free text (title, summary, note) must go. */
const ESSENTIALS = ['caseId', 'caseKind', 'applicationNumber', 'protectionKind', 'route', 'referredTo', 'state', 'from', 'to'];

const instant = (at: string): string => new Date(at).toISOString();
/** A ledger receipt as GraphQL's LedgerReceipt shows it: its time an ISO instant. */
const receiptData = (r: Receipt | null): JsonValue =>
  r === null ? null : { seq: r.seq, entryHash: r.entryHash, timestamp: new Date(r.timestamp).toISOString() };

const applicant = (c: PreExamCaseRecord): Audience => ({ kind: 'ENTERPRISE', id: c.enterpriseId });

/** The claimant first, then the registered respondents; the court once the case names it. */
function concerned(c: ProtectionCaseRecord): Audience[] {
  const parties = [...c.parties].sort((a, b) => (a.role === b.role ? 0 : a.role === 'CLAIMANT' ? -1 : 1));
  const enterprises = parties.flatMap((p): Audience[] => (p.enterpriseId === null ? [] : [{ kind: 'ENTERPRISE', id: p.enterpriseId }]));
  const court: Audience[] = c.referredTo === null ? [] : [{ kind: 'ORGANIZATION', role: 'COURT', name: c.referredTo }];
  return [...court, ...enterprises];
}

const preExamData = (c: PreExamCaseRecord): Data => ({
  caseId: c.id,
  caseKind: 'PRE_EXAM',
  applicationNumber: c.applicationNumber,
  title: c.title,
});

const protectionData = (c: ProtectionCaseRecord): Data => ({
  caseId: c.id,
  caseKind: 'PROTECTION',
  protectionKind: c.kind,
  route: c.route,
  summary: c.summary,
  referredTo: c.referredTo,
});

/** The filing of a pre-examination case: one per case. */
export function preExamFiled(c: PreExamCaseRecord, first: CaseEvent): Notification {
  const subject = preExamSubject(c.id);
  return {
    id: `case.filed:${subject}`,
    type: 'case.filed',
    occurredAt: instant(first.at),
    subject,
    audience: audienceOf([{ kind: 'CENTRE' }, applicant(c)]),
    data: bounded({ ...preExamData(c), state: first.to }, ESSENTIALS),
  };
}

/**
 * One move of a pre-examination case, `c` as it is after the move. Its id names the case, the
 * time and the state moved to: the same for the same write tried again, and different for
 * every move, since a case is moved only from the state it is in.
 */
export function preExamMoved(c: PreExamCaseRecord, e: CaseEvent): Notification {
  const subject = preExamSubject(c.id);
  return {
    id: `case.moved:${subject}:${instant(e.at)}:${e.to}`,
    type: 'case.moved',
    occurredAt: instant(e.at),
    subject,
    audience: audienceOf([applicant(c)]),
    data: bounded({ ...preExamData(c), from: e.from, to: e.to, note: e.note, decisionReceipt: receiptData(c.decisionReceipt) }, ESSENTIALS),
  };
}

/** The application for a protection case: one per case. */
export function protectionFiled(c: ProtectionCaseRecord, first: CaseEvent<ProtectionState>): Notification {
  const subject = protectionSubject(c.id);
  return {
    id: `case.filed:${subject}`,
    type: 'case.filed',
    occurredAt: instant(first.at),
    subject,
    audience: audienceOf([{ kind: 'CENTRE' }, ...concerned(c)]),
    data: bounded({ ...protectionData(c), state: first.to }, ESSENTIALS),
  };
}

/** One move of a protection case, `c` as it is after the move (a REFERRED case naming its court); ids as preExamMoved's. */
export function protectionMoved(c: ProtectionCaseRecord, e: CaseEvent<ProtectionState>): Notification {
  const subject = protectionSubject(c.id);
  return {
    id: `case.moved:${subject}:${instant(e.at)}:${e.to}`,
    type: 'case.moved',
    occurredAt: instant(e.at),
    subject,
    audience: audienceOf(concerned(c)),
    data: bounded({ ...protectionData(c), from: e.from, to: e.to, note: e.note, outcomeReceipt: receiptData(c.outcomeReceipt) }, ESSENTIALS),
  };
}
