// /verify serves the page, its scripts and its style, under a strict CSP, and nothing else from web/.
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { httpServer, listen } from '../../platform/http.js';
import { isBundleFile, verifyPageRoutes } from './serve.js';

describe('the /verify routes', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = httpServer(verifyPageRoutes());
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page, its script and its style, each with its type and the CSP', async () => {
    for (const [path, type] of [
      ['/verify', 'text/html'],
      ['/verify/', 'text/html'],
      ['/verify/verify.js', 'text/javascript'],
      ['/verify/verify.css', 'text/css'],
    ] as const) {
      const res = await fetch(base + path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type};`));
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await fetch(`${base}/verify`)).text()).toContain('<script type="module" src="/verify/verify.js">');
  });

  it('serves the chunks verify.js imports (pdf-lib, for a PDF certificate) as scripts, under the same CSP', async () => {
    const chunks = readdirSync(new URL('.', import.meta.url)).filter((name) => isBundleFile(name) && name !== 'verify.js');
    expect(chunks.length).toBeGreaterThan(0);
    for (const name of chunks) {
      const res = await fetch(`${base}/verify/${name}`);
      expect([name, res.status, res.headers.get('content-type')]).toEqual([name, 200, 'text/javascript; charset=utf-8']);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/);
    }
    expect((await fetch(`${base}/verify/verify-nothing.js`)).status).toBe(404);
  });

  it('serves nothing else, and only to GET and HEAD', async () => {
    for (const path of ['/verify/page.ts', '/verify/../package.json', '/verify/index.html', '/verifyx']) {
      expect([path, (await fetch(base + path)).status]).toEqual([path, 404]);
    }
    expect((await fetch(`${base}/verify`, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(`${base}/verify/verify.js`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
