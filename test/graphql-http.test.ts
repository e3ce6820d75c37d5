// The gateway speaks GraphQL over HTTP as the spec says: the graphql-http server audit finds no
// error (Apollo Server answers a parse or validation failure with 400, which it counts a warning).
// The audit asks `__type`, and only keys may introspect: it runs as centre staff.
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestHub, type TestHub } from './support/hub.js';

describe('GraphQL over HTTP', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.close();
  });

  it('passes the graphql-http server audit with no error', async () => {
    const authorization = `Bearer ${await t.key('CENTER_STAFF')}`;
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization } });
    const results = await auditServer({ url: t.hub.url, fetchFn });
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });
});
