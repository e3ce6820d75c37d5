// An integrator knows itself: `viewer` names the caller's key, role and what it acts for, and its
// rate budget; every answer to a charged caller carries the RateLimit-Limit, -Remaining and -Reset
// headers, which agree with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { DEFAULT_LIMITS } from '../gateway/limits/limits.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const VIEWER = '{ viewer { id kind role enterprise { id name } organization rateLimit { limit remaining resetAt } } }';

interface Answer {
  readonly data: {
    viewer: {
      id: string;
      kind: string;
      role: string;
      enterprise: { id: string; name: string } | null;
      organization: string | null;
      rateLimit: { limit: number; remaining: number; resetAt: string } | null;
    } | null;
  };
  readonly headers: { limit: number; remaining: number; reset: number };
}

describe('viewer and the rate-limit headers', () => {
  let t: TestHub;
  let enterpriseId: string;

  beforeAll(async () => {
    t = await startTestHub();
    const staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
  });
  afterAll(async () => {
    await t.close();
  });

  const ask = async (key?: string): Promise<Answer> => {
    const res = await fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(res.status).toBe(200);
    const header = (name: string): number => Number(res.headers.get(name));
    return {
      data: ((await res.json()) as { data: Answer['data'] }).data,
      headers: { limit: header('ratelimit-limit'), remaining: header('ratelimit-remaining'), reset: header('ratelimit-reset') },
    };
  };

  it('names an enterprise key, its enterprise and its budget, as the headers do, spent a little by each operation', async () => {
    const { id, key } = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId });
    const first = await ask(key);
    const limit = DEFAULT_LIMITS.rate.points.ENTERPRISE;
    expect(first.data.viewer).toMatchObject({
      id,
      kind: 'API_KEY',
      role: 'ENTERPRISE',
      enterprise: { id: enterpriseId, name: '比亚迪股份有限公司' },
      organization: null,
      rateLimit: { limit },
    });
    const budget = first.data.viewer!.rateLimit!;
    // The operation's own cost is charged before it runs: what it says is left is what the headers say.
    expect(budget.remaining).toBeLessThan(limit);
    expect(first.headers).toMatchObject({ limit, remaining: budget.remaining });
    expect(first.headers.reset).toBeGreaterThan(0);
    expect(first.headers.reset).toBeLessThanOrEqual(DEFAULT_LIMITS.rate.windowSeconds);
    expect(Date.parse(budget.resetAt) - Date.now()).toBeLessThanOrEqual(DEFAULT_LIMITS.rate.windowSeconds * 1000);

    const second = await ask(key);
    expect(second.data.viewer!.rateLimit!.remaining).toBe(budget.remaining - (limit - budget.remaining));
    expect(second.headers.remaining).toBe(second.data.viewer!.rateLimit!.remaining);
  });

  it("names a bank's organisation, and a key's own budget", async () => {
    const { id, key } = await createKey(t.hub.keys, { role: 'BANK', organization: '招商银行深圳分行', rate: 5_000 });
    const { data, headers } = await ask(key);
    expect(data.viewer).toMatchObject({ id, kind: 'API_KEY', role: 'BANK', enterprise: null, organization: '招商银行深圳分行', rateLimit: { limit: 5_000 } });
    expect(headers.limit).toBe(5_000);
  });

  it('is null without a key, whose address is still told its budget', async () => {
    const { data, headers } = await ask();
    expect(data.viewer).toBeNull();
    expect(headers.limit).toBe(DEFAULT_LIMITS.rate.points.ANONYMOUS);
    expect(headers.remaining).toBeLessThan(headers.limit);
  });
});
