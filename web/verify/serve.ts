// The gateway's static pages: /verify, its scripts and its style, read once at start. Served with a
// strict content security policy: the page runs only its own script and talks only to this hub.
import { readdirSync, readFileSync } from 'node:fs';

import type { Route } from '../../platform/http.js';
import { type BuiltFile, plain, refuseUnlessRead, sendFile } from '../built-files.js';

const asset = (name: string, type: string): BuiltFile => ({ body: readFileSync(new URL(`./${name}`, import.meta.url)), type });

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The page's script, verify.js, and the chunks it imports, verify-<name>.js (web/verify/build.ts writes them). */
export const isBundleFile = (name: string): boolean => /^verify(-[a-z0-9-]+)?\.js$/.test(name);

/** Routes for /verify (the page) and /verify/... (its scripts and style). */
export function verifyPageRoutes(): Record<string, Route> {
  const page = asset('index.html', 'text/html; charset=utf-8');
  const scripts = readdirSync(new URL('.', import.meta.url)).filter(isBundleFile);
  const files: Record<string, BuiltFile> = {
    '/verify': page,
    '/verify/': page,
    ...Object.fromEntries(scripts.map((name) => [`/verify/${name}`, asset(name, 'text/javascript; charset=utf-8')])),
    '/verify/verify.css': asset('verify.css', 'text/css; charset=utf-8'),
  };
  const route: Route = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = files[path];
    if (file === undefined) return plain(res, 404, `no such path: ${path}\n`);
    if (refuseUnlessRead(req, res)) return;
    sendFile(req, res, file, HEADERS);
  };
  return { '/verify': route, '/verify/': route };
}
