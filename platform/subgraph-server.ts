// One subgraph as its own HTTP service (distributed mode). It takes only requests the gateway
// signed for it with this subgraph's key (platform/request-signature.ts): unsigned, replayed,
// re-targeted or altered ones are 401, and only the health checks (/healthz, /readyz: ready or
// not) answer anyone. It listens on 127.0.0.1
// unless told otherwise, bounds what it runs (subgraph-limits.ts), and serves /metrics and the
// detailed readiness on an admin listener of its own, when one is given.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Registry } from 'prom-client';

import { logUnexpected, maskUnexpected } from './errors.js';
import { cachedReadiness, graphqlRoute, healthRoute, HttpError, httpServer, listen, readinessRoute } from './http.js';
import { createMetrics, graphqlMetrics, metricsRoute } from './metrics.js';
import { SIGNATURE_HEADER, SpentNonces, verifyRequest } from './request-signature.js';
import type { Subgraph } from './subgraph.js';
import { DEFAULT_SUBGRAPH_LIMITS, type SubgraphLimits, subgraphLimits } from './subgraph-limits.js';

export interface SubgraphServerOptions {
  readonly port: number;
  /** The interface to listen on: 127.0.0.1 unless IPHUB_<NAME>_HOST says otherwise. */
  readonly host?: string;
  /** This subgraph's key, shared with the gateway alone. */
  readonly key: string;
  /** /metrics and the detailed /readyz, on 127.0.0.1 unless `host` says otherwise. */
  readonly admin?: { readonly port: number; readonly host?: string };
  readonly metrics?: Registry;
  /** What else must answer for the process to be ready (its ledger). */
  readonly ready?: () => Promise<void>;
  /** Lines the admin /readyz adds (the ledger's trusted time). */
  readonly readyNotes?: () => readonly string[];
  /** The operation names metrics label by (platform/metrics.ts operationLabel). */
  readonly knownOperations?: ReadonlySet<string>;
  readonly limits?: SubgraphLimits;
}

export async function serveSubgraph(subgraph: Subgraph, options: SubgraphServerOptions) {
  const metrics = options.metrics ?? createMetrics();
  const bounds = subgraphLimits(options.limits ?? DEFAULT_SUBGRAPH_LIMITS);
  // No Apollo Studio here: no per-request trace building.
  const apollo = new ApolloServer<object>({
    schema: subgraph.schema,
    introspection: false,
    validationRules: bounds.validationRules,
    parseOptions: bounds.parseOptions,
    plugins: [ApolloServerPluginInlineTraceDisabled(), graphqlMetrics(metrics, options.knownOperations), bounds.plugin],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskUnexpected(formatted, error, logUnexpected),
  });
  await apollo.start();
  const nonces = new SpentNonces();
  const readiness = cachedReadiness(async () => {
    await subgraph.ready();
    await options.ready?.();
  });
  const server = httpServer({
    '/graphql': graphqlRoute(apollo, {
      context: async (req, body) => {
        const header = req.headers[SIGNATURE_HEADER];
        const claims = verifyRequest(
          typeof header === 'string' ? header : undefined,
          { method: req.method ?? 'GET', path: req.url ?? '/', body: await body() },
          { audience: subgraph.name, keyOf: (iss) => (iss === 'gateway' ? options.key : undefined), nonces },
        );
        if ('refused' in claims) throw new HttpError(401, `this subgraph answers the gateway alone: ${claims.refused}`, 'UNAUTHENTICATED');
        return subgraph.createContext(claims.identity);
      },
    }),
    // The health checks: alive, and ready or not (why not is the admin listener's to say).
    '/healthz': healthRoute,
    '/readyz': readinessRoute(readiness, false),
  });
  const port = await listen(server, options.port, options.host ?? '127.0.0.1');
  const admin =
    options.admin === undefined
      ? undefined
      : httpServer({ '/healthz': healthRoute, '/metrics': metricsRoute(metrics), '/readyz': readinessRoute(readiness, true, options.readyNotes) });
  const adminPort = admin === undefined ? undefined : await listen(admin, options.admin!.port, options.admin!.host ?? '127.0.0.1');
  return {
    port,
    adminPort,
    close: async () => {
      for (const s of admin === undefined ? [server] : [server, admin]) {
        await new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeAllConnections();
      }
      await apollo.stop();
    },
  };
}
