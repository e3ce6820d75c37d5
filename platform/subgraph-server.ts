// One subgraph as its own HTTP service (distributed mode): it trusts only identities the
// gateway signed with the shared internal secret.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Registry } from 'prom-client';

import { logUnexpected, maskUnexpected } from './errors.js';
import { cachedReadiness, graphqlRoute, healthRoute, HttpError, httpServer, listen, readinessRoute } from './http.js';
import { IDENTITY_HEADER, verifyIdentity } from './identity.js';
import { createMetrics, graphqlMetrics, metricsRoute } from './metrics.js';
import type { Subgraph } from './subgraph.js';

/** `ready`: what else must answer for the process to be ready (its ledger). */
/** `knownOperations`: the operation names metrics label by (platform/metrics.ts operationLabel). */
export async function serveSubgraph(
  subgraph: Subgraph,
  options: { port: number; secret: string; metrics?: Registry; ready?: () => Promise<void>; knownOperations?: ReadonlySet<string> },
) {
  const metrics = options.metrics ?? createMetrics();
  // No Apollo Studio here: no per-request trace building.
  const apollo = new ApolloServer<object>({
    schema: subgraph.schema,
    plugins: [ApolloServerPluginInlineTraceDisabled(), graphqlMetrics(metrics, options.knownOperations)],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskUnexpected(formatted, error, logUnexpected),
  });
  await apollo.start();
  const server = httpServer({
    '/graphql': graphqlRoute(apollo, {
      context: async (req) => {
        const header = req.headers[IDENTITY_HEADER];
        if (header === undefined) return subgraph.createContext(undefined);
        const identity = verifyIdentity(Array.isArray(header) ? header[0] : header, options.secret);
        if (identity === undefined) throw new HttpError(401, 'the identity header is not signed by the gateway', 'UNAUTHENTICATED');
        return subgraph.createContext(identity);
      },
    }),
    '/healthz': healthRoute,
    '/metrics': metricsRoute(metrics),
    // A subgraph's port is internal: its readiness says why not.
    '/readyz': readinessRoute(
      cachedReadiness(async () => {
        await subgraph.ready();
        await options.ready?.();
      }),
      true,
    ),
  });
  const port = await listen(server, options.port);
  return {
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
