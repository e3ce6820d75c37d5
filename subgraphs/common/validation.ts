// Input checks every subgraph makes the same way: BAD_USER_INPUT naming the field, and every
// problem of an input gathered into one refusal rather than the first alone.
import type { GraphQLError } from 'graphql';

import { badInput, failure, inputProblems, isInputProblem, type Problem } from '../../platform/errors.js';

/** Trimmed text of 1 to `max` characters. */
export function text(value: string, field: string, max: number): string {
  const v = value.trim();
  if (v === '' || v.length > max) throw badInput(`${field} must be 1 to ${max} characters`, field);
  return v;
}

/** As text, or null when not given. */
export const optionalText = (value: string | null | undefined, field: string, max: number): string | null =>
  value === null || value === undefined ? null : text(value, field, max);

type Checked<T extends Record<string, () => unknown>> = { [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs every check of an input, each whatever the others found: their values by name, or one
 * error listing each problem (platform/errors.ts inputProblems). A check failing otherwise (an
 * outage) is thrown as it is.
 */
export async function checkInput<T extends Record<string, () => unknown>>(checks: T): Promise<Checked<T>> {
  const problems: GraphQLError[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      values[name] = await check();
    } catch (err) {
      if (!isInputProblem(err)) throw err;
      problems.push(...spread(err));
    }
  }
  if (problems.length > 0) throw inputProblems(problems);
  return values as Checked<T>;
}

/** checkInput for checks that answer at once: each element of a list, say. */
export function checkEach<T, R>(items: readonly T[], check: (item: T, index: number) => R): R[] {
  const problems: GraphQLError[] = [];
  const values = items.map((item, i) => {
    try {
      return check(item, i);
    } catch (err) {
      if (!isInputProblem(err)) throw err;
      problems.push(...spread(err));
      return undefined as R;
    }
  });
  if (problems.length > 0) throw inputProblems(problems);
  return values;
}

/** An error listing several problems as its problems, one error each, so that they gather flat. */
function spread(err: GraphQLError): GraphQLError[] {
  const listed = err.extensions.problems;
  if (!Array.isArray(listed)) return [err];
  return (listed as Problem[]).map((p) => failure(p.code, p.message, p.field === null ? {} : { field: p.field }));
}
