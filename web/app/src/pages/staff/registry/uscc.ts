// The one credit-code refusal staff may override: a well-formed code whose check character (the
// last) is not the one its first 17 give (GB 32100-2015, as standards/uscc.ts checks it). The
// hub says so in extensions.overridable, which the page's HubError does not carry; this tells the
// same from the code.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function failsOnlyCheckCharacter(typed: string): boolean {
  const code = typed.trim().toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !CHARSET.includes(c)) || !/^\d{6}$/.test(code.slice(2, 8))) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + CHARSET.indexOf(code.charAt(i)) * w, 0);
  return CHARSET.charAt((31 - (sum % 31)) % 31) !== code.charAt(17);
}
