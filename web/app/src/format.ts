// How amounts and times read on the page. Amounts travel as decimal strings of fen (分).

/** `123456` fen → `1,234.56` (yuan, grouped); exact for any safe integer. */
export function yuan(fen: string, lang: 'zh' | 'en'): string {
  const n = BigInt(fen);
  const whole = (n / 100n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  return `${whole}.${(n % 100n).toString().padStart(2, '0')}`;
}

/** Yuan as a person types it (`1234.5`) → fen as the API takes it (`"123450"`); undefined when it is not an amount. */
export function fenOf(yuanText: string): string | undefined {
  const m = /^\s*(\d{1,14})(?:\.(\d{1,2}))?\s*$/.exec(yuanText);
  if (m === null) return undefined;
  return (BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))).toString();
}

/** An ISO instant in the reader's time zone, to the minute. */
export function dateTime(iso: string, lang: 'zh' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A digest shortened for a table, whole in its title. */
export const shortDigest = (hex: string): string => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
