// Input checks every subgraph makes the same way: BAD_USER_INPUT naming the field.
import { badInput } from '../../platform/errors.js';

/** Trimmed text of 1 to `max` characters. */
export function text(value: string, field: string, max: number): string {
  const v = value.trim();
  if (v === '' || v.length > max) throw badInput(`${field} must be 1 to ${max} characters`, field);
  return v;
}

/** As text, or null when not given. */
export const optionalText = (value: string | null | undefined, field: string, max: number): string | null =>
  value === null || value === undefined ? null : text(value, field, max);
