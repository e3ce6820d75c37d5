// Queries as the pages use them (TanStack Query): keyed by the document and its variables, so a
// change the page makes can invalidate what it read.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { graphql } from '../api';

/** A GraphQL query, run when the page opens and when its variables change. */
export function useGraphQL<T>(document: string, variables: Record<string, unknown> = {}, enabled = true) {
  return useQuery({ queryKey: [document, variables], queryFn: () => graphql<T>(document, variables), enabled, placeholderData: keepPreviousData });
}

export interface Connection<N> {
  readonly edges: readonly { readonly node: N }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** A connection with nothing in it: what a page shows for an answer without one (no such enterprise). */
export const NO_PAGE: Connection<never> = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

/** What a page shows of a connection read a page at a time. */
export interface Pages<N> {
  readonly nodes: readonly N[];
  readonly error: unknown;
  readonly loading: boolean;
  readonly hasMore: boolean;
  more(): void;
  reload(): void;
}

/** A connection read a page at a time (`first`/`after`), as the API requires; `pick` finds it in the answer. */
export function usePages<T, N>(
  document: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Connection<N>,
  pageSize = 50,
  enabled = true,
): Pages<N> {
  const query = useInfiniteQuery({
    enabled,
    queryKey: [document, variables],
    queryFn: ({ pageParam }) => graphql<T>(document, { ...variables, first: pageSize, after: pageParam }).then(pick),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return {
    nodes: query.data?.pages.flatMap((p) => p.edges.map((e) => e.node)) ?? [],
    error: query.error,
    loading: query.isFetching,
    hasMore: query.hasNextPage,
    more: () => void query.fetchNextPage(),
    reload: () => void query.refetch(),
  };
}
