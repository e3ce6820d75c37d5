// What the finance subgraph tells people: a pledge proposed, declined, withdrawn, registered,
// amended, released or enforced, a pledgee's
// consent to a disposal recorded (`pledge.*`), and an insurance claim settled (`claim.settled`).
// Pure: the resolvers build these and hand them to the store, which writes them to its outbox in
// the transaction of the change they report, so the store never composes a message.
//
// Who is told: the parties who may read the pledge or policy, by the same rules as queries (the
// pledgor enterprise and the pledgee bank or guarantor; the insured enterprise and the insurer). Centre staff
// see every notification anyway.
import type { Receipt } from '../../ledger/index.js';
import type { Audience } from '../../outbox/audience.js';
import { audienceOf, bounded, instant, type NoticeData, receiptData } from '../../outbox/notice-data.js';
import type { EventType, Notice } from '../../outbox/notification.js';
import type { ClaimRecord, ConsentRecord, PendingAmendment, PledgeRecord, PolicyRecord } from './domain/model.js';

const pledgeSubject = (id: string): string => `pledge:${id}`;
const claimSubject = (id: string): string => `insurance_claim:${id}`;

const pledgeAudience = (p: PledgeRecord): Audience[] =>
  audienceOf([
    { kind: 'ENTERPRISE', id: p.pledgorId },
    { kind: 'ORGANIZATION', role: p.pledgeeKind, name: p.pledgee },
  ]);

/** The pledge as its notifications tell it; amounts as strings, exact in any JSON reader (as over GraphQL). */
const pledgeData = (p: PledgeRecord): NoticeData => ({
  pledgeId: p.id,
  registrationNumber: p.registrationNumber,
  pledgor: p.pledgorId,
  pledgee: p.pledgee,
  collateral: p.collateral.map((a) => ({ kind: a.kind, id: a.id })),
  securedAmountFen: String(p.securedAmountFen),
  term: { startDate: p.term.startDate, endDate: p.term.endDate },
  state: p.state,
});
const PLEDGE_ESSENTIALS = ['pledgeId', 'registrationNumber', 'pledgor', 'state', 'securedAmountFen'];

/** A notice of pledge `p`: `id` its own within its type, told to both parties, with the pledge's data and `extra`. */
function pledgeNotice(type: EventType, id: string, at: string, p: PledgeRecord, extra: NoticeData, essentials = PLEDGE_ESSENTIALS): Notice {
  return {
    id: `${type}:${id}`,
    type,
    occurredAt: instant(at),
    subject: pledgeSubject(p.id),
    audience: pledgeAudience(p),
    data: bounded({ ...pledgeData(p), ...extra }, essentials),
  };
}

/**
 * A pledge's registration, made final: `p` as recorded on the ledger, with its receipt. One per
 * pledge; it occurred when the pledge was registered.
 */
export const pledgeRegistered = (p: PledgeRecord): Notice =>
  pledgeNotice('pledge.registered', p.id, p.registeredAt, p, { registrationReceipt: receiptData(p.registrationReceipt) });

/** A pledge proposed by its pledgee, awaiting the pledgor: one per pledge. */
export const pledgeProposed = (p: PledgeRecord): Notice =>
  pledgeNotice('pledge.proposed', p.id, p.registeredAt, p, {
    contract: p.application === null ? null : { date: p.application.contract.date, digest: p.application.contract.digest },
  });

/** A proposal answered without a pledge, `p` as it is after (DECLINED by the pledgor or WITHDRAWN by the pledgee): one per pledge. */
export const proposalClosed = (p: PledgeRecord & { readonly state: 'DECLINED' | 'WITHDRAWN'; readonly closedAt: string }, note: string | null): Notice =>
  pledgeNotice(p.state === 'DECLINED' ? 'pledge.declined' : 'pledge.withdrawn', p.id, p.closedAt, p, { closedAt: instant(p.closedAt), note });

/** An amendment of pledge `p`: proposed, dropped (declined or withdrawn) or made; one of each per proposal, by when it was proposed. */
export function amendmentNotice(
  type: 'pledge.amendment.proposed' | 'pledge.amendment.dropped' | 'pledge.amended',
  p: PledgeRecord,
  a: PendingAmendment,
  at: string,
  receipt: Receipt | null = null,
): Notice {
  const amendment = {
    securedAmountFen: a.changes.securedAmountFen === undefined ? null : String(a.changes.securedAmountFen),
    termEndDate: a.changes.term?.endDate ?? null,
    contract: { date: a.contract.date, digest: a.contract.digest },
  };
  const extra = { amendment, ...(receipt === null ? {} : { amendmentReceipt: receiptData(receipt) }) };
  return pledgeNotice(type, `${p.id}:${a.proposedAt}`, at, p, extra, [...PLEDGE_ESSENTIALS, 'amendment']);
}

/** A pledge closed, `p` as it is after (RELEASED or ENFORCED, with its closing time): one per pledge, since a pledge closes once. */
export function pledgeClosed(p: PledgeRecord & { readonly state: 'RELEASED' | 'ENFORCED'; readonly closedAt: string }): Notice {
  const extra: NoticeData =
    p.state === 'RELEASED' ? { releaseReceipt: receiptData(p.releaseReceipt) } : { lossFen: p.enforcement === null ? null : String(p.enforcement.lossFen) };
  return pledgeNotice(p.state === 'RELEASED' ? 'pledge.released' : 'pledge.enforced', p.id, p.closedAt, p, { closedAt: instant(p.closedAt), ...extra });
}

/** The pledgee's consent to a disposal recorded on pledge `p`: one per consent. */
export function consentRecorded(p: PledgeRecord, c: ConsentRecord): Notice {
  const extra = {
    consentId: c.id,
    asset: { kind: c.asset.kind, id: c.asset.id },
    disposal: c.disposal,
    counterpartyId: c.outsideCounterparty === null ? c.counterpartyId : null,
    outsideCounterparty: c.outsideCounterparty === null ? null : { ...c.outsideCounterparty },
    note: c.note,
  };
  return pledgeNotice('pledge.consent_recorded', c.id, c.grantedAt, p, extra, [...PLEDGE_ESSENTIALS, 'consentId', 'asset', 'disposal', 'counterpartyId']);
}

/** A claim on policy `policy` settled, `c` as it is after (PAID or REJECTED): one per claim, since a claim is settled once. */
export function claimSettled(policy: PolicyRecord, c: ClaimRecord & { readonly status: 'PAID' | 'REJECTED'; readonly settledAt: string }): Notice {
  return {
    id: `claim.settled:${c.id}`,
    type: 'claim.settled',
    occurredAt: instant(c.settledAt),
    subject: claimSubject(c.id),
    audience: audienceOf([
      { kind: 'ENTERPRISE', id: policy.insuredId },
      { kind: 'ORGANIZATION', role: 'INSURER', name: policy.insurer },
    ]),
    data: bounded(
      {
        claimId: c.id,
        policyId: policy.id,
        product: policy.product,
        insurer: policy.insurer,
        insured: policy.insuredId,
        amountFen: String(c.amountFen),
        decision: c.status,
        protectionCaseId: c.protectionCaseId,
        filedAt: instant(c.filedAt),
      },
      ['claimId', 'policyId', 'product', 'insured', 'amountFen', 'decision'],
    ),
  };
}
