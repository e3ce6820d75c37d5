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
  /** How many the whole list holds with the same arguments, counted only when totalCount is asked. */
  readonly count: () => Promise<number>;
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

/** Builds a connection from up to first + 1 rows fetched after the cursor; `count` counts the whole list when asked. */
export function toConnection<T>(rows: T[], page: PageRequest, keyOf: (row: T) => string, count: () => Promise<number>): Connection<T> {
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
    count,
  };
}

/**
 * Where a record stands in a list synced by change: the instant it last changed, then its id.
 * Lists read with updatedSince page in this order, so a sync resumes where it stopped.
 */
export interface ChangeKey {
  readonly updatedAt: string;
  readonly id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** How a list that can be synced is read: by id after an id, or by change since an instant after a change key. */
export type ListRead =
  | { readonly order: 'ID'; readonly after: string | undefined }
  | { readonly order: 'UPDATED_AT'; readonly since: string; readonly after: ChangeKey | undefined };

/** A change key as a cursor's key: the instant, a space, the id. */
export const changeCursorKey = (k: ChangeKey): string => `${k.updatedAt} ${k.id}`;

/** A cursor's key of the form `<ISO instant> <id>` (a change key, a deposit's place): its parts, or undefined when it is not one. */
export function instantKeyParts(key: string): { at: string; id: string } | undefined {
  const space = key.indexOf(' ');
  const at = key.slice(0, space);
  const id = key.slice(space + 1);
  return space < 0 || !ISO_INSTANT.test(at) || id === '' ? undefined : { at, id };
}

/** The change key a cursor's key holds, or BAD_USER_INPUT naming `after` (a cursor of another order, say). */
export function parseChangeKey(key: string | undefined): ChangeKey | undefined {
  if (key === undefined) return undefined;
  const parts = instantKeyParts(key);
  if (parts === undefined) throw badInput('after is not a cursor of this list in this order: ask without after', 'after');
  return { updatedAt: parts.at, id: parts.id };
}

/** An instant as given (ISO 8601, any offset) in the form the stores keep (UTC, milliseconds), or BAD_USER_INPUT naming `field`. */
export function instant(value: string, field: string): string {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw badInput(`${field} must be an ISO 8601 instant with its offset, e.g. 2026-12-01T08:00:00Z`, field);
  return at.toISOString();
}
