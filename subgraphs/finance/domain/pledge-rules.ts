// IP pledges (知识产权质押): their states, registration numbers, the documents the ledger records,
// when a patent may be pledged, and the pledgee's consents to a disposal. Pure.
import type { Metadata } from '../../../ledger/index.js';
import { hubDateOf } from '../../../platform/hub-calendar.js';
import type { PatentFacts, TrademarkFacts } from '../hub-facts.js';
import {
  type AcknowledgedRisk,
  ASSET_KINDS,
  assetKey,
  type AssetRef,
  type Disposal,
  type OutsideParty,
  type PendingAmendment,
  type PledgeRecord,
} from './model.js';

export const PLEDGE_STATES = ['PROPOSED', 'REGISTERED', 'RELEASED', 'ENFORCED', 'DECLINED', 'WITHDRAWN'] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];

/** What each state is, as the schema's PledgeState enum says. */
export const PLEDGE_STATE_MEANINGS: Readonly<Record<PledgeState, string>> = {
  PROPOSED:
    'Proposed by the pledgee on the contract, awaiting the pledgor: nothing is pledged yet and nothing is on the ledger; next REGISTERED (the pledgor confirms), DECLINED or WITHDRAWN',
  REGISTERED:
    'Registered (recorded on the ledger as PLEDGE_REGISTRATION) and active: no other active pledge may take its collateral; next RELEASED or ENFORCED',
  RELEASED: 'Released by the pledgee bank (or centre staff), recorded on the ledger as PLEDGE_RELEASE: its collateral is bound no more; final',
  ENFORCED: 'Enforced on default by the pledgee bank (or centre staff): the loss and how it is shared are recorded (riskCompensation); final',
  DECLINED: 'Declined by the pledgor: never pledged; final',
  WITHDRAWN: 'Withdrawn by the pledgee before the pledgor confirmed: never pledged; final',
};

const NEXT: Readonly<Record<PledgeState, readonly PledgeState[]>> = {
  PROPOSED: ['REGISTERED', 'DECLINED', 'WITHDRAWN'],
  REGISTERED: ['RELEASED', 'ENFORCED'],
  RELEASED: [],
  ENFORCED: [],
  DECLINED: [],
  WITHDRAWN: [],
};

export function nextStates(state: PledgeState): readonly PledgeState[] {
  return NEXT[state];
}

export function canMove(from: PledgeState, to: PledgeState): boolean {
  return NEXT[from].includes(to);
}

/** What a pledge is counted under in the statistics: its collateral's one kind, or MIXED. */
export const COLLATERAL_KINDS = [...ASSET_KINDS, 'MIXED'] as const;
export type CollateralKind = (typeof COLLATERAL_KINDS)[number];

/**
 * The kind a pledge's collateral is of: the one kind every asset shares, or MIXED. The provincial
 * reports split pledge amounts by what secured them (patents, trademarks); a pledge of several
 * kinds is counted once, under MIXED, rather than its amount split by a ratio the parties never set.
 */
export function collateralKind(collateral: readonly AssetRef[]): CollateralKind {
  const kinds = new Set(collateral.map((a) => a.kind));
  return kinds.size === 1 ? [...kinds][0]! : 'MIXED';
}

/** The year of an instant in the hub time zone (China time by default): registration numbers count by it. */
export const registrationYear = (at: string): number => Number(hubDateOf(at).slice(0, 4));

/** ZX (质押) - year - the pledge's place in that year's registrations. */
export function formatRegistrationNumber(year: number, n: number): string {
  return `ZX-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * What the PLEDGE_REGISTRATION entry records: the pledge as registered, and the two acts that made
 * it (the pledgee's proposal on the contract, the pledgor's confirmation).
 */
export function registrationDocument(p: PledgeRecord): Metadata {
  const a = p.application;
  return {
    pledge: p.id,
    registrationNumber: p.registrationNumber,
    pledgor: p.pledgorId,
    pledgee: p.pledgee,
    // Only when not a bank, and only when applied for jointly: a pledge from before keeps the document it always had.
    ...(p.pledgeeKind === 'BANK' ? {} : { pledgeeKind: p.pledgeeKind }),
    ...(a === null
      ? {}
      : {
          contract: { date: a.contract.date, digest: a.contract.digest },
          proposed: { by: a.proposedBy, at: a.proposedAt },
          confirmed: { by: a.confirmedBy, at: a.confirmedAt },
        }),
    collateral: p.collateral.map((a) => ({ kind: a.kind, id: a.id })),
    // Only when there are any: a pledge without keeps the document it always had.
    ...(p.acknowledgedRisks.length === 0
      ? {}
      : { acknowledgedRisks: p.acknowledgedRisks.map((r) => ({ kind: r.asset.kind, id: r.asset.id, risk: r.risk, since: r.since })) }),
    // A string, as over GraphQL: exact in any JSON reader.
    securedAmountFen: String(p.securedAmountFen),
    term: { startDate: p.term.startDate, endDate: p.term.endDate },
    registeredAt: p.registeredAt,
  };
}

/** What the PLEDGE_AMENDMENT entry records: the change both parties made, tied to the registration entry. */
export function amendmentDocument(p: PledgeRecord, amendment: PendingAmendment, confirmedBy: string, confirmedAt: string): Metadata {
  const c = amendment.changes;
  return {
    pledge: p.id,
    registrationNumber: p.registrationNumber,
    registrationEntryHash: p.registrationReceipt?.entryHash ?? null,
    amendment: p.amendments.length + 1,
    before: { securedAmountFen: String(p.securedAmountFen), term: { startDate: p.term.startDate, endDate: p.term.endDate } },
    after: {
      securedAmountFen: String(c.securedAmountFen ?? p.securedAmountFen),
      term: c.term === undefined ? { startDate: p.term.startDate, endDate: p.term.endDate } : { startDate: c.term.startDate, endDate: c.term.endDate },
    },
    contract: { date: amendment.contract.date, digest: amendment.contract.digest },
    proposed: { by: amendment.proposedBy, at: amendment.proposedAt },
    confirmed: { by: confirmedBy, at: confirmedAt },
  };
}

/** What the PLEDGE_RELEASE entry records: the pledge released, tied to its registration entry. */
export function releaseDocument(p: PledgeRecord, releasedAt: string): Metadata {
  return { ...registrationDocument(p), registrationEntryHash: p.registrationReceipt?.entryHash ?? null, state: 'RELEASED', releasedAt };
}

export type PatentRefusal = 'NOT_GRANTED' | 'FROZEN' | 'UNDER_INVALIDATION' | 'ANNUAL_FEE_OVERDUE' | 'TERM_BEYOND_PROTECTION';

/**
 * Why a patent cannot secure a debt ending on `termEnd`, or undefined when it can.
 * Only a granted patent in force, not frozen by a court, with its annual fees paid can be pledged,
 * for a debt that ends while it is protected: protection ends on protectionEndsOn, so the term must
 * end before it. A patent whose protection has ended fails that test too, the term ending after
 * today. A decided invalidation leaves the patent GRANTED (maintained, or maintained in part) or
 * INVALIDATED, which the status tells. A pending invalidation request refuses the pledge unless
 * the parties acknowledge it (`acknowledged`): 专利权质押登记办法 (2021) lets registration proceed
 * once the parties, told of the request, still ask, and the pledge records the acknowledgement.
 */
export function patentRefusal(p: PatentFacts, termEnd: string, acknowledged = false): { reason: PatentRefusal; message: string } | undefined {
  const n = p.applicationNumber;
  if (p.status !== 'GRANTED') return { reason: 'NOT_GRANTED', message: `patent ${n} is ${p.status}: only a granted patent in force can be pledged` };
  if (p.freeze) {
    return {
      reason: 'FROZEN',
      message: `patent ${n} is frozen by ${p.freeze.court} under order ${p.freeze.orderNumber}: it can be pledged once that court lifts the freeze`,
    };
  }
  if (p.invalidation?.pending && !acknowledged) {
    return {
      reason: 'UNDER_INVALIDATION',
      message: `patent ${n} is under an invalidation request of ${p.invalidation.requestedOn}: it can be pledged once the request is decided and the patent maintained, or now if both parties acknowledge the request (acknowledgedInvalidations)`,
    };
  }
  const fee = p.annualFee?.state;
  if (fee === 'GRACE' || fee === 'LAPSED') return { reason: 'ANNUAL_FEE_OVERDUE', message: `patent ${n} has an overdue annual fee (${fee})` };
  if (termEnd >= p.protectionEndsOn) {
    return { reason: 'TERM_BEYOND_PROTECTION', message: `the term ends on ${termEnd}, but the protection of patent ${n} ends on ${p.protectionEndsOn}` };
  }
  return undefined;
}

/** The acknowledged risk a patent pledged under a pending invalidation request carries; none otherwise. */
export function acknowledgedRisk(p: PatentFacts): AcknowledgedRisk | undefined {
  return p.invalidation?.pending
    ? { asset: { kind: 'PATENT', id: p.applicationNumber }, risk: 'UNDER_INVALIDATION', since: p.invalidation.requestedOn }
    : undefined;
}

export type TrademarkRefusal = 'EXPIRED' | 'FROZEN';

/**
 * Why a registered trademark cannot be pledged on `today`, or undefined when it can: a
 * registration past its last day and not renewed is not in force (Trademark Law art. 40: it is
 * cancelled once the grace for renewal runs out), and the trademark pledge procedure
 * (注册商标专用权质押登记程序规定, 2020) registers no pledge of a mark expired unrenewed, nor of one a
 * court has preserved (冻结: 最高人民法院关于人民法院对注册商标权进行财产保全的解释, arts. 1-2).
 */
export function trademarkRefusal(m: TrademarkFacts, today: string): { reason: TrademarkRefusal; message: string } | undefined {
  if (m.expiryDate < today) {
    return {
      reason: 'EXPIRED',
      message: `trademark ${m.registrationNumber} expired on ${m.expiryDate} and is not renewed: it can be pledged once renewed`,
    };
  }
  if (m.freeze) {
    return {
      reason: 'FROZEN',
      message: `trademark ${m.registrationNumber} is preserved by ${m.freeze.court} under order ${m.freeze.orderNumber}: it can be pledged once that court lifts the preservation`,
    };
  }
  return undefined;
}

/**
 * The owner's registrations of the identical mark in the same class that a pledge of `m` leaves
 * out. The trademark pledge procedure (2020) has the pledgor's identical or similar marks on
 * identical or similar goods pledged together, as Trademark Law art. 42 has them transferred
 * together; the hub decides the part the register data lets it: the same mark text in the same
 * Nice class (the enterprises subgraph's sameMarkInClass).
 */
export function sameMarkLeftOut(m: TrademarkFacts, collateral: readonly AssetRef[]): string[] {
  const pledged = new Set(collateral.filter((a) => a.kind === 'TRADEMARK').map((a) => a.id));
  return m.sameMarkInClass.filter((n) => !pledged.has(n));
}

/** A transferee or licensee as a history note names it. */
export const counterpartyName = (c: { readonly counterpartyId: string; readonly outsideCounterparty: OutsideParty | null }): string =>
  c.outsideCounterparty === null ? `enterprise ${c.counterpartyId}` : `${c.outsideCounterparty.name} (${c.outsideCounterparty.country})`;

/** How many consents one pledge holds at most: its collateral is at most 20 assets, each disposed of a few times. */
export const MAX_CONSENTS = 100;

/** The note of the event recording a consent in the pledge's history. */
export function consentNote(c: {
  readonly asset: AssetRef;
  readonly disposal: Disposal;
  readonly counterpartyId: string;
  readonly outsideCounterparty: OutsideParty | null;
  readonly note: string | null;
}): string {
  const what = `the pledgee consents to the ${c.disposal === 'TRANSFER' ? 'transfer' : 'licence'} of ${assetKey(c.asset)} to ${counterpartyName(c)}`;
  return c.note === null ? what : `${what}: ${c.note}`;
}
