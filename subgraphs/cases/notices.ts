// What the cases subgraph tells people: a case filed (`case.filed`) and every move of a case
// (`case.moved`), pre-examination and protection alike. Pure: the resolvers build these and hand
// them to the store, which writes them to its outbox in the transaction of the change they
// report, so the store never composes a message.
//
// Who is told: the enterprises a case concerns (the applicant of a pre-examination case, the
// registered enterprises among a protection case's parties) and, once a protection case names
// the court it was referred to, that court; a filing goes to the centre's inbox too, since staff
// act on it next. The respondents of a protection case are told of it only once staff accept it:
// any enterprise may name any other as respondent, and an application not accepted (rejected,
// withdrawn first) pushes nothing into a respondent's inbox. Centre staff see every notification
// anyway.
import type { Audience } from '../../outbox/audience.js';
import { audienceOf, bounded, instant, type NoticeData, receiptData } from '../../outbox/notice-data.js';
import type { Notice } from '../../outbox/notification.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord } from './domain/model.js';
import type { ProtectionState } from './domain/workflow.js';

const preExamSubject = (id: string): string => `pre_exam_case:${id}`;
const protectionSubject = (id: string): string => `protection_case:${id}`;

/** What a case's notification keeps when its free text (title, summary, note) must go. */
const ESSENTIALS = ['caseId', 'caseKind', 'applicationNumber', 'protectionKind', 'route', 'referredTo', 'state', 'from', 'to'];

const applicant = (c: PreExamCaseRecord): Audience => ({ kind: 'ENTERPRISE', id: c.enterpriseId });

/** The claimant first, then the registered respondents once the case is accepted; the court once the case names it. */
function concerned(c: ProtectionCaseRecord, accepted: boolean): Audience[] {
  const parties = [...c.parties].filter((p) => accepted || p.role === 'CLAIMANT').sort((a, b) => (a.role === b.role ? 0 : a.role === 'CLAIMANT' ? -1 : 1));
  const enterprises = parties.flatMap((p): Audience[] => (p.enterpriseId === null ? [] : [{ kind: 'ENTERPRISE', id: p.enterpriseId }]));
  const court: Audience[] = c.referredTo === null ? [] : [{ kind: 'ORGANIZATION', role: 'COURT', name: c.referredTo }];
  return [...court, ...enterprises];
}

const preExamData = (c: PreExamCaseRecord): NoticeData => ({
  caseId: c.id,
  caseKind: 'PRE_EXAM',
  applicationNumber: c.applicationNumber,
  title: c.title,
});

const protectionData = (c: ProtectionCaseRecord): NoticeData => ({
  caseId: c.id,
  caseKind: 'PROTECTION',
  protectionKind: c.kind,
  route: c.route,
  summary: c.summary,
  referredTo: c.referredTo,
});

/** The filing of a pre-examination case: one per case. */
export function preExamFiled(c: PreExamCaseRecord, first: CaseEvent): Notice {
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
export function preExamMoved(c: PreExamCaseRecord, e: CaseEvent): Notice {
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
export function protectionFiled(c: ProtectionCaseRecord, first: CaseEvent<ProtectionState>): Notice {
  const subject = protectionSubject(c.id);
  return {
    id: `case.filed:${subject}`,
    type: 'case.filed',
    occurredAt: instant(first.at),
    subject,
    audience: audienceOf([{ kind: 'CENTRE' }, ...concerned(c, false)]),
    data: bounded({ ...protectionData(c), state: first.to }, ESSENTIALS),
  };
}

/** One move of a protection case, `c` as it is after the move (a REFERRED case naming its court); ids as preExamMoved's. */
export function protectionMoved(c: ProtectionCaseRecord, e: CaseEvent<ProtectionState>): Notice {
  const subject = protectionSubject(c.id);
  return {
    id: `case.moved:${subject}:${instant(e.at)}:${e.to}`,
    type: 'case.moved',
    occurredAt: instant(e.at),
    subject,
    // Accepted by this move, or earlier (any move from a state past APPLIED).
    audience: audienceOf(concerned(c, e.to === 'ACCEPTED' || (e.from !== null && e.from !== 'APPLIED'))),
    data: bounded({ ...protectionData(c), from: e.from, to: e.to, note: e.note, outcomeReceipt: receiptData(c.outcomeReceipt) }, ESSENTIALS),
  };
}
