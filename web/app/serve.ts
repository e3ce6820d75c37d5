// The people's web application (web/app/src, built by Vite into web/app/dist during npm install):
// its page for every path a browser opens, and its hashed assets under /assets/. Each page gets a
// fresh nonce, the only way antd's run-time styles may load under the policy below
// (docs/decisions/web-stack.md); scripts come from this origin alone.
import { randomBytes } from 'node:crypto';

import type { Route } from '../../platform/http.js';
import { hubTimeZone } from '../../platform/hub-calendar.js';
import { assetRoute, navigates, plain, readBuild, refuseUnlessRead } from '../built-files.js';

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function appPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const HEADERS = { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };

/** The build under `dist`, read once in a process: its routes and its operation names share the read. */
const builds = new Map<string, ReturnType<typeof readBuild>>();
function buildAt(dist: URL): ReturnType<typeof readBuild> {
  if (!builds.has(dist.href)) builds.set(dist.href, readBuild(dist));
  return builds.get(dist.href);
}

/** `/assets/` (the build's files) and `/` (the page, for any path a browser navigates to). */
export function appRoutes(dist = new URL('./dist/', import.meta.url)): Record<string, Route> {
  const files = buildAt(dist);
  if (files === undefined) {
    const missing: Route = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!navigates(req)) return plain(res, 404, `no such path: ${path}\n`);
      plain(res, 503, 'The web application is not built: run `npm install` (it builds web/app/dist), then restart the hub.\n');
    };
    return { '/': missing };
  }
  // The hub's time zone, so that the forms' today is the hub's (platform/hub-calendar.ts).
  const page = files.get('index.html')!.body.toString('utf8').replaceAll('__TIME_ZONE__', hubTimeZone());
  const index: Route = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Only navigations get the page: a script or API call to an unknown path is told so.
    if (path !== '/' && !navigates(req)) return plain(res, 404, `no such path: ${path}\n`);
    if (refuseUnlessRead(req, res)) return;
    const nonce = randomBytes(16).toString('base64');
    const body = Buffer.from(page.replaceAll(NONCE_PLACEHOLDER, nonce));
    res
      .writeHead(200, {
        ...HEADERS,
        'content-security-policy': appPolicy(nonce),
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': String(body.length),
      })
      .end(req.method === 'HEAD' ? undefined : body);
  };
  return { '/assets/': assetRoute(files, '/', HEADERS), '/': index };
}

/**
 * The names of the operations the people's application sends, read from its build: the one set of
 * operation names metrics label by (any other is `other`, so a caller cannot make new series).
 */
export function appOperationNames(dist = new URL('./dist/', import.meta.url)): ReadonlySet<string> {
  const names = new Set<string>();
  for (const [path, file] of buildAt(dist) ?? []) {
    if (!path.endsWith('.js')) continue;
    for (const m of file.body.toString('utf8').matchAll(/\b(?:query|mutation|subscription)\s+([A-Z][A-Za-z0-9_]*)\s*[({]/g)) names.add(m[1]!);
  }
  return names;
}
