// What the finance subgraph tells people: a pledge registered, released or enforced, a pledgee's
// consent to a disposal recorded (`pledge.*`), and an insurance claim settled (`claim.settled`).
// Pure: the resolvers build these and hand them to the store, which writes them to its outbox in
// the transaction of the change they report, so the store never composes a message.
//
// Who is told: the parties who may read the pledge or policy, by the same rules as queries (the
// pledgor enterprise and the pledgee bank; the insured enterprise and the insurer). Centre staff
// see every notification anyway.
import type { Receipt } from '../../ledger/index.js';
import { type Audience, recipientKey } from '../../outbox/audience.js';
import { MAX_DATA_BYTES, type Notification, notificationProblem } from '../../outbox/notification.js';
import type { JsonValue } from '../../platform/json.js';
import type { ClaimRecord, ConsentRecord, PledgeRecord, PolicyRecord } from './domain/model.js';

const pledgeSubject = (id: string): string => `pledge:${id}`;
const claimSubject = (id: string): string => `insurance_claim:${id}`;

type Data = { [key: string]: JsonValue };

/** Whether one audience entry is acceptable as notification.ts judges it (an id or name of 1 to 200 characters, no control characters). */
const fits = (a: Audience): boolean =>
  notificationProblem({ id: 'probe', type: 'probe.audience', occurredAt: new Date(0).toISOString(), subject: 'probe', audience: [a], data: {} }) === undefined;

/** Each recipient once, leaving out one no inbox could name (a bank's name too long to be a key: staff still see the notification). */
function audienceOf(entries: readonly Audience[]): Audience[] {
  const seen = new Set<string>();
  return entries.filter((a) => {
    const key = recipientKey(a);
    if (seen.has(key) || !fits(a)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `data`, or, when its JSON is over the notification's bound (free text full of characters JSON
 * escapes, a pledgee's name of any length), only its `essential` keys: a notification that cannot
 * be written would fail the change it reports.
 */
function bounded(data: Data, essential: readonly string[]): Data {
  if (Buffer.byteLength(JSON.stringify(data)) <= MAX_DATA_BYTES) return data;
  return { ...Object.fromEntries(Object.entries(data).filter(([k]) => essential.includes(k))), truncated: true };
}

const instant = (at: string): string => new Date(at).toISOString();
/** A ledger receipt as GraphQL's LedgerReceipt shows it: its time an ISO instant. */
const receiptData = (r: Receipt | null): JsonValue =>
  r === null ? null : { seq: r.seq, entryHash: r.entryHash, timestamp: new Date(r.timestamp).toISOString() };

const pledgeAudience = (p: PledgeRecord): Audience[] =>
  audienceOf([
    { kind: 'ENTERPRISE', id: p.pledgorId },
    { kind: 'ORGANIZATION', role: 'BANK', name: p.pledgee },
  ]);

/** The pledge as its notifications tell it; amounts as strings, exact in any JSON reader (as over GraphQL). */
const pledgeData = (p: PledgeRecord): Data => ({
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

/**
 * A pledge's registration, made final: `p` as recorded on the ledger, with its receipt. One per
 * pledge; it occurred when the pledge was registered.
 */
export function pledgeRegistered(p: PledgeRecord): Notification {
  const subject = pledgeSubject(p.id);
  return {
    id: `pledge.registered:${p.id}`,
    type: 'pledge.registered',
    occurredAt: instant(p.registeredAt),
    subject,
    audience: pledgeAudience(p),
    data: bounded({ ...pledgeData(p), registrationReceipt: receiptData(p.registrationReceipt) }, PLEDGE_ESSENTIALS),
  };
}

/** A pledge closed, `p` as it is after (RELEASED or ENFORCED, with its closing time): one per pledge, since a pledge closes once. */
export function pledgeClosed(p: PledgeRecord & { readonly state: 'RELEASED' | 'ENFORCED'; readonly closedAt: string }): Notification {
  const type = p.state === 'RELEASED' ? 'pledge.released' : 'pledge.enforced';
  const extra: Data =
    p.state === 'RELEASED' ? { releaseReceipt: receiptData(p.releaseReceipt) } : { lossFen: p.enforcement === null ? null : String(p.enforcement.lossFen) };
  return {
    id: `${type}:${p.id}`,
    type,
    occurredAt: instant(p.closedAt),
    subject: pledgeSubject(p.id),
    audience: pledgeAudience(p),
    data: bounded({ ...pledgeData(p), closedAt: instant(p.closedAt), ...extra }, PLEDGE_ESSENTIALS),
  };
}

/** The pledgee's consent to a disposal recorded on pledge `p`: one per consent. */
export function consentRecorded(p: PledgeRecord, c: ConsentRecord): Notification {
  return {
    id: `pledge.consent_recorded:${c.id}`,
    type: 'pledge.consent_recorded',
    occurredAt: instant(c.grantedAt),
    subject: pledgeSubject(p.id),
    audience: pledgeAudience(p),
    data: bounded(
      {
        ...pledgeData(p),
        consentId: c.id,
        asset: { kind: c.asset.kind, id: c.asset.id },
        disposal: c.disposal,
        counterpartyId: c.counterpartyId,
        note: c.note,
      },
      [...PLEDGE_ESSENTIALS, 'consentId', 'asset', 'disposal', 'counterpartyId'],
    ),
  };
}

/** A claim on policy `policy` settled, `c` as it is after (PAID or REJECTED): one per claim, since a claim is settled once. */
export function claimSettled(policy: PolicyRecord, c: ClaimRecord & { readonly status: 'PAID' | 'REJECTED'; readonly settledAt: string }): Notification {
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
