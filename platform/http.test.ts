import { afterEach, describe, expect, it, vi } from 'vitest';

import { failure } from './errors.js';
import { cachedReadiness, httpServer, listen, readinessRoute, type Route } from './http.js';

async function answer(
  route: Route,
): Promise<{ status: number; retryAfter: string | null; body: { errors: { message: string; extensions: Record<string, unknown> }[] } }> {
  const server = httpServer({ '/x': route });
  try {
    const port = await listen(server, 0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/x`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe('httpServer refusals', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers a store out of reach with 503 UNAVAILABLE and its reason', async () => {
    const r = await answer(() => {
      throw failure('UNAVAILABLE', 'the database did not answer in time', { reason: 'TIMED_OUT' });
    });
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('1');
    expect(r.body.errors[0]).toEqual({ message: 'the database did not answer in time', extensions: { code: 'UNAVAILABLE', reason: 'TIMED_OUT' } });
  });

  it('answers the unexpected with 500 INTERNAL_SERVER_ERROR and no detail', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await answer(() => {
      throw new Error('secret detail');
    });
    expect(r.status).toBe(500);
    expect(r.body.errors[0]).toEqual({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe('readiness', () => {
  it('checks at most once per interval, every probe in between sharing the answer', async () => {
    let clock = 0;
    let runs = 0;
    let fail = false;
    const readiness = cachedReadiness(
      async () => {
        runs++;
        if (fail) throw new Error('the ledger store does not answer');
      },
      5_000,
      () => clock,
    );
    expect(await Promise.all([readiness(), readiness(), readiness()])).toEqual([undefined, undefined, undefined]);
    expect(runs).toBe(1);
    fail = true;
    clock = 4_999;
    expect(await readiness()).toBeUndefined();
    clock = 5_000;
    expect(await readiness()).toBe('the ledger store does not answer');
    expect(runs).toBe(2);
  });

  it('says why not only where it is asked to (the admin listener); the public answer is ready or not', async () => {
    const readiness = cachedReadiness(() => Promise.reject(new Error('SQLITE_CANTOPEN /srv/iphub/data/ledger.db')));
    const server = httpServer({ '/public': readinessRoute(readiness, false), '/admin': readinessRoute(readiness, true) });
    try {
      const port = await listen(server, 0, '127.0.0.1');
      const pub = await fetch(`http://127.0.0.1:${port}/public`);
      expect([pub.status, await pub.text()]).toEqual([503, 'not ready\n']);
      const admin = await fetch(`http://127.0.0.1:${port}/admin`);
      expect([admin.status, await admin.text()]).toEqual([503, 'not ready: SQLITE_CANTOPEN /srv/iphub/data/ledger.db\n']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
