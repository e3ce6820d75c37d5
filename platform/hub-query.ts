// How a subgraph reads facts another subgraph owns: it asks the supergraph, through the gateway,
// as a service. Data still crosses subgraphs only through federation.
import { GraphQLError } from 'graphql';

import { type Identity, IDENTITY_HEADER, signIdentity } from './identity.js';

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

/** Distributed mode: the gateway over HTTP, with the service identity signed. */
export function httpHubQuery(gatewayUrl: string, secret: string, subgraph: string): HubQuery {
  const identity = serviceIdentity(subgraph);
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(identity, secret) },
      body: JSON.stringify({ query, variables }),
    });
    return dataOf<T>((await res.json()) as Result);
  };
}
