// Lists a partner keeps in sync: `updatedSince` and `orderBy: UPDATED_AT` page through what
// changed, oldest change first, so a sync that stops resumes from its last cursor, and the next
// sync starts from the newest updatedAt it saw (inclusive: a record changed in that same
// millisecond is read again, never missed).
import { badInput } from '../../platform/errors.js';
import { changeCursorKey, instant, type ListRead, type PageRequest, parseChangeKey } from '../../platform/pagination.js';
import type { SubgraphBuilder } from './shared-types.js';

type ListOrder = ListRead['order'];

/** The order a synced list is read in: the same enum in every subgraph. */
export function listOrderEnum<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.enumType('ListOrder', {
    description: 'The order of a list that can be synced',
    values: {
      ID: { description: 'By id: stable, in no meaningful order; the default without updatedSince' },
      UPDATED_AT: { description: 'Oldest change first, then by id: what a sync walks; the default, and the only order, with updatedSince' },
    },
  });
}

export const syncArgDescriptions = {
  updatedSince: 'Only what changed at this instant or later (ISO 8601 with its offset): start the next sync from the newest updatedAt the last one saw',
  orderBy: 'ID (the default) or UPDATED_AT (the default with updatedSince)',
} as const;

/** The read the arguments ask for, or BAD_USER_INPUT: updatedSince pages by change alone. */
export function listRead(page: PageRequest, updatedSince: string | null | undefined, orderBy: ListOrder | null | undefined): ListRead {
  const since = updatedSince === null || updatedSince === undefined ? undefined : instant(updatedSince, 'updatedSince');
  const order = orderBy ?? (since === undefined ? 'ID' : 'UPDATED_AT');
  if (order === 'ID') {
    if (since !== undefined) throw badInput('updatedSince lists by change: omit orderBy, or give UPDATED_AT', 'orderBy');
    return { order, after: page.after };
  }
  return { order, since: since ?? '', after: parseChangeKey(page.after) };
}

/** A record's cursor key in the order it was read. */
export const cursorKeyOf =
  (read: ListRead) =>
  (r: { readonly id: string; readonly updatedAt: string }): string =>
    read.order === 'ID' ? r.id : changeCursorKey(r);
