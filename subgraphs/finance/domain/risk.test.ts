import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MAX_FEN } from '../../common/money.js';
import { DEFAULT_RISK_SHARES, RISK_PARTIES, type RiskShares, sharesProblem, splitLoss } from './risk.js';

const amounts = (lossFen: number, shares: RiskShares = DEFAULT_RISK_SHARES) => splitLoss(lossFen, shares).map((s) => s.amountFen);

describe('risk compensation split', () => {
  it('splits 40/20/20/20 by default', () => {
    expect(splitLoss(1_000_000, DEFAULT_RISK_SHARES)).toEqual([
      { party: 'GUARANTOR', percent: 40, amountFen: 400_000 },
      { party: 'RE_GUARANTOR', percent: 20, amountFen: 200_000 },
      { party: 'NATIONAL_FUND', percent: 20, amountFen: 200_000 },
      { party: 'BANK', percent: 20, amountFen: 200_000 },
    ]);
  });

  it('gives the odd fen to the largest remainders, ties in party order', () => {
    expect(amounts(0)).toEqual([0, 0, 0, 0]);
    // 0.4, 0.2, 0.2, 0.2
    expect(amounts(1)).toEqual([1, 0, 0, 0]);
    // 1.2, 0.6, 0.6, 0.6
    expect(amounts(3)).toEqual([1, 1, 1, 0]);
    // 399999999.6, 199999999.8 x 3
    expect(amounts(999_999_999)).toEqual([399_999_999, 200_000_000, 200_000_000, 200_000_000]);
    expect(amounts(7)).toEqual([3, 2, 1, 1]);
  });

  it('takes custom shares, a zero share getting nothing', () => {
    const shares = { GUARANTOR: 50, RE_GUARANTOR: 30, NATIONAL_FUND: 20, BANK: 0 };
    expect(amounts(1, shares)).toEqual([1, 0, 0, 0]);
    // 1.5, 0.9, 0.6, 0
    expect(amounts(3, shares)).toEqual([1, 1, 1, 0]);
    // 499999999.5, 299999999.7, 199999999.8, 0
    expect(amounts(999_999_999, shares)).toEqual([499_999_999, 300_000_000, 200_000_000, 0]);
    expect(amounts(10, { GUARANTOR: 0, RE_GUARANTOR: 0, NATIONAL_FUND: 0, BANK: 100 })).toEqual([0, 0, 0, 10]);
    expect(amounts(2, { GUARANTOR: 33, RE_GUARANTOR: 33, NATIONAL_FUND: 33, BANK: 1 })).toEqual([1, 1, 0, 0]);
  });

  it('stays exact at the largest amount', () => {
    const split = amounts(MAX_FEN, { GUARANTOR: 33, RE_GUARANTOR: 33, NATIONAL_FUND: 17, BANK: 17 });
    expect(split.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(MAX_FEN));
  });

  it('always adds up to the loss, each party within one fen of its exact share', () => {
    const shares = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .filter(([a, b, c]) => a + b + c <= 100)
      .map(([a, b, c]): RiskShares => ({ GUARANTOR: a, RE_GUARANTOR: b, NATIONAL_FUND: c, BANK: 100 - a - b - c }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), shares, (loss, s) => {
        const split = splitLoss(loss, s);
        expect(split.reduce((n, x) => n + x.amountFen, 0)).toBe(loss);
        for (const x of split) expect(Math.abs(x.amountFen - (loss * x.percent) / 100)).toBeLessThan(1);
        expect(split.map((x) => x.party)).toEqual(RISK_PARTIES);
      }),
    );
  });

  it('refuses shares that are not whole percentages adding up to 100', () => {
    expect(sharesProblem(DEFAULT_RISK_SHARES)).toBeUndefined();
    expect(sharesProblem({ ...DEFAULT_RISK_SHARES, BANK: 10 })).toBe('the shares add up to 90%, not 100%');
    expect(sharesProblem({ ...DEFAULT_RISK_SHARES, BANK: 20.5, GUARANTOR: 39.5 })).toMatch(/whole percentage/);
    expect(sharesProblem({ GUARANTOR: 120, RE_GUARANTOR: -20, NATIONAL_FUND: 0, BANK: 0 })).toMatch(/GUARANTOR/);
    expect(() => splitLoss(-1, DEFAULT_RISK_SHARES)).toThrow(RangeError);
    expect(() => splitLoss(1.5, DEFAULT_RISK_SHARES)).toThrow(RangeError);
  });
});
