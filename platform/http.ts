// Serving an ApolloServer on node:http: the gateway and every subgraph server use this.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

import type { ErrorCode } from './errors.js';

const MAX_BODY_BYTES = 1 << 20;

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** A request refused before GraphQL runs: its status, and the `extensions.code` (with more extensions) and headers to answer with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface GraphqlRouteOptions<C> {
  /**
   * The request's context, before its body is read unless it asks for it (`body`: the raw body,
   * read once); may refuse it with an HttpError.
   */
  readonly context: (req: IncomingMessage, body: () => Promise<string>) => Promise<C>;
  /** Once the body is read, given the operation's text: may refuse it, else waits for a slot to run in and returns its release. */
  readonly admit?: (context: C, source: string | undefined) => Promise<() => void>;
  /** A response body over this many bytes is replaced by a RESPONSE_TOO_LARGE error. */
  readonly maxResponseBytes?: number;
}

async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES, smaller = 'a smaller operation and variables'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `the request body is over ${maxBytes} bytes: send ${smaller}`, 'REQUEST_TOO_LARGE');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The body as a JSON object, sent with `content-type: application/json`, else BAD_REQUEST. The
 * content type is required: a cross-site HTML form cannot send it, nor can a script without a
 * preflight this server never grants.
 */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(400, 'send the body as JSON, with the header content-type: application/json', 'BAD_REQUEST');
  const raw = await readBody(req, maxBytes, 'a smaller JSON object');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON', 'BAD_REQUEST');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'the request body must be a JSON object', 'BAD_REQUEST');
  return body as Record<string, unknown>;
}

/** Answers `status` with `body` as JSON (none for 204). */
export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string | string[]> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** A route that runs GraphQL requests through `apollo` with the context `options.context` builds. */
export function graphqlRoute<C extends BaseContext>(apollo: ApolloServer<C>, options: GraphqlRouteOptions<C>): Route {
  return async (req, res) => {
    let reading: Promise<string> | undefined;
    const readRaw = (): Promise<string> => (reading ??= req.method === 'POST' ? readBody(req) : Promise.resolve(''));
    const context = await options.context(req, readRaw);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = await readRaw();
    let body: unknown = raw;
    if (raw !== '' && (headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'the request body is not valid JSON', 'BAD_REQUEST');
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : url.searchParams.get('query');
    const release = await options.admit?.(context, typeof given === 'string' ? given : undefined);
    let response;
    try {
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => context,
      });
    } finally {
      release?.();
    }
    if (response.body.kind === 'complete' && options.maxResponseBytes !== undefined) {
      const bytes = Buffer.byteLength(response.body.string);
      if (bytes > options.maxResponseBytes) {
        throw new HttpError(
          400,
          `the response has ${bytes} bytes; the limit is ${options.maxResponseBytes}: select fewer fields or ask for smaller pages`,
          'RESPONSE_TOO_LARGE',
        );
      }
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

function unavailable(err: unknown): HttpError | undefined {
  if (!(err instanceof GraphQLError) || err.extensions.code !== 'UNAVAILABLE') return undefined;
  const { code: _code, ...extensions } = err.extensions;
  return new HttpError(503, err.message, 'UNAVAILABLE', { 'retry-after': '1' }, extensions);
}

/** An HTTP server dispatching on the path (a key ending in '/' takes what starts so, the longest first); others get 404. */
/** `everyResponse`: headers every answer carries (a hub served over HTTPS: Strict-Transport-Security). */
export function httpServer(routes: Record<string, Route>, everyResponse: Readonly<Record<string, string>> = {}): Server {
  const prefixes = Object.keys(routes)
    .filter((k) => k.endsWith('/'))
    .sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(everyResponse)) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path] ?? routes[prefixes.find((p) => path.startsWith(p)) ?? ''];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no such path: ${path}\n`);
      return;
    }
    // A route that throws before its first await is refused like one that rejects.
    Promise.resolve()
      .then(() => route(req, res))
      .catch((err: unknown) => {
        // A store out of reach while the request was being admitted (a key look-up, a rate counter).
        const known = err instanceof HttpError ? err : unavailable(err);
        if (known === undefined) console.error(err);
        if (!res.headersSent) res.writeHead(known?.status ?? 500, { 'content-type': 'application/json; charset=utf-8', ...known?.headers });
        const extensions = known === undefined ? { code: 'INTERNAL_SERVER_ERROR' } : { code: known.code, ...known.extensions };
        res.end(JSON.stringify({ errors: [{ message: known?.message ?? 'internal error', extensions }] }));
      });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

/** The ports this process listens on: outbound requests (webhooks) never reach them. */
const listening = new Set<number>();
export const ownPorts = (): ReadonlySet<number> => listening;

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      listening.add(bound);
      server.once('close', () => listening.delete(bound));
      resolve(bound);
    });
  });
}

/** What a readiness check found: undefined when ready, else why not. */
export type Readiness = () => Promise<string | undefined>;

/**
 * A readiness check run at most once per `ttlMs` (the callers in between share its answer):
 * probes, however often they come, cost the stores one check a few seconds.
 */
export function cachedReadiness(ready: () => Promise<void>, ttlMs = 5_000, now: () => number = Date.now): Readiness {
  let last: { at: number; answer: Promise<string | undefined> } | undefined;
  return () => {
    if (last === undefined || now() - last.at >= ttlMs) {
      last = {
        at: now(),
        answer: ready().then(
          () => undefined,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        ),
      };
    }
    return last.answer;
  };
}

/**
 * /readyz: 200 when the check passes, 503 otherwise. `detailed` says why not (the admin listener,
 * or a subgraph's own internal port), and adds `notes`, one per line (what an operator watches
 * but readiness does not wait for); the public one says only ready or not.
 */
export function readinessRoute(readiness: Readiness, detailed: boolean, notes: () => readonly string[] = () => []): Route {
  return async (_req, res) => {
    const problem = await readiness();
    const head = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
    const more = detailed
      ? notes()
          .map((n) => `${n}\n`)
          .join('')
      : '';
    if (problem === undefined) res.writeHead(200, head).end(`ready\n${more}`);
    else res.writeHead(503, head).end(detailed ? `not ready: ${problem}\n${more}` : 'not ready\n');
  };
}

export const healthRoute: Route = (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
