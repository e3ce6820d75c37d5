// The notifications of pledges and insurance claims: their ids, types, audiences and data, and
// that each is one the outbox accepts whatever the pledge or policy holds.
import { describe, expect, it } from 'vitest';

import { notificationProblem } from '../../outbox/notification.js';
import type { ClaimRecord, ConsentRecord, PledgeRecord, PolicyRecord } from './domain/model.js';
import { DEFAULT_RISK_SHARES } from './domain/risk.js';
import { claimSettled, consentRecorded, pledgeClosed, pledgeRegistered } from './notices.js';

const BANK = '中国工商银行福州分行';
const receipt = { seq: 7, entryHash: 'ab'.repeat(32), timestamp: 1_772_400_000_000 };
/** As GraphQL's LedgerReceipt shows it. */
const shown = (r: typeof receipt) => ({ ...r, timestamp: new Date(r.timestamp).toISOString() });
const PLEDGE: PledgeRecord = {
  id: 'p1',
  registrationNumber: 'ZX-2026-000001',
  pledgorId: 'e1',
  acknowledgedRisks: [],
  pledgeeKind: 'BANK',
  application: null,
  authorityRegistration: null,
  pendingAmendment: null,
  amendments: [],
  pledgee: BANK,
  collateral: [
    { kind: 'PATENT', id: '201510958772.0' },
    { kind: 'TRADEMARK', id: '12345678' },
  ],
  securedAmountFen: 9_007_199_254_740_991,
  term: { startDate: '2026-03-01', endDate: '2029-02-28' },
  state: 'REGISTERED',
  registeredAt: '2026-03-01T08:00:00.000Z',
  closedAt: null,
  registrationReceipt: receipt,
  releaseReceipt: null,
  enforcement: null,
  updatedAt: '2026-03-01T08:00:00.000Z',
};
const pledgeData = {
  pledgeId: 'p1',
  registrationNumber: 'ZX-2026-000001',
  pledgor: 'e1',
  pledgee: BANK,
  collateral: [
    { kind: 'PATENT', id: '201510958772.0' },
    { kind: 'TRADEMARK', id: '12345678' },
  ],
  securedAmountFen: '9007199254740991',
  term: { startDate: '2026-03-01', endDate: '2029-02-28' },
};
const parties = [
  { kind: 'ENTERPRISE', id: 'e1' },
  { kind: 'ORGANIZATION', role: 'BANK', name: BANK },
];

describe('pledge notifications', () => {
  it('tells the pledgor and the pledgee bank of a registration, with its receipt, once per pledge', () => {
    expect(pledgeRegistered(PLEDGE)).toStrictEqual({
      id: 'pledge.registered:p1',
      type: 'pledge.registered',
      occurredAt: '2026-03-01T08:00:00.000Z',
      subject: 'pledge:p1',
      audience: parties,
      data: { ...pledgeData, state: 'REGISTERED', registrationReceipt: shown(receipt) },
    });
  });

  it('tells them of a release, with its receipt, and of an enforcement, with the loss', () => {
    const at = '2026-04-01T00:00:00.000Z';
    const releaseReceipt = { ...receipt, seq: 8 };
    expect(pledgeClosed({ ...PLEDGE, state: 'RELEASED', closedAt: at, releaseReceipt })).toStrictEqual({
      id: 'pledge.released:p1',
      type: 'pledge.released',
      occurredAt: at,
      subject: 'pledge:p1',
      audience: parties,
      data: { ...pledgeData, state: 'RELEASED', closedAt: at, releaseReceipt: shown(releaseReceipt) },
    });
    const enforced = pledgeClosed({ ...PLEDGE, state: 'ENFORCED', closedAt: at, enforcement: { lossFen: 2 ** 53 - 1, shares: DEFAULT_RISK_SHARES } });
    expect(enforced).toMatchObject({ id: 'pledge.enforced:p1', type: 'pledge.enforced', occurredAt: at, audience: parties });
    expect(enforced.data).toStrictEqual({ ...pledgeData, state: 'ENFORCED', closedAt: at, lossFen: '9007199254740991' });
  });

  it('tells them of a consent, naming the asset, the disposal and the counterparty, once per consent', () => {
    const consent: ConsentRecord = {
      id: 'k1',
      pledgeId: 'p1',
      asset: { kind: 'PATENT', id: '201510958772.0' },
      disposal: 'LICENCE',
      counterpartyId: 'e7',
      outsideCounterparty: null,
      grantedAt: '2026-04-02T00:00:00.000Z',
      grantedBy: 'key-b',
      note: '许可费用于还款',
    };
    expect(consentRecorded(PLEDGE, consent)).toStrictEqual({
      id: 'pledge.consent_recorded:k1',
      type: 'pledge.consent_recorded',
      occurredAt: '2026-04-02T00:00:00.000Z',
      subject: 'pledge:p1',
      audience: parties,
      data: {
        ...pledgeData,
        state: 'REGISTERED',
        consentId: 'k1',
        asset: { kind: 'PATENT', id: '201510958772.0' },
        disposal: 'LICENCE',
        counterpartyId: 'e7',
        outsideCounterparty: null,
        note: '许可费用于还款',
      },
    });
    expect(consentRecorded(PLEDGE, { ...consent, id: 'k2' }).id).not.toBe(consentRecorded(PLEDGE, consent).id);
  });

  it('leaves out a bank no inbox could name, and keeps to the data bound, whatever the pledge holds', () => {
    const odd = { ...PLEDGE, pledgee: '银'.repeat(201) };
    const n = pledgeRegistered(odd);
    expect(n.audience).toStrictEqual([{ kind: 'ENTERPRISE', id: 'e1' }]);
    expect(notificationProblem(n)).toBeUndefined();
    // A pledgee's name of any length (staff may name one): the data keeps what identifies the pledge.
    const huge = pledgeClosed({ ...PLEDGE, pledgee: '\u0001'.repeat(3000), state: 'RELEASED', closedAt: '2026-04-01T00:00:00.000Z' });
    expect(notificationProblem(huge)).toBeUndefined();
    expect(huge.data).toStrictEqual({
      pledgeId: 'p1',
      registrationNumber: 'ZX-2026-000001',
      pledgor: 'e1',
      securedAmountFen: '9007199254740991',
      state: 'RELEASED',
      truncated: true,
    });
  });
});

describe('insurance claim notifications', () => {
  const policy: PolicyRecord = {
    id: 'pol1',
    product: 'INFRINGEMENT_LOSS',
    insurer: '中国人民财产保险福建分公司',
    insuredId: 'e1',
    coveredAssets: [{ kind: 'PATENT', id: '201510958772.0' }],
    premiumFen: 1_200_000,
    sumInsuredFen: 100_000_000,
    period: { startDate: '2026-01-01', endDate: '2026-12-31' },
    issuedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const claim: ClaimRecord = {
    id: 'c1',
    policyId: 'pol1',
    amountFen: 600_000,
    status: 'FILED',
    protectionCaseId: 'case-1',
    filedAt: '2026-02-01T00:00:00.000Z',
    filedBy: 'key-e',
    settledAt: null,
    settledBy: null,
  };

  it('tells the insured and the insurer of a settlement, once per claim', () => {
    const at = '2026-03-01T00:00:00.000Z';
    const n = claimSettled(policy, { ...claim, status: 'PAID', settledAt: at, settledBy: 'key-i' });
    expect(n).toStrictEqual({
      id: 'claim.settled:c1',
      type: 'claim.settled',
      occurredAt: at,
      subject: 'insurance_claim:c1',
      audience: [
        { kind: 'ENTERPRISE', id: 'e1' },
        { kind: 'ORGANIZATION', role: 'INSURER', name: '中国人民财产保险福建分公司' },
      ],
      data: {
        claimId: 'c1',
        policyId: 'pol1',
        product: 'INFRINGEMENT_LOSS',
        insurer: '中国人民财产保险福建分公司',
        insured: 'e1',
        amountFen: '600000',
        decision: 'PAID',
        protectionCaseId: 'case-1',
        filedAt: '2026-02-01T00:00:00.000Z',
      },
    });
    expect(notificationProblem(n)).toBeUndefined();
    expect(claimSettled(policy, { ...claim, status: 'REJECTED', settledAt: at, settledBy: 'key-i' }).data.decision).toBe('REJECTED');
  });
});
