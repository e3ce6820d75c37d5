import { describe, expect, it } from 'vitest';

import { feeDueDateOfYear, feeYearOf } from './annual-fee.js';
import { grantPublicationNumber } from './kind-codes.js';
import { applyPatentOperation, type PatentOperation, type Step } from './lifecycle.js';
import { type PatentRecord, UNRECORDED_PATENT_FACTS } from './model.js';
import { patentOn } from './standing.js';

const granted: PatentRecord = {
  applicationNumber: '201910000001.1',
  enterpriseId: 'e1',
  type: 'INVENTION',
  pct: false,
  title: 't',
  ipcClass: null,
  status: 'GRANTED',
  filingDate: '2019-03-01',
  grantDate: '2021-05-10',
  feesPaidThrough: '2023-03-01',
  grantPublicationNumber: 'CN112345678B',
  lapsedOn: null,
  freeze: null,
  invalidation: null,
  version: 3,
  ...UNRECORDED_PATENT_FACTS,
};

/** The record a step makes, or the test fails saying why it was refused. */
function after(p: PatentRecord, op: PatentOperation, today: string): PatentRecord {
  const step: Step = applyPatentOperation(patentOn(p, today), op, today);
  if (!step.ok) throw new Error(`${op.op} refused: ${step.code} ${step.message}`);
  return step.patent;
}

describe('grant announcement numbers by announcement date (ZC 0007-2004 from 2007-07-01)', () => {
  it.each([
    ['INVENTION', 'CN112345678B', '2021-05-10', 'CN112345678B'],
    ['UTILITY_MODEL', 'CN212345678U', '2021-05-10', 'CN212345678U'],
    ['DESIGN', 'CN 306 123 456 S', '2021-05-10', 'CN306123456S'],
    ['INVENTION', 'cn 1123456 c', '2005-03-02', 'CN1123456C'],
    ['UTILITY_MODEL', 'CN2712345Y', '2005-03-02', 'CN2712345Y'],
    ['DESIGN', 'CN3412345D', '2006-11-01', 'CN3412345D'],
  ] as const)('accepts a %s announced as %s on %s', (type, input, on, canonical) => {
    expect(grantPublicationNumber(type, input, on)).toStrictEqual({ ok: true, value: canonical });
  });

  it.each([
    ['INVENTION', 'CN212345678U', '2021-05-10', /kind code B, not U/],
    ['DESIGN', 'CN306123456B', '2021-05-10', /kind code S, not B/],
    ['DESIGN', 'CN3412345D', '2007-07-01', /a DESIGN granted on 2007-07-01 is announced with kind code S, not D/],
    ['INVENTION', 'CN1123456B', '2005-03-02', /kind code C, not B/],
    ['INVENTION', '112345678B', '2021-05-10', /must be CN/],
    ['INVENTION', 'CN1123456789B', '2021-05-10', /must be CN/],
  ] as const)('refuses a %s announced as %s on %s', (type, input, on, message) => {
    const r = grantPublicationNumber(type, input, on);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe('patent years', () => {
  it("puts year n's fee on the (n-1)th anniversary, Feb 29 on Feb 28", () => {
    expect(feeDueDateOfYear('2019-03-01', 2)).toBe('2020-03-01');
    expect(feeDueDateOfYear('2020-02-29', 2)).toBe('2021-02-28');
    expect(feeYearOf('2020-02-29', '2021-02-28')).toBe(2);
    expect(feeYearOf('2019-03-01', '2029-03-01')).toBe(11);
  });
});

describe('annual fees and the grant', () => {
  it('records the fee of the year of grant as paid with it', () => {
    const pending = { ...granted, status: 'PENDING' as const, grantDate: null, feesPaidThrough: null, grantPublicationNumber: null };
    expect(after(pending, { op: 'GRANT', grantDate: '2021-05-10', grantPublicationNumber: 'CN112345678B' }, '2021-06-01')).toMatchObject({
      status: 'GRANTED',
      feesPaidThrough: '2021-03-01',
    });
  });

  it('pays the next year only, with the surcharge of the month late', () => {
    // Year 6 falls due 2024-03-01; paid 2024-05-15 is in the third month late: 10%.
    const step = applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-05-15' }, '2024-06-01');
    expect(step).toMatchObject({ ok: true, patent: { feesPaidThrough: '2024-03-01' }, details: { year: 6, dueDate: '2024-03-01', surchargePercent: 10 } });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 5, paidOn: '2024-01-01' }, '2024-06-01')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 7, paidOn: '2024-01-01' }, '2024-06-01')).toMatchObject({ ok: false, field: 'year' });
  });

  it('takes a fee on the last day of grace, and not the day after', () => {
    // Due 2024-03-01; six months on is Sunday 2024-09-01: the grace lasts to Monday 2024-09-02.
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-09-02' }, '2024-09-03')).toMatchObject({ ok: true });
    expect(applyPatentOperation(granted, { op: 'PAY_ANNUAL_FEE', year: 6, paidOn: '2024-09-03' }, '2024-09-03')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('restoration (Implementing Regulations rule 6)', () => {
  // Year 6 fell due 2024-03-01, its grace ended Monday 2024-09-02; the termination notice went out 2024-10-15.
  const lapsed = after(granted, { op: 'LAPSE', terminationNoticeOn: '2024-10-15' }, '2024-10-20');
  const restore = (over: Partial<Extract<PatentOperation, { op: 'RESTORE' }>>): Extract<PatentOperation, { op: 'RESTORE' }> => ({
    op: 'RESTORE',
    ground: 'JUSTIFIED_REASON',
    requestedOn: '2024-12-01',
    restoredOn: '2024-12-20',
    obstacleRemovedOn: null,
    terminationNoticeOn: null,
    ...over,
  });

  it('lapses from the missed due date once the grace is over, recording the notice', () => {
    expect(applyPatentOperation(granted, { op: 'LAPSE', terminationNoticeOn: null }, '2024-09-02')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(lapsed).toMatchObject({ status: 'LAPSED', lapsedOn: '2024-03-01', terminationNoticeOn: '2024-10-15' });
  });

  it('rule 6(2), a justified reason: within two months of the notice received (issued 2024-10-15, received 10-30, until 2024-12-30)', () => {
    expect(after(lapsed, restore({ requestedOn: '2024-12-30', restoredOn: '2025-01-10' }), '2025-01-10')).toMatchObject({
      status: 'GRANTED',
      lapsedOn: null,
      feesPaidThrough: '2024-03-01',
    });
    expect(applyPatentOperation(lapsed, restore({ requestedOn: '2024-12-31', restoredOn: '2025-01-10' }), '2025-01-10')).toMatchObject({
      ok: false,
      code: 'TIME_LIMIT_PASSED',
      timeLimit: 'RESTORATION',
      lastDay: '2024-12-30',
      message: expect.stringMatching(/by 2024-12-30: two months from the termination notice of 2024-10-15/),
    });
  });

  it('rule 6(2) without the notice’s date says what it needs', () => {
    const noNotice = { ...lapsed, terminationNoticeOn: null };
    expect(applyPatentOperation(noNotice, restore({}), '2025-01-10')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'terminationNoticeOn' });
    expect(applyPatentOperation(noNotice, restore({ terminationNoticeOn: '2024-10-15' }), '2025-01-10')).toMatchObject({ ok: true });
  });

  it('rule 6(1), force majeure: within two months of the obstacle’s removal, and never more than two years after the time limit missed', () => {
    // The obstacle ended 2026-01-20: until 2026-03-20 (a Friday).
    const fm = (requestedOn: string, obstacleRemovedOn: string) =>
      applyPatentOperation(lapsed, restore({ ground: 'FORCE_MAJEURE', requestedOn, restoredOn: requestedOn, obstacleRemovedOn }), '2026-12-31');
    expect(fm('2026-03-20', '2026-01-20')).toMatchObject({ ok: true, patent: { feesPaidThrough: '2026-03-01' } });
    expect(fm('2026-03-23', '2026-01-20')).toMatchObject({ ok: false, code: 'TIME_LIMIT_PASSED', lastDay: '2026-03-20' });
    // Removed 2026-08-20: two months would be 2026-10-20, but two years from 2024-09-02 is 2026-09-02.
    expect(fm('2026-09-02', '2026-08-20')).toMatchObject({ ok: true });
    expect(fm('2026-09-03', '2026-08-20')).toMatchObject({
      ok: false,
      lastDay: '2026-09-02',
      message: expect.stringMatching(/two years from the time limit missed, 2024-09-02/),
    });
  });
});

describe('invalidation and the court action against it (Patent Law arts. 45-47)', () => {
  const requested = after(granted, { op: 'REQUEST_INVALIDATION', requestedOn: '2024-01-02', requester: 'x' }, '2024-01-02');

  it('keeps a partly invalidated patent granted', () => {
    expect(after(requested, { op: 'DECIDE_INVALIDATION', decision: 'PARTLY_INVALIDATED', decidedOn: '2024-02-01' }, '2024-02-01').status).toBe('GRANTED');
  });

  it('ends a wholly invalidated patent only once the decision is final: three months from its receipt without a court action', () => {
    // Decided 2024-02-01, received 02-16, an action possible until 2024-05-16; final 2024-05-17.
    const decided = after(requested, { op: 'DECIDE_INVALIDATION', decision: 'INVALIDATED', decidedOn: '2024-02-01' }, '2024-02-01');
    expect(decided.status).toBe('GRANTED');
    expect(patentOn(decided, '2024-05-16').status).toBe('GRANTED');
    expect(patentOn(decided, '2024-05-17').status).toBe('INVALIDATED');
    // A court action in time holds it; an upheld decision is final on the judgment's day, a revoked one is decided again.
    const appealed = after(decided, { op: 'APPEAL_INVALIDATION', court: '北京知识产权法院', filedOn: '2024-05-16' }, '2024-05-16');
    expect(patentOn(appealed, '2025-01-01').status).toBe('GRANTED');
    expect(patentOn(after(appealed, { op: 'JUDGE_INVALIDATION', outcome: 'UPHELD', decidedOn: '2025-03-01' }, '2025-03-05'), '2025-03-05').status).toBe(
      'INVALIDATED',
    );
    const revoked = after(appealed, { op: 'JUDGE_INVALIDATION', outcome: 'REVOKED', decidedOn: '2025-03-01' }, '2025-03-05');
    expect(revoked.invalidation).toMatchObject({ decision: null, courtAction: null });
    expect(applyPatentOperation(decided, { op: 'APPEAL_INVALIDATION', court: 'c', filedOn: '2024-05-17' }, '2024-05-20')).toMatchObject({
      ok: false,
      code: 'TIME_LIMIT_PASSED',
      timeLimit: 'COURT_ACTION',
      lastDay: '2024-05-16',
    });
  });

  it('takes requests against lapsed and expired patents too (Guidelines IV-3 3.1)', () => {
    const lapsed = after(granted, { op: 'LAPSE', terminationNoticeOn: null }, '2024-09-10');
    expect(applyPatentOperation(lapsed, { op: 'REQUEST_INVALIDATION', requestedOn: '2024-10-01', requester: 'x' }, '2024-10-01')).toMatchObject({ ok: true });
    const expired = patentOn({ ...granted, feesPaidThrough: '2038-03-01' }, '2039-03-01');
    expect(expired.status).toBe('EXPIRED');
    expect(applyPatentOperation(expired, { op: 'REQUEST_INVALIDATION', requestedOn: '2039-03-01', requester: 'x' }, '2039-03-01')).toMatchObject({ ok: true });
  });

  it('refuses a decision dated before its request', () => {
    expect(applyPatentOperation(requested, { op: 'DECIDE_INVALIDATION', decision: 'MAINTAINED', decidedOn: '2024-01-01' }, '2024-02-01')).toMatchObject({
      ok: false,
      field: 'decidedOn',
    });
  });
});

describe('expiry (Patent Law art. 42)', () => {
  it('reads EXPIRED the day after the last day of the term, whatever was stored', () => {
    // Filed 2019-03-01: protected to 2039-02-28, the term ends 2039-03-01.
    expect(patentOn(granted, '2039-02-28').status).toBe('GRANTED');
    expect(patentOn(granted, '2039-03-01').status).toBe('EXPIRED');
    expect(applyPatentOperation(patentOn(granted, '2039-03-02'), { op: 'PAY_ANNUAL_FEE', year: 7, paidOn: '2039-03-02' }, '2039-03-02')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('freezes: a term of at most three years, renewed by their court; a second court waits in line (轮候冻结)', () => {
  const first = after(granted, { op: 'FREEZE', court: '甲法院', orderNumber: '(2024)甲执保1号', frozenOn: '2024-01-10', endsOn: null }, '2024-01-10');
  const queued = after(first, { op: 'FREEZE', court: '乙法院', orderNumber: '(2024)乙执保7号', frozenOn: '2024-06-01', endsOn: '2025-06-01' }, '2024-06-01');

  it('holds three years by default, and ends by itself', () => {
    expect(first.freeze).toMatchObject({ court: '甲法院', endsOn: '2027-01-10' });
    expect(patentOn(first, '2027-01-09').freeze?.court).toBe('甲法院');
    expect(patentOn(first, '2027-01-10').freeze).toBeNull();
    expect(
      applyPatentOperation(granted, { op: 'FREEZE', court: 'c', orderNumber: 'o', frozenOn: '2024-01-10', endsOn: '2027-01-11' }, '2024-01-10'),
    ).toMatchObject({ ok: false, field: 'endsOn' });
  });

  it('puts a second court’s freeze in line, taking effect when the first ends, for its own term from then', () => {
    expect(queued.freeze?.court).toBe('甲法院');
    expect(queued.waitingFreezes).toEqual([{ court: '乙法院', orderNumber: '(2024)乙执保7号', registeredOn: '2024-06-01', termDays: 365 }]);
    expect(patentOn(queued, '2027-01-10')).toMatchObject({ freeze: { court: '乙法院', frozenOn: '2027-01-10', endsOn: '2028-01-10' }, waitingFreezes: [] });
    expect(patentOn(queued, '2028-01-10').freeze).toBeNull();
  });

  it('lets the waiting freeze take effect on the day the first is lifted', () => {
    const lifted = after(queued, { op: 'UNFREEZE', court: '甲法院', unfrozenOn: '2025-02-01' }, '2025-02-03');
    expect(lifted.freeze).toMatchObject({ court: '乙法院', frozenOn: '2025-02-01', endsOn: '2026-02-01' });
  });

  it('renews only by the court that froze it, before it ends, for at most three more years', () => {
    expect(after(first, { op: 'RENEW_FREEZE', court: '甲法院', endsOn: '2030-01-10' }, '2026-12-01').freeze?.endsOn).toBe('2030-01-10');
    expect(applyPatentOperation(first, { op: 'RENEW_FREEZE', court: '甲法院', endsOn: '2030-01-11' }, '2026-12-01')).toMatchObject({
      ok: false,
      field: 'endsOn',
    });
    expect(applyPatentOperation(first, { op: 'RENEW_FREEZE', court: '乙法院', endsOn: '2028-01-10' }, '2026-12-01')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    // Once it has ended there is nothing to renew.
    expect(applyPatentOperation(patentOn(first, '2027-02-01'), { op: 'RENEW_FREEZE', court: '甲法院', endsOn: '2028-01-10' }, '2027-02-01')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('the examination request (Patent Law art. 35)', () => {
  const pending = { ...granted, status: 'PENDING' as const, grantDate: null, feesPaidThrough: null, grantPublicationNumber: null };

  it('is taken within three years of filing, or of the priority date', () => {
    expect(after(pending, { op: 'REQUEST_EXAMINATION', requestedOn: '2022-03-01' }, '2022-03-02').examinationRequestedOn).toBe('2022-03-01');
    expect(applyPatentOperation(pending, { op: 'REQUEST_EXAMINATION', requestedOn: '2022-03-02' }, '2022-03-02')).toMatchObject({
      ok: false,
      code: 'TIME_LIMIT_PASSED',
      timeLimit: 'EXAMINATION_REQUEST',
      lastDay: '2022-03-01',
    });
    expect(
      applyPatentOperation({ ...pending, priorityDate: '2018-06-01' }, { op: 'REQUEST_EXAMINATION', requestedOn: '2021-06-02' }, '2021-06-02'),
    ).toMatchObject({
      ok: false,
      lastDay: '2021-06-01',
    });
  });
});
