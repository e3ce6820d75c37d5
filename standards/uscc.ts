// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
// Layout: registering authority (1), organisation type (1), administrative-division code
// (6 digits, GB/T 2260), organisation code (9, GB 11714), check character (1).

import { isRegionCode } from './region-code.js';

/** The characters a USCC may contain: digits and the capitals that do not read like digits (no I, O, S, V, Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^(i-1) mod 31, as tabulated in the standard.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

// Letters left out of the charset because they read like digits: say which digit was meant.
const LOOKALIKE_DIGIT: Readonly<Record<string, string>> = { I: '1', O: '0', S: '5', Z: '2' };

export type UsccValidation = { ok: true; uscc: string; regionCode: string } | { ok: false; reason: 'FORMAT' | 'CHECK_CHARACTER'; message: string };

export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters, or undefined if they are not 17 code characters. */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates a code as typed. The authority and type characters are not checked against the
 * standard's tables: those tables are extended by notice, and the check character already
 * catches typing errors. Codes issued before the standard that fail the check are rejected here;
 * registering them is an explicit, recorded staff override elsewhere.
 */
export function validateUscc(input: string): UsccValidation {
  const uscc = normalizeUscc(input);
  if (uscc.length !== LENGTH) {
    return formatError(`A Unified Social Credit Code has ${LENGTH} characters; '${uscc}' has ${uscc.length}.`);
  }
  for (let i = 0; i < LENGTH; i++) {
    const c = uscc.charAt(i);
    if (!USCC_CHARSET.includes(c)) return formatError(invalidCharacterMessage(uscc, i));
  }
  const regionCode = uscc.slice(2, 8);
  if (!isRegionCode(regionCode)) {
    return formatError(`Characters 3 to 8 are the administrative-division code and must be 6 digits; got '${regionCode}'.`);
  }
  const expected = usccCheckCharacter(uscc.slice(0, 17))!;
  const given = uscc.charAt(17);
  if (given !== expected) {
    return {
      ok: false,
      reason: 'CHECK_CHARACTER',
      message:
        `The check character (the last one) is '${given}', but the first 17 characters give '${expected}'. ` +
        `Compare the code with the business licence: one of the characters is probably mistyped.`,
    };
  }
  return { ok: true, uscc, regionCode };
}

function invalidCharacterMessage(uscc: string, index: number): string {
  const c = uscc.charAt(index);
  const allowed = 'codes use digits and the capital letters A-Z except I, O, S, V and Z';
  // When only the check character is wrong, say what it should be rather than guess.
  const expected = index === 17 ? usccCheckCharacter(uscc.slice(0, 17)) : undefined;
  if (expected !== undefined) {
    return `Character 18 ('${c}') is not allowed: ${allowed}. The first 17 characters give the check character '${expected}'.`;
  }
  const digit = LOOKALIKE_DIGIT[c];
  const hint = digit === undefined ? '' : ` (did you mean the digit '${digit}'?)`;
  return `Character ${index + 1} ('${c}') is not allowed${hint}: ${allowed}.`;
}

function formatError(message: string): UsccValidation {
  return { ok: false, reason: 'FORMAT', message };
}
