// A page of each owner's list (an enterprise's patents, its data assets), batched: the owners of
// one request that ask the same page (`after`, `limit`; usually the first) are read at once.
import DataLoader from 'dataloader';

import { type Connection, pageRequest, toConnection } from '../../platform/pagination.js';

export interface OwnerPage<A> {
  readonly owner: string;
  /** The key the page starts strictly after; undefined for the first page. */
  readonly after: A | undefined;
  readonly limit: number;
}

const keyOf = <A>(k: OwnerPage<A>): string => JSON.stringify([k.owner, k.after ?? null, k.limit]);

/** One store read per distinct `after` and `limit` in a batch, of every owner asking it. */
export function ownerPagesLoader<A, T>(read: (owners: readonly string[], after: A | undefined, limit: number) => Promise<T[][]>) {
  return new DataLoader<OwnerPage<A>, T[], string>(
    async (keys) => {
      const pages = new Map<string, T[]>();
      const groups = new Map<string, OwnerPage<A>[]>();
      for (const k of keys) {
        const group = JSON.stringify([k.after ?? null, k.limit]);
        groups.set(group, [...(groups.get(group) ?? []), k]);
      }
      for (const group of groups.values()) {
        const rows = await read(
          group.map((k) => k.owner),
          group[0]!.after,
          group[0]!.limit,
        );
        group.forEach((k, i) => pages.set(keyOf(k), rows[i]!));
      }
      return keys.map((k) => pages.get(keyOf(k))!);
    },
    { cacheKeyFn: keyOf },
  );
}

/** How many each owner's list holds, batched: one store read (grouped by owner) per batch. */
export const ownerCountsLoader = (count: (owners: readonly string[]) => Promise<number[]>) => new DataLoader<string, number>(async (owners) => count(owners));

/**
 * One owner's list as a connection: the page `first`/`after` asks for, read through the request's
 * loader (one row more, to know whether more follow), its totalCount through `counts`. `parse`
 * turns a cursor's key into the store's.
 */
export async function ownerConnection<A, T>(
  loader: DataLoader<OwnerPage<A>, T[], string>,
  counts: DataLoader<string, number>,
  owner: string,
  args: { readonly first?: number | null; readonly after?: string | null },
  keyOf: (row: T) => string,
  parse: (after: string) => A,
): Promise<Connection<T>> {
  const page = pageRequest(args.first, args.after);
  const rows = await loader.load({ owner, after: page.after === undefined ? undefined : parse(page.after), limit: page.first + 1 });
  return toConnection(rows, page, keyOf, () => counts.load(owner));
}
