// What a notification says, in the reader's language: its type's name, what it is about
// (`patent:2023…` → 专利 2023…), and a line from its data. Types this page does not know are
// shown as the hub names them.
import type { MessageKey } from '../../messages';

export interface Notification {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

type T = (key: MessageKey, values?: Record<string, string | number>) => string;
type Label = (group: string, value: string) => string;

const SUBJECTS: Readonly<Record<string, MessageKey>> = {
  patent: 'inbox.subject.patent',
  trademark: 'inbox.subject.trademark',
  pre_exam_case: 'inbox.subject.preExamCase',
  protection_case: 'inbox.subject.protectionCase',
  pledge: 'inbox.subject.pledge',
  insurance_claim: 'inbox.subject.claim',
  webhook_subscription: 'inbox.subject.webhook',
};

/** `kind:id` as words: the kind named, the id as it is. */
export function subjectOf(subject: string, t: T): string {
  const at = subject.indexOf(':');
  const key = at < 0 ? undefined : SUBJECTS[subject.slice(0, at)];
  return key === undefined ? subject : `${t(key)} ${subject.slice(at + 1)}`;
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Readonly<Record<string, unknown>> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The notification's line of detail, or '' for a type without one. */
export function detailOf(n: Notification, t: T, label: Label): string {
  const d = n.data;
  const right = obj(d.right);
  const rightText = right.kind === undefined ? '' : `${label('RightKind', text(right.kind))} ${text(right.number)}`;
  const caseStates = d.caseKind === 'PROTECTION' ? 'ProtectionState' : 'PreExamState';
  switch (n.type) {
    case 'patent.annual_fee.warning':
      return t('inbox.detail.feeWarning', {
        number: text(d.applicationNumber),
        title: text(d.title),
        year: text(d.year),
        due: text(d.payableUntil ?? d.dueDate),
      });
    case 'patent.annual_fee.grace':
      return t('inbox.detail.feeGrace', { number: text(d.applicationNumber), title: text(d.title), year: text(d.year), end: text(d.graceEndsOn) });
    case 'patent.protection.ending':
      return t('inbox.detail.protectionEnding', { number: text(d.applicationNumber), title: text(d.title), end: text(d.endsOn) });
    case 'patent.examination_request.due':
      return t('inbox.detail.examinationDue', { number: text(d.applicationNumber), title: text(d.title), by: text(d.requestBy), from: text(d.countedFrom) });
    case 'patent.declaration.superseded':
      return t('inbox.detail.superseded', { number: text(d.applicationNumber), status: label('PatentStatus', text(d.status)) });
    case 'trademark.registration.ending':
      return t('inbox.detail.registrationEnding', { number: text(d.registrationNumber), mark: text(d.mark), end: text(d.expiryDate) });
    case 'right.transferred':
      return t('inbox.detail.transferred', { right: rightText, date: text(d.contractDate), seq: text(d.ledgerSeq) });
    case 'licence.registered': {
      const term = obj(d.term);
      return t('inbox.detail.licensed', {
        right: rightText,
        kind: label('LicenceKind', text(d.kind)),
        start: text(term.startDate),
        end: text(term.endDate),
        seq: text(d.ledgerSeq),
      });
    }
    case 'licence.recorded.late':
      return t('inbox.detail.recordedLate', {
        right: rightText,
        recorded: text(d.recordedOn),
        deadline: text(d.recordingDeadline),
        effective: text(d.effectiveDate),
        seq: text(d.ledgerSeq),
      });
    case 'case.filed':
      return t('inbox.detail.caseFiled', { what: text(d.title ?? d.applicationNumber ?? d.summary), state: label(caseStates, text(d.state)) });
    case 'case.moved':
      return t('inbox.detail.caseMoved', {
        what: text(d.title ?? d.applicationNumber ?? d.summary),
        from: d.from === null || d.from === undefined ? '—' : label(caseStates, text(d.from)),
        to: label(caseStates, text(d.to)),
      });
    case 'pledge.proposed':
    case 'pledge.declined':
    case 'pledge.withdrawn':
    case 'pledge.amendment.proposed':
    case 'pledge.amendment.dropped':
    case 'pledge.amended':
    case 'pledge.registered':
    case 'pledge.released':
    case 'pledge.enforced':
      return t('inbox.detail.pledge', { number: text(d.registrationNumber), pledgee: text(d.pledgee) });
    case 'pledge.consent_recorded': {
      const asset = obj(d.asset);
      return t('inbox.detail.consent', {
        number: text(d.registrationNumber),
        disposal: label('Disposal', text(d.disposal)),
        asset: `${label('RightKind', text(asset.kind))} ${text(asset.id)}`,
      });
    }
    case 'claim.settled':
      return t('inbox.detail.claim', { decision: label('InsuranceClaimStatus', text(d.decision)), insurer: text(d.insurer) });
    case 'webhook.paused':
      return t('inbox.detail.webhookPaused', { url: text(d.url), since: text(d.failingSince), error: text(d.lastError) });
    default:
      return '';
  }
}
