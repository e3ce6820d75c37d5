// Money in fen (分, 0.01 yuan): whole numbers, never floats of yuan. Over GraphQL an amount is a
// decimal string, so that no client reads it into a 32-bit Int or rounds it through a double.

/** Amounts are safe integers: 2^53 - 1 fen is some 90 trillion yuan. */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/** A whole number of fen, 0 to MAX_FEN, from a decimal string (or a JSON integer); throws TypeError. */
export function parseFen(value: unknown): number {
  const fen = typeof value === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(value) ? Number(value) : value;
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen) || fen < 0) {
    throw new TypeError(`${JSON.stringify(value)} is not an amount in fen: a whole number from 0 to ${MAX_FEN}, as a decimal string`);
  }
  return fen;
}
