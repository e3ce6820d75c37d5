// A Vite build's output, read once when the gateway starts, and the route that serves its files.
// Hashed names under assets/ never change their bytes, so browsers may keep them for good.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Route } from '../platform/http.js';

export interface BuiltFile {
  readonly body: Buffer;
  readonly type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Every file under `dist` by its path from there (`assets/x.js`), or undefined when it was never built. */
export function readBuild(dist: URL): Map<string, BuiltFile> | undefined {
  const root = fileURLToPath(dist);
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const files = new Map<string, BuiltFile>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), { body: readFileSync(path), type: TYPES[extname(name)] ?? 'application/octet-stream' });
    }
  };
  walk(root);
  return files;
}

export const plain = (res: Parameters<Route>[1], status: number, text: string, headers: Record<string, string> = {}): void =>
  void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(text);

/** A browser opening a page (it accepts HTML), not a script or an API call. */
export const navigates = (req: Parameters<Route>[0]): boolean => (req.headers.accept ?? '').includes('text/html');

/** Only GET and HEAD; true when the request was answered (refused). */
export function refuseUnlessRead(req: Parameters<Route>[0], res: Parameters<Route>[1]): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  plain(res, 405, 'only GET and HEAD\n', { allow: 'GET, HEAD' });
  return true;
}

/** Answers with one file, with `headers`; HEAD gets the headers alone. */
export function sendFile(req: Parameters<Route>[0], res: Parameters<Route>[1], file: BuiltFile, headers: Record<string, string>): void {
  res
    .writeHead(200, { 'x-content-type-options': 'nosniff', ...headers, 'content-type': file.type, 'content-length': String(file.body.length) })
    .end(req.method === 'HEAD' ? undefined : file.body);
}

/** The files under `prefix` (`/app/`), e.g. `/app/assets/x.js`; hashed assets are cached for a year. */
export function assetRoute(files: Map<string, BuiltFile>, prefix: string, headers: Record<string, string>): Route {
  return (req, res) => {
    if (refuseUnlessRead(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const name = path.slice(prefix.length);
    const file = name === 'index.html' ? undefined : files.get(name);
    if (file === undefined) return plain(res, 404, `no such path: ${path}\n`);
    const cache = name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    sendFile(req, res, file, { ...headers, 'cache-control': cache });
  };
}
