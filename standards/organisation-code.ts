// Organisation codes (组织机构代码), GB 11714: eight characters and a check character; the USCC
// (GB 32100) carries one in characters 9 to 17.

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 organisation code: 8 characters and their check character. */
export function organisationCode(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * ORG_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}
