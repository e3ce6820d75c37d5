// The gateway: authenticates partner keys and executes the supergraph's query plans against
// the subgraphs, in-process or over HTTP.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { failure } from '../subgraphs/common/errors.js';
import { graphqlRoute, httpServer, listen, readinessRoute } from '../subgraphs/common/http.js';
import { IDENTITY_HEADER, verifyIdentity, type Identity } from '../subgraphs/common/identity.js';
import { dataOf } from '../subgraphs/common/hub-query.js';
import { createMetrics, graphqlMetrics, metricsRoute } from '../subgraphs/common/metrics.js';
import type { Registry } from 'prom-client';
import type { SubgraphName } from '../subgraphs/common/subgraph.js';
import type { GatewayContext } from './data-sources.js';
import { authenticate, type KeyStore } from './keys.js';
import { SUPERGRAPH_PATH } from './compose.js';
import { verifyPageRoutes } from '../web/serve.js';

export interface GatewayOptions {
  readonly port: number;
  readonly keys: KeyStore;
  /** Accept identities signed with this secret (the subgraphs' own queries, distributed mode). */
  readonly internalSecret?: string;
  /** The data source for each subgraph named in the supergraph. */
  readonly dataSource: (name: SubgraphName, url: string) => GraphQLDataSource;
  readonly supergraphSdl?: string;
  /** Where to count requests, errors and latency; served at /metrics. */
  readonly metrics?: Registry;
  /** What must answer, besides the key store, for /readyz to say ready. */
  readonly ready?: () => Promise<void>;
}

export interface RunningGateway {
  readonly port: number;
  readonly url: string;
  /** Runs a query in this process as `identity` (the subgraphs' own queries, embedded mode). */
  query<T>(query: string, variables: Record<string, unknown>, identity: Identity | undefined): Promise<T>;
  close(): Promise<void>;
}

/**
 * The caller's identity from `Authorization: Bearer <key>`, or from an identity header signed
 * with the internal secret (a subgraph asking as a service); none without either.
 */
export async function identify(req: IncomingMessage, keys: KeyStore, internalSecret?: string): Promise<Identity | undefined> {
  const signed = req.headers[IDENTITY_HEADER];
  if (internalSecret !== undefined && typeof signed === 'string') {
    const identity = verifyIdentity(signed, internalSecret);
    if (identity === undefined) throw failure('UNAUTHENTICATED', 'the identity header is not signed by this hub', { http: { status: 401 } });
    return identity;
  }
  const header = req.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (m === null) throw failure('UNAUTHENTICATED', 'the Authorization header must be "Bearer <partner key>"', { http: { status: 401 } });
  const identity = await authenticate(keys, m[1]!);
  if (identity === undefined) throw failure('UNAUTHENTICATED', 'the partner key is unknown or revoked', { http: { status: 401 } });
  return identity;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => options.dataSource(name as SubgraphName, url ?? ''),
  });
  // Partners get the message and the code, never a stack trace.
  const metrics = options.metrics ?? createMetrics();
  const apollo = new ApolloServer<GatewayContext>({ gateway, includeStacktraceInErrorResponses: false, plugins: [graphqlMetrics(metrics)] });
  await apollo.start();
  const query = async <T>(query: string, variables: Record<string, unknown>, identity: Identity | undefined) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { identity } });
    if (response.body.kind !== 'single') throw new Error('a streamed response to a service query');
    return dataOf<T>(response.body.singleResult);
  };
  const server = httpServer({
    '/graphql': graphqlRoute(apollo, async (req) => ({ identity: await identify(req, options.keys, options.internalSecret) })),
    // The latest signed checkpoint as a C2SP tlog-checkpoint note, for mirrors and witnesses.
    '/checkpoint': async (_req, res) => {
      const { ledgerCheckpoint } = await query<{ ledgerCheckpoint: string }>('{ ledgerCheckpoint }', {}, undefined);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end(ledgerCheckpoint);
    },
    // Tiles for mirrors and witnesses (C2SP tlog-tiles).
    '/tile/': async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1);
      const { ledgerTile } = await query<{ ledgerTile: string | null }>('query ($p: String!) { ledgerTile(path: $p) }', { p: path }, undefined);
      if (ledgerTile === null) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no such tile: ${path}\n`);
        return;
      }
      // A path's bytes never change, partial tiles included: a later width is another path.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' }).end(Buffer.from(ledgerTile, 'base64'));
    },
    ...verifyPageRoutes(),
    '/healthz': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n'),
    '/metrics': metricsRoute(metrics),
    '/readyz': readinessRoute(async () => {
      await options.keys.byId('readyz');
      await options.ready?.();
    }),
  });
  const port = await listen(server, options.port);
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    query,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
