// Relay cursor connections over keyset pages: the cursor is the last key seen, opaque to callers.
import { badInput } from './errors.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
/** The most keys one bulk lookup takes (patents(applicationNumbers:) and the like). */
export const MAX_BULK = 100;

/** The keys of a bulk lookup, refused past MAX_BULK: `field` names the argument. */
export function bulkKeys<T>(keys: readonly T[], field: string): readonly T[] {
  if (keys.length > MAX_BULK) throw badInput(`${field} takes at most ${MAX_BULK} at once; ask again for the rest`, field);
  return keys;
}

export interface PageRequest {
  /** Page size, 1..MAX_PAGE. */
  readonly first: number;
  /** Return keys strictly after this one. */
  readonly after: string | undefined;
}

/** The Relay connection spec's PageInfo, for pages read forwards (first/after). */
export interface PageInfo {
  readonly hasNextPage: boolean;
  /**
   * Whether items come before this page: true exactly when it started after a cursor (keyset pages
   * read forwards know no more cheaply, as the spec allows).
   */
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly pageInfo: PageInfo;
}

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
  if (after === null || after === undefined) return { first: size, after: undefined };
  const key = Buffer.from(after, 'base64url').toString('utf8');
  if (key === '' || encodeCursor(key) !== after) throw badInput('after is not a cursor this API returned', 'after');
  return { first: size, after: key };
}

/** Builds a connection from up to first + 1 rows fetched after the cursor. */
export function toConnection<T>(rows: T[], page: PageRequest, keyOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
