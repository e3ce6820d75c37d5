// The gateway speaks GraphQL over HTTP as the spec says: the graphql-http server audit finds no
// error (Apollo Server answers a parse or validation failure with 400, which it counts a warning).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditServer } from 'graphql-http';
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
    const results = await auditServer({ url: t.hub.url });
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });
});
