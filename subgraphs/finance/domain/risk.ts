// Risk compensation on a defaulted pledge (风险补偿): the guarantor, the re-guarantor, the
// national fund and the lending bank share the loss. Pure.

export const RISK_PARTIES = ['GUARANTOR', 'RE_GUARANTOR', 'NATIONAL_FUND', 'BANK'] as const;
export type RiskParty = (typeof RISK_PARTIES)[number];

/** Each party's share in whole percent; together 100. */
export type RiskShares = Readonly<Record<RiskParty, number>>;

export const DEFAULT_RISK_SHARES: RiskShares = { GUARANTOR: 40, RE_GUARANTOR: 20, NATIONAL_FUND: 20, BANK: 20 };

/** Who each party is, as the schema's RiskParty enum says. */
export const RISK_PARTY_MEANINGS: Readonly<Record<RiskParty, string>> = {
  GUARANTOR: `The guarantee institution (担保机构) behind the loan: ${DEFAULT_RISK_SHARES.GUARANTOR}% of the loss unless the shares are given`,
  RE_GUARANTOR: `The re-guarantee institution (再担保机构) behind the guarantor: ${DEFAULT_RISK_SHARES.RE_GUARANTOR}% unless the shares are given`,
  NATIONAL_FUND: `The National Financing Guarantee Fund (国家融资担保基金): ${DEFAULT_RISK_SHARES.NATIONAL_FUND}% unless the shares are given`,
  BANK: `The lending bank, the pledgee: ${DEFAULT_RISK_SHARES.BANK}% unless the shares are given`,
};

export interface RiskShareAmount {
  readonly party: RiskParty;
  readonly percent: number;
  readonly amountFen: number;
}

/** What is wrong with the shares, or undefined when they are whole percentages adding up to 100. */
export function sharesProblem(shares: RiskShares): string | undefined {
  const bad = RISK_PARTIES.find((p) => !Number.isInteger(shares[p]) || shares[p] < 0 || shares[p] > 100);
  if (bad !== undefined) return `the ${bad} share must be a whole percentage from 0 to 100`;
  const total = RISK_PARTIES.reduce((n, p) => n + shares[p], 0);
  return total === 100 ? undefined : `the shares add up to ${total}%, not 100%`;
}

/**
 * Splits a loss by largest remainder: each party gets the floor of its exact share, and the fen
 * left over go one each to the largest fractional remainders, ties to the party listed first.
 * The amounts add up to the loss exactly and each is within one fen of its exact share.
 */
export function splitLoss(lossFen: number, shares: RiskShares): RiskShareAmount[] {
  if (!Number.isSafeInteger(lossFen) || lossFen < 0) throw new RangeError(`the loss must be a whole number of fen, 0 or more; got ${lossFen}`);
  const problem = sharesProblem(shares);
  if (problem !== undefined) throw new RangeError(problem);
  // BigInt: loss x percent can pass 2^53.
  const loss = BigInt(lossFen);
  const exact = RISK_PARTIES.map((party) => {
    const scaled = loss * BigInt(shares[party]);
    return { party, floor: scaled / 100n, remainder: scaled % 100n };
  });
  const leftOver = Number(loss - exact.reduce((n, e) => n + e.floor, 0n));
  // A stable sort keeps ties in party order.
  const rounded = new Set(
    [...exact]
      .sort((a, b) => Number(b.remainder - a.remainder))
      .slice(0, leftOver)
      .map((e) => e.party),
  );
  return exact.map(({ party, floor }) => ({ party, percent: shares[party], amountFen: Number(floor + (rounded.has(party) ? 1n : 0n)) }));
}
