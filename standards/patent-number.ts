// Chinese patent application numbers (专利申请号) and the granted patent numbers (专利号, 'ZL' + the
// application number). Since 2003-10-01: year (4) + type (1) + serial (7); from 1985 until then:
// year (2) + type (1) + serial (5). Both end in '.' and a check digit.

/** The kind of application the number's type digit encodes; PCT national-phase entries follow their kind's rules. */
export type ApplicationType = 'INVENTION' | 'UTILITY_MODEL' | 'DESIGN' | 'PCT_INVENTION' | 'PCT_UTILITY_MODEL';

export type PatentNumberParse =
  { ok: true; canonical: string; year: number; type: ApplicationType; serial: string; granted: boolean } | { ok: false; message: string };

const TYPE_SINCE_2003: Readonly<Record<string, ApplicationType>> = {
  '1': 'INVENTION',
  '2': 'UTILITY_MODEL',
  '3': 'DESIGN',
  '8': 'PCT_INVENTION',
  '9': 'PCT_UTILITY_MODEL',
};
const TYPE_BEFORE_2003: Readonly<Record<string, ApplicationType>> = { '1': 'INVENTION', '2': 'UTILITY_MODEL', '3': 'DESIGN' };

const WEIGHTS_SINCE_2003 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;
const WEIGHTS_BEFORE_2003 = [2, 3, 4, 5, 6, 7, 8, 9] as const;

// Digits, then the check digit with or without its '.': 12 + 1 and 8 + 1 cannot be confused.
const NUMBER = /^(\d{12}|\d{8})(?:\.?([\dX]))?$/;
const EXAMPLE = '201510958772.0';

/** The check digit ('0'-'9' or 'X') of 12 or 8 digits, or undefined for anything else. */
export function patentCheckDigit(digits: string): string | undefined {
  const weights = digits.length === 12 ? WEIGHTS_SINCE_2003 : digits.length === 8 ? WEIGHTS_BEFORE_2003 : undefined;
  if (weights === undefined || !/^\d+$/.test(digits)) return undefined;
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(digits.charAt(i)), 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Parses an application or patent number as people write it: an optional 'CN' or 'ZL' prefix,
 * spaces anywhere between the digits, the '.' before the check digit optional. The canonical form
 * is the bare digits, '.', and the check digit, e.g. 201510958772.0; 'ZL' only sets `granted`.
 *
 * A number without its check digit is rejected: it cannot be verified, and a digit lost in copying
 * would silently name another patent. The message gives the check digit it would need.
 */
export function parsePatentNumber(input: string): PatentNumberParse {
  const text = input.trim().toUpperCase();
  const prefix = /^(?:CN|ZL)/.exec(text)?.[0];
  const body = text.slice(prefix?.length ?? 0).replace(/\s+/g, '');
  const match = NUMBER.exec(body);
  if (!match) {
    return failure(
      `'${input}' is not a Chinese patent application number: expected 12 digits (filed since 2003-10-01) ` +
        `or 8 digits (filed earlier), then '.' and a check digit, e.g. ${EXAMPLE}.`,
    );
  }
  const digits = match[1]!;
  const given = match[2];
  const expected = patentCheckDigit(digits)!;

  const parts = digits.length === 12 ? partsSince2003(digits) : partsBefore2003(digits);
  if (typeof parts === 'string') return failure(`'${input}': ${parts}`);

  if (given === undefined) {
    return failure(
      `'${input}' has no check digit, so it cannot be verified. If the source reads ${digits}.${expected}, ` +
        `enter it like that; if not, a digit was probably lost in copying.`,
    );
  }
  if (given !== expected) {
    return failure(`The check digit of '${input}' is ${given}, but ${digits} gives ${expected}: one of the digits is probably mistyped.`);
  }
  return { ok: true, canonical: `${digits}.${expected}`, ...parts, granted: prefix === 'ZL' };
}

interface NumberParts {
  year: number;
  type: ApplicationType;
  serial: string;
}

function partsSince2003(digits: string): NumberParts | string {
  const year = Number(digits.slice(0, 4));
  if (year < 2003) return `12-digit numbers were first issued in 2003; year ${year} needs the 8-digit form.`;
  const type = TYPE_SINCE_2003[digits.charAt(4)];
  if (type === undefined) {
    return (
      `the 5th digit is the patent type and '${digits.charAt(4)}' is none ` + `(1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model).`
    );
  }
  return { year, type, serial: digits.slice(5) };
}

function partsBefore2003(digits: string): NumberParts | string {
  const yy = Number(digits.slice(0, 2));
  // The Patent Law took effect in 1985; 8-digit numbers ran until 2003-09-30.
  const year = yy >= 85 ? 1900 + yy : 2000 + yy;
  if (year > 2003) return `8-digit numbers were issued from 1985 to 2003; '${digits.slice(0, 2)}' is no such year.`;
  const type = TYPE_BEFORE_2003[digits.charAt(2)];
  if (type === undefined) {
    return `the 3rd digit is the patent type and '${digits.charAt(2)}' is none (1 invention, 2 utility model, 3 design).`;
  }
  return { year, type, serial: digits.slice(3) };
}

function failure(message: string): PatentNumberParse {
  return { ok: false, message };
}
