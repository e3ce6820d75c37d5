// The gateway's static pages: /verify and its two assets, read once at start. Served with a
// strict content security policy: the page runs only its own script and talks only to this hub.
import { readFileSync } from 'node:fs';

import type { Route } from '../platform/http.js';

const asset = (name: string, type: string) => ({ body: readFileSync(new URL(`./verify/${name}`, import.meta.url)), type });

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** Routes for /verify (the page) and /verify/... (its script and style). */
export function verifyPageRoutes(): Record<string, Route> {
  const page = asset('index.html', 'text/html; charset=utf-8');
  const files: Record<string, { body: Buffer; type: string }> = {
    '/verify': page,
    '/verify/': page,
    '/verify/verify.js': asset('verify.js', 'text/javascript; charset=utf-8'),
    '/verify/verify.css': asset('verify.css', 'text/css; charset=utf-8'),
  };
  const route: Route = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = files[path];
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no such path: ${path}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('only GET and HEAD\n');
      return;
    }
    res
      .writeHead(200, { ...HEADERS, 'content-type': file.type, 'content-length': String(file.body.length) })
      .end(req.method === 'HEAD' ? undefined : file.body);
  };
  return { '/verify': route, '/verify/': route };
}
