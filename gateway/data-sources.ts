// How the gateway reaches a subgraph: in-process (embedded mode) or over HTTP with a signed
// identity header (distributed mode).
import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type DocumentNode, execute, parse } from 'graphql';

import { IDENTITY_HEADER, signIdentity } from '../platform/identity.js';
import type { Subgraph } from '../platform/subgraph.js';
import type { GatewayContext } from './context.js';

const MAX_CACHED_DOCUMENTS = 1000;

/**
 * Executes the gateway's fetches against the subgraph's schema in this process. The queries
 * are the gateway's own query plans, so they are parsed once and not validated again; the
 * subgraph context (and its DataLoaders) is shared by every fetch of one request.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext & Record<string, unknown>> {
  readonly #documents = new Map<string, DocumentNode>();
  readonly #contexts = new WeakMap<object, object>();

  constructor(private readonly subgraph: Subgraph) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext & Record<string, unknown>>) {
    // In this process a fetch never waits on I/O (SQLite answers synchronously), so a whole
    // operation would run in one turn of the event loop, and a burst of them would hold it for
    // hundreds of milliseconds. Each fetch starts in a turn of its own: new requests are read,
    // and refusals answered, between them.
    await new Promise((resolve) => setImmediate(resolve));
    const query = request.query ?? '';
    let document = this.#documents.get(query);
    if (document === undefined) {
      document = parse(query);
      if (this.#documents.size >= MAX_CACHED_DOCUMENTS) this.#documents.clear();
      this.#documents.set(query, document);
    }
    let contextValue = this.#contexts.get(context);
    if (contextValue === undefined) {
      contextValue = this.subgraph.createContext(context.identity);
      this.#contexts.set(context, contextValue);
    }
    const result = await execute({
      schema: this.subgraph.schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue,
    });
    return { data: result.data, errors: result.errors?.map((e) => e.toJSON()) };
  }
}

/** Sends the gateway's fetches over HTTP (keep-alive), with the caller's identity signed. */
export function remoteDataSource(url: string, secret: string): GraphQLDataSource<GatewayContext & Record<string, unknown>> {
  return new RemoteGraphQLDataSource<GatewayContext & Record<string, unknown>>({
    url,
    fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'],
    willSendRequest({ request, context }) {
      if (context.identity !== undefined) request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.identity, secret));
    },
  });
}
