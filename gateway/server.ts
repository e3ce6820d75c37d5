// The gateway: authenticates partner keys and executes the supergraph's query plans against
// the subgraphs, in-process or over HTTP.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { failure } from '../subgraphs/common/errors.js';
import { graphqlRoute, httpServer, listen } from '../subgraphs/common/http.js';
import type { Identity } from '../subgraphs/common/identity.js';
import type { SubgraphName } from '../subgraphs/common/subgraph.js';
import type { GatewayContext } from './data-sources.js';
import { authenticate, type KeyStore } from './keys.js';
import { SUPERGRAPH_PATH } from './compose.js';

export interface GatewayOptions {
  readonly port: number;
  readonly keys: KeyStore;
  /** The data source for each subgraph named in the supergraph. */
  readonly dataSource: (name: SubgraphName, url: string) => GraphQLDataSource;
  readonly supergraphSdl?: string;
}

export interface RunningGateway {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** The caller's identity from `Authorization: Bearer <key>`; none without the header. */
export async function identify(req: IncomingMessage, keys: KeyStore): Promise<Identity | undefined> {
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
  const apollo = new ApolloServer<GatewayContext>({ gateway, includeStacktraceInErrorResponses: false });
  await apollo.start();
  const server = httpServer({
    '/graphql': graphqlRoute(apollo, async (req) => ({ identity: await identify(req, options.keys) })),
  });
  const port = await listen(server, options.port);
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
