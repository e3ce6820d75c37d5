// What the enterprises subgraph tells people: a right transferred or licensed, a licence recorded
// after its time limit (written with the change), and the daily warnings: an annual fee entering its warning window or its grace period,
// a patent's protection or a trademark's registration nearing its end. Pure. A warning's id names
// the right, the deadline and the stage, so each is told once however often it is found.
import type { Notice } from '../../outbox/notification.js';
import { feeYearOf } from './domain/annual-fee.js';
import { examinationRequestLastDay } from './domain/deadlines.js';
import type { LicenceRecord, OutsideParty, PatentRecord, RightRef, TrademarkRecord, TransferRecord } from './domain/model.js';

/** How the ledger's entries and the notifications name a right: `patent:<number>`, `trademark:<number>`. */
export const rightSubject = (r: RightRef): string => `${r.kind.toLowerCase()}:${r.number}`;
const enterprise = (id: string) => ({ kind: 'ENTERPRISE' as const, id });
/** The enterprises among the parties: one outside the registry (null) has no inbox here. */
const enterprises = (...ids: readonly (string | null)[]) => ids.flatMap((id) => (id === null ? [] : [enterprise(id)]));
/** A party outside the registry as a notice names it: by kind, name and country. */
const outside = (o: OutsideParty | undefined): { outside?: { kind: string; name: string; country: string } } =>
  o === undefined ? {} : { outside: { kind: o.kind, name: o.name, country: o.country } };

export function transferred(t: TransferRecord): Notice {
  return {
    id: `right.transferred:${t.id}`,
    type: 'right.transferred',
    occurredAt: t.registeredAt,
    subject: rightSubject(t.right),
    audience: enterprises(t.fromEnterpriseId, t.toEnterpriseId),
    data: {
      transferId: t.id,
      right: { kind: t.right.kind, number: t.right.number },
      from: t.fromEnterpriseId,
      to: t.toEnterpriseId,
      ...outside(t.toOutside),
      contractDate: t.contractDate,
      ledgerSeq: t.receipt.seq,
    },
  };
}

export function licensed(l: LicenceRecord): Notice {
  return {
    id: `licence.registered:${l.id}`,
    type: 'licence.registered',
    occurredAt: l.registeredAt,
    subject: rightSubject(l.right),
    audience: enterprises(l.licensorId, l.licenseeId),
    data: {
      licenceId: l.id,
      right: { kind: l.right.kind, number: l.right.number },
      licensor: l.licensorId,
      licensee: l.licenseeId,
      ...outside(l.outsideLicensee),
      kind: l.kind,
      territory: [...l.territory],
      term: { startDate: l.startDate, endDate: l.endDate },
      ledgerSeq: l.receipt.seq,
    },
  };
}

/**
 * A licence recorded after its time limit (domain/licences.ts recordingDeadline: for a patent,
 * three months from the contract taking effect, 专利实施许可合同备案办法 art. 5): recorded all the
 * same, and both parties told, once per licence.
 */
export function recordedLate(l: LicenceRecord, deadline: string, recordedOn: string): Notice {
  return {
    id: `licence.recorded.late:${l.id}`,
    type: 'licence.recorded.late',
    occurredAt: l.registeredAt,
    subject: rightSubject(l.right),
    audience: enterprises(l.licensorId, l.licenseeId),
    data: {
      licenceId: l.id,
      right: { kind: l.right.kind, number: l.right.number },
      licensor: l.licensorId,
      licensee: l.licenseeId,
      ...outside(l.outsideLicensee),
      effectiveDate: l.effectiveDate,
      recordingDeadline: deadline,
      recordedOn,
      ledgerSeq: l.receipt.seq,
    },
  };
}

export type FeeStage = 'warning' | 'grace';

/** A patent's annual fee due on `dueDate` entering a stage: told once per patent, year and stage. */
export function feeWarning(
  p: PatentRecord,
  dueDate: string,
  limits: { readonly payableUntil: string; readonly graceEndsOn: string },
  stage: FeeStage,
  at: string,
): Notice {
  return {
    id: `patent.annual_fee.${stage}:${p.applicationNumber}:${dueDate}`,
    type: `patent.annual_fee.${stage}`,
    occurredAt: at,
    subject: `patent:${p.applicationNumber}`,
    audience: enterprises(p.enterpriseId),
    data: { applicationNumber: p.applicationNumber, title: p.title, year: feeYearOf(p.filingDate, dueDate), dueDate, ...limits },
  };
}

/**
 * A pending invention whose request for substantive examination falls due (Patent Law art. 35):
 * told once per application. `dueOn` is the three years' last day as counted; `requestBy` moves it
 * past a holiday.
 */
export function examinationRequestDue(p: PatentRecord, dueOn: string, at: string): Notice {
  return {
    id: `patent.examination_request.due:${p.applicationNumber}:${dueOn}`,
    type: 'patent.examination_request.due',
    occurredAt: at,
    subject: `patent:${p.applicationNumber}`,
    audience: enterprises(p.enterpriseId),
    data: {
      applicationNumber: p.applicationNumber,
      title: p.title,
      countedFrom: p.priorityDate ?? p.filingDate,
      requestBy: examinationRequestLastDay(p),
    },
  };
}

export function protectionEnding(p: PatentRecord, endsOn: string, at: string): Notice {
  return {
    id: `patent.protection.ending:${p.applicationNumber}:${endsOn}`,
    type: 'patent.protection.ending',
    occurredAt: at,
    subject: `patent:${p.applicationNumber}`,
    audience: enterprises(p.enterpriseId),
    data: { applicationNumber: p.applicationNumber, title: p.title, endsOn },
  };
}

export function registrationEnding(m: TrademarkRecord, at: string): Notice {
  return {
    id: `trademark.registration.ending:${m.registrationNumber}:${m.expiryDate}`,
    type: 'trademark.registration.ending',
    occurredAt: at,
    subject: `trademark:${m.registrationNumber}`,
    audience: enterprises(m.enterpriseId),
    data: { registrationNumber: m.registrationNumber, mark: m.mark, expiryDate: m.expiryDate },
  };
}
