// How the gateway reaches a subgraph: in-process (embedded mode) or over HTTP, each request signed
// for that subgraph with its key, the caller's identity inside (distributed mode).
import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type DocumentNode, execute, parse } from 'graphql';

import type { Identity } from '../platform/identity.js';
import { SIGNATURE_HEADER, signRequest } from '../platform/request-signature.js';
import type { Subgraph, SubgraphName } from '../platform/subgraph.js';
import { type GatewayContext, subgraphIdentity } from './context.js';

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
      contextValue = this.subgraph.createContext(subgraphIdentity(context as GatewayContext));
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

/** Carries the caller from willSendRequest to the fetcher, which signs the final body; never sent. */
const CALLER_HEADER = 'x-iphub-caller';

/** Sends the gateway's fetches to subgraph `name` over HTTP (keep-alive), each signed for it with `key`. */
export function remoteDataSource(url: string, name: SubgraphName, key: string): GraphQLDataSource<GatewayContext & Record<string, unknown>> {
  const signed = async (input: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const { [CALLER_HEADER]: caller, ...headers } = init.headers ?? {};
    const identity = caller === undefined ? undefined : (JSON.parse(Buffer.from(caller, 'base64url').toString('utf8')) as Identity);
    const target = new URL(input);
    const request = { method: init.method ?? 'POST', path: `${target.pathname}${target.search}`, body: init.body ?? '' };
    headers[SIGNATURE_HEADER] = signRequest(key, { iss: 'gateway', aud: name, ...(identity === undefined ? {} : { identity }) }, request);
    return fetch(input, { ...init, headers });
  };
  return new RemoteGraphQLDataSource<GatewayContext & Record<string, unknown>>({
    url,
    fetcher: signed as unknown as RemoteGraphQLDataSource['fetcher'],
    willSendRequest({ request, context }) {
      const identity = subgraphIdentity(context as GatewayContext);
      if (identity !== undefined) request.http?.headers.set(CALLER_HEADER, Buffer.from(JSON.stringify(identity)).toString('base64url'));
    },
  });
}
