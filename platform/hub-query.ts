// How a subgraph reads facts another subgraph owns: it asks the supergraph, through the gateway,
// as a service. Data still crosses subgraphs only through federation.
import { GraphQLError } from 'graphql';

import type { Identity } from './identity.js';
import { SIGNATURE_HEADER, signRequest } from './request-signature.js';

export type HubQuery = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** The identity a subgraph's own queries run under: it reads as centre staff would. */
export function serviceIdentity(subgraph: string): Identity {
  return { keyId: `service:${subgraph}`, role: 'CENTER_STAFF' };
}

interface Result {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message: string; readonly extensions?: Readonly<Record<string, unknown>> }[];
}

/** The data of a GraphQL result, or its first error, rethrown with its code. */
export function dataOf<T>(result: Result): T {
  const first = result.errors?.[0];
  if (first !== undefined) throw new GraphQLError(first.message, { extensions: { ...first.extensions } });
  return result.data as T;
}

/**
 * Distributed mode: the gateway's internal listener over HTTP, each request signed with this
 * subgraph's key (the gateway runs it as serviceIdentity(subgraph)).
 */
export function httpHubQuery(gatewayUrl: string, subgraph: string, key: string): HubQuery {
  const target = new URL(gatewayUrl);
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const body = JSON.stringify({ query, variables });
    const signature = signRequest(key, { iss: subgraph, aud: 'gateway' }, { method: 'POST', path: `${target.pathname}${target.search}`, body });
    const res = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature }, body });
    return dataOf<T>((await res.json()) as Result);
  };
}
