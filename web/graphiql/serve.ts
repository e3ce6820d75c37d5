// GraphiQL for partner developers, self-hosted (web/graphiql/src, built by Vite into
// web/graphiql/dist during npm install): the page at GET /graphql for a browser, its files under
// /graphiql/. Monaco, its editor, writes inline style attributes, so this page alone allows
// inline styles; scripts still come from this origin only (docs/decisions/web-stack.md).
import type { IncomingMessage } from 'node:http';

import type { Route } from '../../platform/http.js';
import { assetRoute, navigates, plain, readBuild, sendFile } from '../built-files.js';

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = { 'content-security-policy': POLICY, 'referrer-policy': 'no-referrer' };

/** A browser opening /graphql: a GET that accepts HTML and carries no operation. */
export function wantsGraphiql(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return !url.searchParams.has('query') && navigates(req);
}

export function graphiqlRoutes(dist = new URL('./dist/', import.meta.url)): { page: Route; assets: Record<string, Route> } {
  const files = readBuild(dist);
  if (files === undefined) {
    return {
      page: (_req, res) => plain(res, 503, 'GraphiQL is not built: run `npm install` (it builds web/graphiql/dist), then restart the hub.\n'),
      assets: {},
    };
  }
  const index = files.get('index.html')!;
  return {
    page: (req, res) => sendFile(req, res, index, { ...HEADERS, 'cache-control': 'no-cache' }),
    assets: { '/graphiql/': assetRoute(files, '/graphiql/', HEADERS) },
  };
}
