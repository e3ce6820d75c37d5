// The gateway's serving of the built app and of GraphiQL: a fresh nonce per page, in the header's
// policy and in the page alike; hashed assets cached for good; navigations get the page, anything
// else an honest 404; a missing build says how to make it.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { httpServer } from '../../platform/http.js';
import { tempDir } from '../../test/support/tmp.js';
import { graphiqlRoutes, wantsGraphiql } from '../graphiql/serve.js';
import { appRoutes } from './serve.js';

const dir = tempDir('iphub-app-dist-');
const built = join(dir.path, 'built');
const missing = join(dir.path, 'missing');

let base: string;
let running: Server;

beforeAll(async () => {
  mkdirSync(join(built, 'assets'), { recursive: true });
  writeFileSync(join(built, 'index.html'), '<meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/assets/main-abc.js"></script>');
  writeFileSync(join(built, 'assets', 'main-abc.js'), 'console.log(1)');
  mkdirSync(missing, { recursive: true });
  const graphiql = graphiqlRoutes(pathToFileURL(`${built}/`));
  running = httpServer({
    '/graphql': (req, res) => (wantsGraphiql(req) ? graphiql.page(req, res) : void res.writeHead(200).end('graphql')),
    ...graphiql.assets,
    ...appRoutes(pathToFileURL(`${built}/`)),
  });
  await new Promise<void>((resolve) => running.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => running.close(resolve));
  dir.remove();
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the web application', () => {
  it('gives every navigation the page with a fresh style nonce, the same in the policy and the page', async () => {
    const nonces = [];
    for (const path of ['/', '/deposit', '/preexam']) {
      const res = await fetch(`${base}${path}`, { headers: html });
      expect(res.status).toBe(200);
      const policy = res.headers.get('content-security-policy')!;
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)![1]!;
      expect(await res.text()).toContain(`content="${nonce}"`);
      expect(policy).toContain("script-src 'self';");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it('serves hashed assets for a year, and refuses what is not a read', async () => {
    const res = await fetch(`${base}/assets/main-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/assets/none.js`)).status).toBe(404);
    expect((await fetch(`${base}/assets/main-abc.js`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/deposit`, { method: 'POST', headers: html })).status).toBe(405);
  });

  it('answers a non-navigation to an unknown path with 404, not the page', async () => {
    const res = await fetch(`${base}/nothing/here`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('no such path: /nothing/here\n');
  });

  it('serves GraphiQL to a browser opening /graphql, with its own policy, and GraphQL to everyone else', async () => {
    const page = await fetch(`${base}/graphql`, { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await (await fetch(`${base}/graphql`)).text()).toBe('graphql');
    expect(await (await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: html })).text()).toBe('graphql');
    expect((await fetch(`${base}/graphiql/assets/main-abc.js`)).status).toBe(200);
  });

  it('says how to build the app when it was never built', async () => {
    const routes = appRoutes(pathToFileURL(`${missing}/`));
    const alone = httpServer(routes);
    await new Promise<void>((resolve) => alone.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(alone.address() as AddressInfo).port}/`;
    const res = await fetch(url, { headers: html });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm install');
    await new Promise((resolve) => alone.close(resolve));
  });
});
