import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { documentDigest } from '../../../ledger/index.js';
import { canonicalMetadata } from '../../../ledger/verify/index.js';
import type { PatentFacts, TrademarkFacts } from '../hub-facts.js';
import type { PledgeRecord } from './model.js';
import {
  acknowledgedRisk,
  canMove,
  collateralKind,
  consentNote,
  formatRegistrationNumber,
  nextStates,
  patentRefusal,
  PLEDGE_STATES,
  registrationDocument,
  registrationYear,
  releaseDocument,
  sameMarkLeftOut,
  trademarkRefusal,
} from './pledge-rules.js';

const pledge: PledgeRecord = {
  id: 'p1',
  registrationNumber: 'ZX-2026-000001',
  pledgorId: 'e1',
  acknowledgedRisks: [],
  pledgeeKind: 'BANK',
  application: null,
  authorityRegistration: null,
  pendingAmendment: null,
  amendments: [],
  pledgee: '中国工商银行福州分行',
  collateral: [
    { kind: 'PATENT', id: '201510958772.0' },
    { kind: 'DATA_ASSET', id: 'da-1' },
  ],
  securedAmountFen: 9_007_199_254_740_991,
  term: { startDate: '2026-01-01', endDate: '2027-01-01' },
  state: 'REGISTERED',
  registeredAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  registrationReceipt: { seq: 7, entryHash: 'ab'.repeat(32), timestamp: 1 },
  releaseReceipt: null,
  enforcement: null,
  updatedAt: '2026-03-01T08:00:00.000Z',
};

const granted: PatentFacts = {
  applicationNumber: '201510958772.0',
  status: 'GRANTED',
  protectionEndsOn: '2035-12-28',
  annualFee: { state: 'NOT_DUE' },
  enterprise: { id: 'e1' },
  freeze: null,
  invalidation: null,
};

describe('pledges', () => {
  it('go from PROPOSED to REGISTERED (confirmed), DECLINED or WITHDRAWN, then from REGISTERED to RELEASED or ENFORCED, and no further', () => {
    expect(PLEDGE_STATES).toEqual(['PROPOSED', 'REGISTERED', 'RELEASED', 'ENFORCED', 'DECLINED', 'WITHDRAWN']);
    const allowed = PLEDGE_STATES.flatMap((from) => PLEDGE_STATES.filter((to) => canMove(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual(['PROPOSED->REGISTERED', 'PROPOSED->DECLINED', 'PROPOSED->WITHDRAWN', 'REGISTERED->RELEASED', 'REGISTERED->ENFORCED']);
    expect(nextStates('PROPOSED')).toEqual(['REGISTERED', 'DECLINED', 'WITHDRAWN']);
    expect(nextStates('REGISTERED')).toEqual(['RELEASED', 'ENFORCED']);
    // Nothing goes back to a proposal, and a proposal is never released or enforced: only a registered pledge is.
    expect(PLEDGE_STATES.filter((from) => canMove(from, 'PROPOSED'))).toEqual([]);
    expect(canMove('PROPOSED', 'RELEASED') || canMove('PROPOSED', 'ENFORCED')).toBe(false);
    for (const final of ['RELEASED', 'ENFORCED', 'DECLINED', 'WITHDRAWN'] as const) expect(nextStates(final)).toEqual([]);
  });

  it('number registrations per year in China time', () => {
    expect(registrationYear('2026-12-31T15:59:59.999Z')).toBe(2026);
    expect(registrationYear('2026-12-31T16:00:00.000Z')).toBe(2027);
    expect(formatRegistrationNumber(2026, 123)).toBe('ZX-2026-000123');
    expect(formatRegistrationNumber(2026, 1_234_567)).toBe('ZX-2026-1234567');
  });

  it('record the pledge in its documents, their digest the SHA-256 of their canonical JSON', () => {
    const doc = registrationDocument(pledge);
    expect(doc).toMatchObject({ registrationNumber: 'ZX-2026-000001', securedAmountFen: '9007199254740991', collateral: pledge.collateral });
    expect(documentDigest(doc)).toBe(createHash('sha256').update(canonicalMetadata(doc)).digest('hex'));
    expect(releaseDocument(pledge, '2026-06-01T00:00:00.000Z')).toMatchObject({ ...doc, state: 'RELEASED', registrationEntryHash: 'ab'.repeat(32) });
  });

  it('take only granted patents, fees paid, protected beyond the term', () => {
    const refusal = (p: Partial<PatentFacts>, termEnd = '2030-01-01') => patentRefusal({ ...granted, ...p }, termEnd)?.reason;
    expect(refusal({})).toBeUndefined();
    expect(refusal({ annualFee: { state: 'DUE_SOON' } })).toBeUndefined();
    for (const status of ['PENDING', 'LAPSED', 'EXPIRED', 'INVALIDATED', 'REJECTED', 'WITHDRAWN'])
      expect(refusal({ status, annualFee: null })).toBe('NOT_GRANTED');
    expect(refusal({ annualFee: { state: 'GRACE' } })).toBe('ANNUAL_FEE_OVERDUE');
    expect(refusal({ annualFee: { state: 'LAPSED' } })).toBe('ANNUAL_FEE_OVERDUE');
    // Protected up to the day before protectionEndsOn.
    expect(refusal({}, '2035-12-27')).toBeUndefined();
    expect(refusal({}, '2035-12-28')).toBe('TERM_BEYOND_PROTECTION');
    expect(refusal({}, '2036-06-01')).toBe('TERM_BEYOND_PROTECTION');
  });

  it('take no patent a court has frozen or whose invalidation is pending, saying what lifts the bar', () => {
    const freeze = { court: '福州市中级人民法院', orderNumber: '(2026)闽01执保12号' };
    expect(patentRefusal({ ...granted, freeze }, '2030-01-01')).toEqual({
      reason: 'FROZEN',
      message: 'patent 201510958772.0 is frozen by 福州市中级人民法院 under order (2026)闽01执保12号: it can be pledged once that court lifts the freeze',
    });
    const invalidation = { pending: true, requestedOn: '2026-02-03' };
    expect(patentRefusal({ ...granted, invalidation }, '2030-01-01')).toEqual({
      reason: 'UNDER_INVALIDATION',
      message:
        'patent 201510958772.0 is under an invalidation request of 2026-02-03: it can be pledged once the request is decided and the patent maintained, or now if both parties acknowledge the request (acknowledgedInvalidations)',
    });
    // A decided request (maintained, or in part) no longer bars it; an invalidated patent is not GRANTED.
    expect(patentRefusal({ ...granted, invalidation: { ...invalidation, pending: false } }, '2030-01-01')).toBeUndefined();
    expect(patentRefusal({ ...granted, status: 'INVALIDATED', invalidation: { ...invalidation, pending: false } }, '2030-01-01')?.reason).toBe('NOT_GRANTED');
    // The first bar is named: not granted, then frozen, then under invalidation, then fees, then the term.
    expect(patentRefusal({ ...granted, status: 'LAPSED', freeze }, '2030-01-01')?.reason).toBe('NOT_GRANTED');
    expect(patentRefusal({ ...granted, freeze, invalidation }, '2030-01-01')?.reason).toBe('FROZEN');
    expect(patentRefusal({ ...granted, invalidation, annualFee: { state: 'GRACE' } }, '2040-01-01')?.reason).toBe('UNDER_INVALIDATION');
  });

  it('take a patent under a pending invalidation request once the parties acknowledge it (专利权质押登记办法, 2021), the risk recorded on the registration document', () => {
    const invalidation = { pending: true, requestedOn: '2026-02-03' };
    const risky = { ...granted, invalidation };
    expect(patentRefusal(risky, '2030-01-01', true)).toBeUndefined();
    // Acknowledging does not lift any other bar.
    expect(patentRefusal({ ...risky, freeze: { court: '福州市中级人民法院', orderNumber: '(2026)闽01执保12号' } }, '2030-01-01', true)?.reason).toBe('FROZEN');
    expect(patentRefusal({ ...risky, annualFee: { state: 'GRACE' } }, '2030-01-01', true)?.reason).toBe('ANNUAL_FEE_OVERDUE');
    const risk = acknowledgedRisk(risky)!;
    expect(risk).toEqual({ asset: { kind: 'PATENT', id: '201510958772.0' }, risk: 'UNDER_INVALIDATION', since: '2026-02-03' });
    expect(acknowledgedRisk(granted)).toBeUndefined();
    expect(registrationDocument({ ...pledge, acknowledgedRisks: [risk] })).toMatchObject({
      acknowledgedRisks: [{ kind: 'PATENT', id: '201510958772.0', risk: 'UNDER_INVALIDATION', since: '2026-02-03' }],
    });
    // A pledge without any keeps the document it always had.
    expect(registrationDocument(pledge)).not.toHaveProperty('acknowledgedRisks');
  });

  it('take a trademark only in force (Trademark Law art. 40), not preserved by a court (法释〔2001〕1号), with the owner’s identical marks in its class (art. 42; the 2020 pledge procedure)', () => {
    const mark: TrademarkFacts = {
      registrationNumber: '12345678',
      mark: '鸿蒙',
      niceClass: 9,
      expiryDate: '2026-05-13',
      enterprise: { id: 'e1' },
      sameMarkInClass: ['12345679', '12345680'],
      freeze: null,
    };
    // In force through its last day.
    expect(trademarkRefusal(mark, '2026-05-13')).toBeUndefined();
    expect(trademarkRefusal(mark, '2026-05-14')).toEqual({
      reason: 'EXPIRED',
      message: 'trademark 12345678 expired on 2026-05-13 and is not renewed: it can be pledged once renewed',
    });
    expect(trademarkRefusal({ ...mark, freeze: { court: '深圳市中级人民法院', orderNumber: '(2026)粤03执保1号' } }, '2026-05-01')).toEqual({
      reason: 'FROZEN',
      message: 'trademark 12345678 is preserved by 深圳市中级人民法院 under order (2026)粤03执保1号: it can be pledged once that court lifts the preservation',
    });
    const asset = (id: string) => ({ kind: 'TRADEMARK' as const, id });
    expect(sameMarkLeftOut(mark, [asset('12345678')])).toEqual(['12345679', '12345680']);
    expect(sameMarkLeftOut(mark, [asset('12345678'), asset('12345680')])).toEqual(['12345679']);
    expect(sameMarkLeftOut(mark, [asset('12345678'), asset('12345679'), asset('12345680')])).toEqual([]);
  });

  it('count a pledge under its collateral’s one kind, or MIXED', () => {
    expect(
      collateralKind([
        { kind: 'PATENT', id: 'a' },
        { kind: 'PATENT', id: 'b' },
      ]),
    ).toBe('PATENT');
    expect(collateralKind([{ kind: 'COPYRIGHT', id: 'a' }])).toBe('COPYRIGHT');
    expect(
      collateralKind([
        { kind: 'PATENT', id: 'a' },
        { kind: 'TRADEMARK', id: 'b' },
      ]),
    ).toBe('MIXED');
  });

  it('record a consent in the history with what was consented to, and to whom', () => {
    const consent = {
      asset: { kind: 'PATENT', id: '201510958772.0' },
      disposal: 'LICENCE',
      counterpartyId: 'e2',
      outsideCounterparty: null,
      note: null,
    } as const;
    expect(consentNote(consent)).toBe('the pledgee consents to the licence of PATENT:201510958772.0 to enterprise e2');
    expect(consentNote({ ...consent, disposal: 'TRANSFER', note: '转让价款用于提前清偿' })).toBe(
      'the pledgee consents to the transfer of PATENT:201510958772.0 to enterprise e2: 转让价款用于提前清偿',
    );
    const outside = { kind: 'FOREIGN_ENTITY', name: 'Acme GmbH', country: 'DE' } as const;
    expect(consentNote({ ...consent, counterpartyId: '', outsideCounterparty: outside })).toBe(
      'the pledgee consents to the licence of PATENT:201510958772.0 to Acme GmbH (DE)',
    );
  });
});
