// The gateway: authenticates partner keys and people's sessions, bounds every request (operation
// limits, rate limits, admission control, an execution timeout, a response cap), executes the
// supergraph's query plans against the subgraphs, in-process or over HTTP, and serves /auth/*
// (gateway/sessions/) for people signing in.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { type DocumentNode, GraphQLError } from 'graphql';
import type { Registry } from 'prom-client';

import { type ErrorCode, logUnexpected, maskUnexpected } from '../platform/errors.js';
import { cachedReadiness, graphqlRoute, healthRoute, HttpError, httpServer, listen, readinessRoute, type Route } from '../platform/http.js';
import { dataOf, serviceIdentity } from '../platform/hub-query.js';
import type { Identity } from '../platform/identity.js';
import { createMetrics, graphqlMetrics, metricsRoute } from '../platform/metrics.js';
import { DEFAULT_PORTS, portFrom } from '../platform/ports.js';
import { SIGNATURE_HEADER, SpentNonces, verifyRequest } from '../platform/request-signature.js';
import type { SubgraphName } from '../platform/subgraph.js';
import { appOperationNames, appRoutes } from '../web/app/serve.js';
import { CertificateRenderers } from '../web/certificate/renderers.js';
import { graphiqlRoutes, wantsGraphiql } from '../web/graphiql/serve.js';
import { verifyPageRoutes } from '../web/verify/serve.js';
import { countedHashingAdmission } from './accounts/hashing-admission.js';
import type { AccountStore } from './accounts/store/port.js';
import { certificatePdfRoute } from './certificates.js';
import { SUPERGRAPH_PATH } from './compose.js';
import type { Caller, GatewayContext } from './context.js';
import { authenticate, type Authenticated } from './keys/keys.js';
import type { KeyStore } from './keys/store/port.js';
import { Admission, CallerBusy, Overloaded } from './limits/admission.js';
import { BoundedCache } from './limits/bounded-cache.js';
import { clientAddress } from './limits/client-address.js';
import { type ExecutionTimer, stoppableDataSource, withExecutionTimeout } from './limits/execution-timeout.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { checkTokens } from './limits/operation-limits.js';
import { limitsPlugin, rateLimitedMessage, rateOwner, rateSubjectOf } from './limits/plugin.js';
import { memoryRateStore, RateLimits, type RateStore } from './limits/rate-limits.js';
import { gatewayMetrics } from './metrics.js';
import { sessionToken } from './sessions/cookies.js';
import type { People } from './sessions/people.js';
import { liveSession, requireCsrf } from './sessions/request.js';
import { authRoutes } from './sessions/routes.js';
import { Sessions } from './sessions/sessions.js';
import { SignInLimits } from './sessions/sign-in-limits.js';
import type { SessionStore } from './sessions/store/port.js';

export interface GatewayOptions {
  readonly port: number;
  readonly keys: KeyStore;
  /**
   * The internal listener (distributed mode): the subgraphs' own queries, each signed with its
   * subgraph's key (platform/request-signature.ts), on 127.0.0.1 unless `host` says otherwise. The
   * public port never takes a service request.
   */
  readonly internal?: { readonly port: number; readonly host?: string; readonly keys: Readonly<Record<SubgraphName, string>> };
  /** The data source for each subgraph named in the supergraph. */
  readonly dataSource: (name: SubgraphName, url: string) => GraphQLDataSource;
  readonly supergraphSdl?: string;
  /** Where to count requests, errors and latency; served at /metrics on the admin listener. */
  readonly metrics?: Registry;
  /**
   * The admin listener: /metrics and the detailed /readyz, off the public port (on 127.0.0.1
   * unless `host` says otherwise). Without it, neither is served.
   */
  readonly admin?: { readonly port: number; readonly host?: string };
  /** What must answer, besides the key store, for /readyz to say ready. */
  readonly ready?: () => Promise<void>;
  /** Lines the admin /readyz adds: what an operator watches that readiness does not wait for (the ledger's trusted time). */
  readonly readyNotes?: () => readonly string[];
  /** Every bound on a request (gateway/limits.ts); the defaults when absent. */
  readonly limits?: Limits;
  /** Where rate-limit counters live: in memory when absent (one process). */
  readonly rateStore?: RateStore;
  /** Arms each operation's execution timeout: setTimeout when absent (tests fire their own). */
  readonly executionTimer?: ExecutionTimer;
  /** People's accounts and their sessions: /auth/* and the session cookie on /graphql. Without them, neither. */
  readonly people?: { readonly accounts: AccountStore; readonly sessions: SessionStore };
  /** The clock sessions are timed by: Date.now when absent (tests move their own instead of waiting). */
  readonly now?: () => number;
  /**
   * The hub's public base URL (IPHUB_PUBLIC_URL, publicUrlFromEnv), where people reach it: the
   * PDF certificates' QR codes lead to its /verify. Without it, they carry none.
   */
  readonly publicUrl?: string;
}

/**
 * IPHUB_PUBLIC_URL, the hub's public base URL (https://iphub.example.cn, or with a path where a
 * proxy serves the hub under one), without its trailing slash; undefined when unset. Anything but
 * an http(s) URL without a query, fragment or credentials is refused.
 */
export function publicUrlFromEnv(env: Record<string, string | undefined>): string | undefined {
  const given = env.IPHUB_PUBLIC_URL?.trim();
  if (given === undefined || given === '') return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`IPHUB_PUBLIC_URL must be the hub's public base URL, such as https://iphub.example.cn; got '${given}'`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || /[?#]/.test(given)) {
    throw new Error(`IPHUB_PUBLIC_URL must be an http or https URL without a query, fragment or credentials, such as https://iphub.example.cn; got '${given}'`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The admin listener IPHUB_ADMIN_PORT (4100) and IPHUB_ADMIN_HOST (127.0.0.1) say; `port` 0 for a hub on a free port (tests). */
export function adminFromEnv(env: Record<string, string | undefined>, publicPort?: number): { port: number; host: string } {
  const host = env.IPHUB_ADMIN_HOST || '127.0.0.1';
  if (publicPort === 0) return { port: 0, host };
  return { port: portFrom(env, 'IPHUB_ADMIN_PORT', DEFAULT_PORTS.admin), host };
}

export interface RunningGateway {
  readonly port: number;
  readonly url: string;
  /** The admin listener's base URL (/metrics, /readyz), when it runs. */
  readonly adminUrl?: string;
  /** The internal listener's GraphQL URL, for the subgraphs' own queries, when it runs. */
  readonly internalUrl?: string;
  /** Runs a query in this process as `identity` (the subgraphs' own queries, embedded mode). */
  query<T>(query: string, variables: Record<string, unknown>, identity: Identity | undefined): Promise<T>;
  close(): Promise<void>;
}

/**
 * What a PDF certificate costs its caller's rate budget: the query it runs (about what a
 * verification costs) and its rendering, some 30 to 40 ms of a worker thread.
 */
const CERTIFICATE_PDF_POINTS = 20;

/** Who is calling, as far as the request says: a partner key, a person's session cookie, or no one. */
type Credentials = { kind: 'key'; key: string } | { kind: 'session'; token: string } | { kind: 'anonymous' };

/** A key wins over a session cookie sent with it; the cookie counts only where sessions are on (`sessions`: whether its cookie is the Secure one). */
function credentials(req: IncomingMessage, sessions: { readonly secure: boolean } | undefined): Credentials {
  if (req.headers[SIGNATURE_HEADER] !== undefined)
    throw new HttpError(401, "service requests are taken on the gateway's internal listener only, never on its public port", 'UNAUTHENTICATED');
  const header = req.headers.authorization;
  if (header === undefined || header === '') {
    const token = sessions === undefined ? undefined : sessionToken(req, sessions.secure);
    return token === undefined ? { kind: 'anonymous' } : { kind: 'session', token };
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (m === null) throw new HttpError(401, 'the Authorization header must be "Bearer <partner key>"', 'UNAUTHENTICATED');
  return { kind: 'key', key: m[1]! };
}

/** The caller's identity from `Authorization: Bearer <key>`; none without one. */
export async function identify(req: IncomingMessage, keys: KeyStore): Promise<Identity | undefined> {
  const given = credentials(req, undefined);
  if (given.kind !== 'key') return undefined;
  const authenticated = await authenticate(keys, given.key);
  if (authenticated === undefined) throw new HttpError(401, 'the partner key is unknown or revoked', 'UNAUTHENTICATED');
  return authenticated.identity;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const documents = new BoundedCache<DocumentNode>(limits.caches.documentBytes);
  const queryPlans = new BoundedCache<QueryPlan>(limits.caches.queryPlanBytes);
  const admission = new Admission(limits.admission);
  const rate = new RateLimits(limits.rate, options.rateStore ?? memoryRateStore);
  const registry = options.metrics ?? createMetrics();
  const metrics = gatewayMetrics(registry, admission, { documents, query_plans: queryPlans });
  const sessions = options.people && new Sessions(options.people.sessions, options.people.accounts, limits.sessions, options.now);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => stoppableDataSource(options.dataSource(name as SubgraphName, url ?? ''), () => metrics.fetched(name)),
    queryPlannerConfig: { cache: queryPlans },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withExecutionTimeout(gateway, limits.timeoutMs, () => metrics.refused('TIMEOUT'), options.executionTimer),
    // Partners get the message and the code, never a stack trace; an unexpected error, only an id.
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskUnexpected(formatted, error, logUnexpected),
    documentStore: documents,
    // No automatic persisted queries: no store of operations that callers can fill.
    persistedQueries: false,
    // Each caller's token budget is checked before parsing (admit, below); this bounds the rest.
    parseOptions: { maxTokens: Math.max(limits.budgets.anonymous.tokens, limits.budgets.partner.tokens) },
    // A browser opening /graphql gets the self-hosted GraphiQL (below), never Apollo's page from a CDN.
    plugins: [graphqlMetrics(registry, appOperationNames()), limitsPlugin(limits, rate, metrics), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const service = (identity: Identity | undefined): GatewayContext => ({
    identity,
    caller: { tier: 'partner', budget: limits.budgets.partner },
    execution: new AbortController(),
  });
  const query = async <T>(query: string, variables: Record<string, unknown>, identity: Identity | undefined) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: service(identity) });
    if (response.body.kind !== 'single') throw new Error('a streamed response to a service query');
    return dataOf<T>(response.body.singleResult);
  };

  /** A partner key's identity and own limits: 429 while its address is blocked for failed authentications, 401 (and counted) when wrong. */
  const keyHolder = async (key: string, address: string): Promise<Authenticated> => {
    const blocked = await rate.authBlocked(address);
    if (blocked !== undefined) {
      metrics.rateLimited('authentication');
      throw new HttpError(429, `too many failed authentications from this address; retry after ${blocked.retryAfter} s`, 'RATE_LIMITED', {
        'retry-after': String(blocked.retryAfter),
      });
    }
    const authenticated = await authenticate(options.keys, key);
    if (authenticated === undefined) {
      await rate.authFailed(address);
      throw new HttpError(401, 'the partner key is unknown or revoked', 'UNAUTHENTICATED');
    }
    return authenticated;
  };
  /**
   * The caller of a request, refused at once when its rate budget is spent or its address failed to
   * authenticate too often. `cookie`: whether a session cookie counts (not on the public routes);
   * `csrf`: whether it counts only with its session's CSRF token (not for a download a page links to).
   */
  const callerOf = async (req: IncomingMessage, cookie = true, csrf = true): Promise<GatewayContext> => {
    const given = credentials(req, cookie && sessions !== undefined ? { secure: limits.sessions.secureCookie } : undefined);
    const address = clientAddress(req, limits.trustedProxies);
    let context: GatewayContext;
    if (given.kind === 'key') {
      const { identity, limits: own } = await keyHolder(given.key, address);
      const caller: Caller = {
        tier: 'partner',
        budget: own.cost === null ? limits.budgets.partner : { ...limits.budgets.partner, cost: own.cost },
        rate: { key: `key:${identity.keyId}`, points: own.rate ?? limits.rate.points[identity.role] },
      };
      context = { identity, caller, execution: new AbortController() };
    } else if (given.kind === 'session') {
      // An ended session is refused, not served as no one: the person is told to sign in again.
      const session = await liveSession(sessions!, given.token, limits.sessions.secureCookie);
      if (csrf) requireCsrf(req, session);
      const { identity, account } = session;
      const caller: Caller = {
        tier: 'partner',
        budget: limits.budgets.partner,
        rate: { key: `account:${account.id}`, points: limits.rate.points[identity.role] },
      };
      context = { identity, caller, execution: new AbortController() };
    } else {
      const caller: Caller = { tier: 'anonymous', budget: limits.budgets.anonymous, rate: { key: `address:${address}`, points: limits.rate.points.ANONYMOUS } };
      context = { identity: undefined, caller, execution: new AbortController() };
    }
    const spent = await rate.spent(context.caller.rate!);
    if (spent !== undefined) {
      metrics.rateLimited(rateSubjectOf(context));
      throw new HttpError(429, rateLimitedMessage(spent, rateOwner(context)), 'RATE_LIMITED', { 'retry-after': String(spent.retryAfter) });
    }
    return context;
  };
  /** Refuses a document over the caller's token budget, then waits for a slot in arrival order; the hub's own service queries never wait. */
  const admit = async (context: GatewayContext, source: string | undefined): Promise<() => void> => {
    const { rate: charged } = context.caller;
    if (charged === undefined) return () => {};
    if (source !== undefined) {
      try {
        checkTokens(source, context.caller);
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        await rate.chargeRefusal(charged);
        const { code, http: _http, ...extensions } = err.extensions;
        throw new HttpError(400, err.message, code as ErrorCode, {}, extensions);
      }
    }
    try {
      return await admission.enter(charged.key);
    } catch (err) {
      if (err instanceof CallerBusy) throw new HttpError(429, `${err.message}: wait for one to finish`, 'RATE_LIMITED', { 'retry-after': '1' });
      if (err instanceof Overloaded) throw new HttpError(503, `${err.message}; retry in a moment`, 'OVERLOADED', { 'retry-after': '1' });
      throw err;
    }
  };
  /** Counts what a route refuses before or around GraphQL (authentication, rate, capacity, tokens, response size). */
  const counted =
    (route: Route): Route =>
    async (req, res) => {
      try {
        await route(req, res);
      } catch (err) {
        if (err instanceof HttpError && err.code !== undefined) metrics.refused(err.code);
        throw err;
      }
    };
  /**
   * A route outside GraphQL, rate limited and admitted like an operation of cost `points` (1 unless
   * given). A public one (checkpoint, tiles) ignores a session cookie sent along. A `session` one, a
   * download the web application links to, takes the cookie without its CSRF token: a link cannot
   * send one, SameSite=Strict keeps other sites' pages from sending the cookie, and no other origin
   * can read the answer (as GET /auth/session).
   */
  const bounded = (
    route: (req: IncomingMessage, res: ServerResponse, context: GatewayContext) => Promise<void>,
    { points = 1, session = false }: { points?: number; session?: boolean } = {},
  ): Route =>
    counted(async (req, res) => {
      const context = await callerOf(req, session, false);
      const release = await admit(context, undefined);
      try {
        await rate.charge(context.caller.rate!, points);
        await route(req, res, context);
      } finally {
        release();
      }
    });
  // PDF certificates, rendered on worker threads started when the first is asked for.
  const renderers = new CertificateRenderers();
  const certificatePdf = certificatePdfRoute({ query, render: (input) => renderers.render(input), publicUrl: options.publicUrl });

  const graphql = counted(graphqlRoute(apollo, { context: (req) => callerOf(req), admit, maxResponseBytes: limits.responseBytes }));
  const people: People | undefined = sessions && {
    accounts: options.people!.accounts,
    sessions,
    signInLimits: new SignInLimits(limits.signIn, options.rateStore ?? memoryRateStore),
    hashing: countedHashingAdmission(limits.passwordHashing, registry),
    limits,
    address: (req) => clientAddress(req, limits.trustedProxies),
    keyIdentity: async (req) => {
      const given = credentials(req, undefined);
      return given.kind === 'key' ? (await keyHolder(given.key, clientAddress(req, limits.trustedProxies))).identity : undefined;
    },
  };
  const graphiql = graphiqlRoutes();
  const readiness = cachedReadiness(async () => {
    await options.keys.byId('readyz');
    await options.people?.accounts.byId('readyz');
    await options.ready?.();
  });
  const server = httpServer(
    {
      '/graphql': (req, res) => (wantsGraphiql(req) ? graphiql.page(req, res) : graphql(req, res)),
      ...graphiql.assets,
      // The latest signed checkpoint as a C2SP tlog-checkpoint note, for mirrors and witnesses.
      '/checkpoint': bounded(async (_req, res) => {
        const { ledgerCheckpoint } = await query<{ ledgerCheckpoint: string }>('{ ledgerCheckpoint }', {}, undefined);
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end(ledgerCheckpoint);
      }),
      // Tiles for mirrors and witnesses (C2SP tlog-tiles).
      '/tile/': bounded(async (req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1);
        const { ledgerTile } = await query<{ ledgerTile: string | null }>('query ($p: String!) { ledgerTile(path: $p) }', { p: path }, undefined);
        if (ledgerTile === null) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no such tile: ${path}\n`);
          return;
        }
        // A path's bytes never change, partial tiles included: a later width is another path.
        res
          .writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' })
          .end(Buffer.from(ledgerTile, 'base64'));
      }),
      // A deposit's certificate as a PDF, for whoever may read the deposit (signed in, or with a key).
      '/certificates/': bounded((req, res, context) => certificatePdf(req, res, context.identity), { points: CERTIFICATE_PDF_POINTS, session: true }),
      ...verifyPageRoutes(),
      // People signing in and out, and staff managing their accounts (gateway/sessions/routes.ts).
      ...(people === undefined ? {} : { '/auth/': counted(authRoutes(people)) }),
      '/healthz': healthRoute,
      // Ready or not, and no more: why not is the admin listener's to say.
      '/readyz': readinessRoute(readiness, false),
      // The people's web application: every other path a browser navigates to.
      ...appRoutes(),
    },
    // Served over HTTPS (its session cookie Secure): browsers are told to come back only so, for a year.
    limits.sessions.secureCookie ? { 'strict-transport-security': 'max-age=31536000' } : {},
  );
  const port = await listen(server, options.port);
  /** The subgraphs' own queries: signed by one of them for the gateway, run as its service identity, never rate limited or queued. */
  const internalServer = (keys: Readonly<Record<SubgraphName, string>>) => {
    const nonces = new SpentNonces();
    const keyOf = (iss: string): string | undefined => (Object.hasOwn(keys, iss) ? keys[iss as SubgraphName] : undefined);
    return httpServer({
      '/graphql': counted(
        graphqlRoute(apollo, {
          context: async (req, body) => {
            const header = req.headers[SIGNATURE_HEADER];
            const claims = verifyRequest(
              typeof header === 'string' ? header : undefined,
              { method: req.method ?? 'GET', path: req.url ?? '/', body: await body() },
              { audience: 'gateway', keyOf, nonces },
            );
            if ('refused' in claims) throw new HttpError(401, `the internal listener answers the hub's subgraphs alone: ${claims.refused}`, 'UNAUTHENTICATED');
            return service(serviceIdentity(claims.iss));
          },
          maxResponseBytes: limits.responseBytes,
        }),
      ),
      '/healthz': healthRoute,
    });
  };
  const admin =
    options.admin === undefined
      ? undefined
      : httpServer({ '/healthz': healthRoute, '/metrics': metricsRoute(registry), '/readyz': readinessRoute(readiness, true, options.readyNotes) });
  const adminPort = admin === undefined ? undefined : await listen(admin, options.admin!.port, options.admin!.host ?? '127.0.0.1');
  const internal = options.internal === undefined ? undefined : internalServer(options.internal.keys);
  const internalPort = internal === undefined ? undefined : await listen(internal, options.internal!.port, options.internal!.host ?? '127.0.0.1');
  const stop = (s: Server) => {
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    s.closeAllConnections();
    return closed;
  };
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    ...(adminPort === undefined ? {} : { adminUrl: `http://127.0.0.1:${adminPort}` }),
    ...(internalPort === undefined ? {} : { internalUrl: `http://127.0.0.1:${internalPort}/graphql` }),
    query,
    close: async () => {
      await stop(server);
      if (admin !== undefined) await stop(admin);
      if (internal !== undefined) await stop(internal);
      await apollo.stop();
      await renderers.close();
    },
  };
}
