// The hub survives its callers, end to end over HTTP: every operation limit refused with its
// code before any subgraph is called, the anonymous face (no introspection, no suggestions),
// rate limits with Retry-After on a settable clock, admission control in arrival order, the
// execution timeout, the response cap and the bounded caches.
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { ExecutionTimer } from '../gateway/limits/execution-timeout.js';
import { resolveLimits } from '../gateway/limits/limits.js';
import type { Subgraph } from '../platform/subgraph.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { metric, post, type RawResponse, total } from './support/raw-http.js';

const fetches = async (t: TestHub, subgraph?: string): Promise<number> => {
  const samples = await metric(t.hub.adminUrl!, 'iphub_gateway_subgraph_fetches_total');
  return subgraph === undefined ? total(samples) : (samples.get(`{subgraph="${subgraph}"}`) ?? 0);
};

const firstError = (r: RawResponse) => r.body.errors?.[0];

const anonymousOps = (n: number): string => Array.from({ length: n }, (_, i) => `query Q${i} { ledgerCheckpoint }`).join(' ');

/** enterprise -> evidence -> depositor -> evidence ..., `levels` fields deep. */
function cycle(levels: number): string {
  // Level 1 is the enterprise and the last a scalar: an evidence's title or an enterprise's name.
  let selection = (levels - 1) % 2 === 0 ? 'title' : 'name';
  for (let level = levels - 1; level > 1; level--) selection = level % 2 === 0 ? `evidence { ${selection} }` : `depositor { ${selection} }`;
  return `{ enterprise(id: "e1") { ${selection} } }`;
}

/** A resolver that, while `holding`, waits for the test to let it go. */
class Hold {
  holding = true;
  #release: () => void = () => {};
  #released = new Promise<void>((r) => (this.#release = r));
  #arrived: () => void = () => {};
  readonly arrived = new Promise<void>((r) => (this.#arrived = r));
  #finished: () => void = () => {};
  /** Resolves once a held resolver, let go, has returned its value. */
  readonly finished = new Promise<void>((r) => (this.#finished = r));

  release(): void {
    this.#release();
  }

  /** Wraps `type.field` of the subgraph's schema. */
  on(subgraph: Subgraph, type: string, field: string): Subgraph {
    const def = (subgraph.schema.getType(type) as GraphQLObjectType).getFields()[field]!;
    const resolve: GraphQLFieldResolver<unknown, unknown> = def.resolve ?? defaultFieldResolver;
    def.resolve = async (...args) => {
      if (!this.holding) return resolve(...args);
      this.#arrived();
      await this.#released;
      try {
        return await resolve(...args);
      } finally {
        this.#finished();
      }
    };
    return subgraph;
  }
}

/** The execution timeout's timer, fired by the test instead of the clock. */
class ManualTimer {
  /** The timers armed and not yet cancelled: one per operation running. */
  readonly armed = new Set<{ readonly fire: () => void; readonly ms: number }>();
  readonly timer: ExecutionTimer = (fire, ms) => {
    const armed = { fire, ms };
    this.armed.add(armed);
    return () => this.armed.delete(armed);
  };

  fireAll(): void {
    for (const armed of [...this.armed]) {
      this.armed.delete(armed);
      armed.fire();
    }
  }
}

describe('operation limits, before any subgraph is called', () => {
  let t: TestHub;
  let staff: string;
  let cheapKey: string;
  beforeAll(async () => {
    t = await startTestHub();
    staff = await t.key('CENTER_STAFF');
    cheapKey = (await import('../gateway/keys/keys.js').then((k) => k.createKey(t.hub.keys, { role: 'CENTER_STAFF', cost: 50 }))).key;
  });
  afterAll(async () => {
    await t.close();
  });

  const anonymous = Array.from({ length: 21 }, (_, i) => i);
  const cases: { name: string; query: string; operationName?: string; key?: () => string; code: string; measured: number; limit: number }[] = [
    // 300 small operations of 5 tokens each: a long document of ordinary shape, counted until over the budget.
    { name: 'tokens (anonymous)', query: anonymousOps(300), operationName: 'Q0', code: 'MAX_TOKENS_EXCEEDED', measured: 1001, limit: 1000 },
    { name: 'depth (anonymous)', query: cycle(9), code: 'MAX_DEPTH_EXCEEDED', measured: 9, limit: 8 },
    { name: 'depth (a key)', query: cycle(15), key: () => staff, code: 'MAX_DEPTH_EXCEEDED', measured: 15, limit: 12 },
    {
      name: 'aliases',
      query: `{ ${anonymous
        .slice(0, 11)
        .map((i) => `a${i}: ledgerCheckpoint`)
        .join(' ')} }`,
      code: 'MAX_ALIASES_EXCEEDED',
      measured: 11,
      limit: 10,
    },
    {
      name: 'root fields',
      query: `{ ${anonymous
        .slice(0, 6)
        .map((i) => `a${i}: ledgerCheckpoint`)
        .join(' ')} }`,
      code: 'MAX_ROOT_FIELDS_EXCEEDED',
      measured: 6,
      limit: 5,
    },
    {
      name: 'directives',
      query: `{ ledgerCheckpoint ${'__typename @include(if: true) '.repeat(11)}}`,
      code: 'MAX_DIRECTIVES_EXCEEDED',
      measured: 11,
      limit: 10,
    },
    {
      name: 'fragment spreads',
      query: `{ ${'...F '.repeat(21)}} fragment F on Query { ledgerCheckpoint }`,
      code: 'MAX_FRAGMENT_SPREADS_EXCEEDED',
      measured: 21,
      limit: 20,
    },
    // 100 enterprises x (connection 1 + edge 1 + node 1 + a page of 20 patents x 3): 6,300.
    {
      name: 'cost (anonymous)',
      query: '{ enterprises(first: 100) { edges { node { name patents { edges { node { title } } } } } } }',
      code: 'COST_LIMIT_EXCEEDED',
      measured: 6300,
      limit: 300,
    },
    // 20 x (1 + 1 + 1): 60, over the key's own budget of 50.
    {
      name: 'cost (a key with its own budget)',
      query: '{ enterprises(first: 20) { edges { node { name } } } }',
      key: () => cheapKey,
      code: 'COST_LIMIT_EXCEEDED',
      measured: 60,
      limit: 50,
    },
    { name: 'page size', query: '{ enterprises(first: 1000) { totalCount } }', key: () => staff, code: 'BAD_USER_INPUT', measured: 1000, limit: 100 },
  ];

  it.each(cases)('refuses $name with its code, the measure and the limit', async ({ query, operationName, key, code, measured, limit }) => {
    const before = await fetches(t);
    const r = await post(t.hub.url, { query, operationName }, { key: key?.() });
    expect(r.status).toBe(400);
    expect(firstError(r)?.extensions).toMatchObject({ code, measured, limit });
    expect(firstError(r)?.message).toContain(String(measured));
    expect(firstError(r)?.message).toContain(String(limit));
    expect(await fetches(t)).toBe(before);
  });

  it("refuses a key's document over its token budget, and counts no further", async () => {
    const before = await fetches(t);
    const r = await post(t.hub.url, { query: `{ ${'__typename '.repeat(50_000)}}` }, { key: staff });
    expect(r.status).toBe(400);
    expect(firstError(r)?.extensions).toMatchObject({ code: 'MAX_TOKENS_EXCEEDED', measured: 5_001, limit: 5_000 });
    expect(await fetches(t)).toBe(before);
  });

  it('estimates the cost again when a variable sizes a list', async () => {
    const query = 'query ($n: Int) { enterprises(first: $n) { totalCount } }';
    expect((await post(t.hub.url, { query, variables: { n: 5 } }, { key: staff })).status).toBe(200);
    const refused = await post(t.hub.url, { query, variables: { n: 1000 } }, { key: staff });
    expect(firstError(refused)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', measured: 1000, limit: 100 });
  });

  it('refuses the deep cycle a staff key sent, and goes on serving', async () => {
    const before = await fetches(t);
    const refused = await Promise.all(Array.from({ length: 20 }, () => post(t.hub.url, { query: cycle(15) }, { key: staff })));
    expect(refused.map((r) => firstError(r)?.extensions?.code)).toEqual(Array(20).fill('MAX_DEPTH_EXCEEDED'));
    expect(await fetches(t)).toBe(before);
    const ok = await post(t.hub.url, { query: '{ enterprises(first: 5) { totalCount } ledgerCheckpoint }' }, { key: staff });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
  });

  it("counts refusals per reason in /metrics, beside the queue, the in-flight count and the event loop's delay", async () => {
    const refusals = await metric(t.hub.adminUrl!, 'iphub_gateway_refusals_total');
    expect(refusals.get('{reason="MAX_DEPTH_EXCEEDED"}')).toBeGreaterThanOrEqual(22);
    expect(refusals.get('{reason="COST_LIMIT_EXCEEDED"}')).toBeGreaterThanOrEqual(2);
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_queue_depth')).get('')).toBe(0);
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_in_flight')).has('')).toBe(true);
    expect((await metric(t.hub.adminUrl!, 'nodejs_eventloop_lag_p99_seconds')).get('')).toBeGreaterThan(0);
  });
});

describe('the anonymous face', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets only staff keys introspect', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await post(t.hub.url, { query });
    expect(firstError(anonymous)?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    const enterprise = await post(t.hub.url, { query: '{ __type(name: "Query") { name } }' }, { key: await t.key('ENTERPRISE', { enterpriseId: 'e1' }) });
    expect(firstError(enterprise)?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    const staff = await post(t.hub.url, { query }, { key: await t.key('CENTER_STAFF') });
    expect(staff.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('suggests field names to keys only', async () => {
    const query = '{ ledgerCheckpoin }';
    const anonymous = await post(t.hub.url, { query });
    expect(firstError(anonymous)?.message).toContain('Cannot query field "ledgerCheckpoin"');
    expect(firstError(anonymous)?.message).not.toContain('Did you mean');
    const court = await post(t.hub.url, { query }, { key: await t.key('COURT') });
    expect(firstError(court)?.message).toContain('Did you mean "ledgerCheckpoint"');
  });

  it('never sends a stack trace, refuses batched requests and keeps CSRF prevention', async () => {
    for (const query of ['{ enterprise(id: "x") { name } }', '{ nope }', '{']) {
      const r = await post(t.hub.url, { query });
      expect(r.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(r.body)).not.toContain('stacktrace');
    }
    const batched = await post(t.hub.url, [{ query: '{ ledgerCheckpoint }' }, { query: '{ ledgerVerifierKey }' }]);
    expect(batched.status).toBe(400);
    expect(batched.body.data).toBeUndefined();
    // A GET with no header a browser form could not send is what CSRF prevention blocks.
    const simple = await fetch(`${t.hub.url}?query=${encodeURIComponent('{ ledgerCheckpoint }')}`);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain('Cross-Site Request Forgery');
  });
});

describe('the HTTP layer', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a body that is not JSON with BAD_REQUEST', async () => {
    const r = await post(t.hub.url, null, { body: '{"query": "{ ledgerCheckpoint }"' });
    expect(r.status).toBe(400);
    expect(firstError(r)?.extensions?.code).toBe('BAD_REQUEST');
    expect(await fetches(t)).toBe(0);
  });

  it('refuses a body over 1 MiB with REQUEST_TOO_LARGE', async () => {
    const r = await post(t.hub.url, { query: '{ ledgerCheckpoint }', variables: { padding: 'x'.repeat(1 << 20) } });
    expect(r.status).toBe(413);
    expect(firstError(r)?.extensions?.code).toBe('REQUEST_TOO_LARGE');
    expect(firstError(r)?.message).toMatch(/over 1048576 bytes/);
    expect(await fetches(t)).toBe(0);
  });
});

describe('rate limits', () => {
  let t: TestHub;
  let enterprises: string;
  beforeAll(async () => {
    t = await startTestHub({
      limits: resolveLimits({ rate: { windowSeconds: 60, authFailures: 3, refusalPoints: 50, points: { ANONYMOUS: 5, CENTER_STAFF: 1_000 } } }),
    });
    enterprises = '{ enterprises(first: 20) { edges { node { name } } } }';
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const codeOf = (r: RawResponse) => firstError(r)?.extensions?.code;

  it('answers 429 with Retry-After when an address has spent its points, and serves it again when the window ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const query = { query: '{ ledgerCheckpoint }' };
    for (let i = 0; i < 5; i++) expect((await post(t.hub.url, query, { from: '127.0.0.2' })).status).toBe(200);
    const limited = await post(t.hub.url, query, { from: '127.0.0.2' });
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address has its own budget.
    expect((await post(t.hub.url, query, { from: '127.0.0.3' })).status).toBe(200);
    vi.setSystemTime(Date.now() + retryAfter * 1000);
    expect((await post(t.hub.url, query, { from: '127.0.0.2' })).status).toBe(200);
  });

  it('charges a key the cost of its operations, and a key may carry its own rate', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const { createKey } = await import('../gateway/keys/keys.js');
    const small = (await createKey(t.hub.keys, { role: 'CENTER_STAFF', rate: 100 })).key;
    const other = await t.key('CENTER_STAFF');
    // 60 points each: the second takes the key over 100.
    expect((await post(t.hub.url, { query: enterprises }, { key: small })).status).toBe(200);
    const limited = await post(t.hub.url, { query: enterprises }, { key: small });
    expect(limited.status).toBe(429);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The role's budget (1,000) for another key of the same role.
    for (let i = 0; i < 3; i++) expect((await post(t.hub.url, { query: enterprises }, { key: other })).status).toBe(200);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await post(t.hub.url, { query: enterprises }, { key: small })).status).toBe(200);
  });

  it('charges refused operations too', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const key = (await import('../gateway/keys/keys.js').then((k) => k.createKey(t.hub.keys, { role: 'CENTER_STAFF', rate: 120 }))).key;
    // 50 points per refusal: the third refusal spends the key's 120.
    for (let i = 0; i < 3; i++) expect(codeOf(await post(t.hub.url, { query: cycle(15) }, { key }))).toBe('MAX_DEPTH_EXCEEDED');
    expect((await post(t.hub.url, { query: '{ ledgerCheckpoint }' }, { key })).status).toBe(429);
  });

  it('limits failed authentications per address', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const good = await t.key('CENTER_STAFF');
    const wrong = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const query = { query: '{ ledgerCheckpoint }' };
    for (let i = 0; i < 3; i++) expect(codeOf(await post(t.hub.url, query, { key: wrong, from: '127.0.0.5' }))).toBe('UNAUTHENTICATED');
    const blocked = await post(t.hub.url, query, { key: good, from: '127.0.0.5' });
    expect(blocked.status).toBe(429);
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The address may still ask without a key, and the key works from elsewhere.
    expect((await post(t.hub.url, query, { from: '127.0.0.5' })).status).toBe(200);
    expect((await post(t.hub.url, query, { key: good, from: '127.0.0.6' })).status).toBe(200);
    const counted = await metric(t.hub.adminUrl!, 'iphub_gateway_rate_limited_total');
    expect(counted.get('{subject="authentication"}')).toBe(1);
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_refusals_total')).get('{reason="UNAUTHENTICATED"}')).toBe(3);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await post(t.hub.url, query, { key: good, from: '127.0.0.5' })).status).toBe(200);
  });
});

describe('admission control', () => {
  const hold = new Hold();
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      limits: resolveLimits({ admission: { inFlight: 1, queue: 3, queueTimeoutMs: 60_000, perCaller: 2 } }),
      open: {
        evidence: async (storage, ledger, hub, opening) => hold.on(await SUBGRAPHS.evidence.open(storage, ledger, hub, opening), 'Query', 'ledgerVerifierKey'),
      },
    });
  });
  afterAll(async () => {
    hold.release();
    await t.close();
  });

  it('runs waiting operations in arrival order, holds each caller to its share, and answers 503 at once when the queue is full', async () => {
    const queued = async () => (await metric(t.hub.adminUrl!, 'iphub_gateway_queue_depth')).get('');
    const held = post(t.hub.url, { query: '{ ledgerVerifierKey }' }, { from: '127.0.0.7' });
    await hold.arrived;
    const finished: string[] = [];
    const waiting: Promise<RawResponse>[] = [];
    const send = async (name: string, from: string) => {
      waiting.push(post(t.hub.url, { query: `{ ${name}: ledgerCheckpoint }` }, { from }).then((r) => (finished.push(name), r)));
      // Until the hub has queued it: vitest's default gives up after 1 s, which a busy machine can take.
      await vi.waitFor(async () => expect(await queued()).toBe(waiting.length), { timeout: 20_000 });
    };
    await send('b', '127.0.0.7');
    // 127.0.0.7 holds its two places (one running, one waiting): a third is refused, though the queue has room.
    const busy = await post(t.hub.url, { query: '{ ledgerCheckpoint }' }, { from: '127.0.0.7' });
    expect(busy.status).toBe(429);
    expect(firstError(busy)?.extensions?.code).toBe('RATE_LIMITED');
    await send('c', '127.0.0.8');
    await send('d', '127.0.0.9');
    const refused = await post(t.hub.url, { query: '{ ledgerCheckpoint }' }, { from: '127.0.0.10' });
    expect(refused.status).toBe(503);
    expect(firstError(refused)?.extensions?.code).toBe('OVERLOADED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    hold.release();
    expect((await held).status).toBe(200);
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(finished).toEqual(['b', 'c', 'd']);
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_refusals_total')).get('{reason="OVERLOADED"}')).toBe(1);
  });
});

describe('bounded work per request', () => {
  const hold = new Hold();
  // Time is up when the test says so: no operation here times out because the machine is slow.
  const clock = new ManualTimer();
  let t: TestHub;
  let staff: string;
  let enterpriseId: string;
  beforeAll(async () => {
    hold.holding = false;
    t = await startTestHub({
      limits: resolveLimits({ timeoutMs: 300, responseBytes: 1_000, caches: { documentBytes: 64 * 1024, queryPlanBytes: 64 * 1024 } }),
      executionTimer: clock.timer,
      open: {
        enterprises: async (storage, ledger, hub, opening) => hold.on(await SUBGRAPHS.enterprises.open(storage, ledger, hub, opening), 'Query', 'enterprise'),
      },
    });
    staff = await t.key('CENTER_STAFF');
    const first17 = '91440300MA5000001';
    const registered = await post(
      t.hub.url,
      {
        query: 'mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }',
        variables: { input: { uscc: first17 + usccCheckCharacter(first17), name: '限时企业', regionCode: '440300', industry: '软件和信息技术服务业' } },
      },
      { key: staff },
    );
    enterpriseId = (registered.body.data as { registerEnterprise: { id: string } }).registerEnterprise.id;
  });
  afterAll(async () => {
    hold.release();
    await t.close();
  });

  it('stops an operation at the timeout: the caller gets TIMEOUT and no further subgraph fetch starts', async () => {
    const query = { query: 'query ($id: ID!) { enterprise(id: $id) { name evidence { id } } }', variables: { id: enterpriseId } };
    // Unhindered, the plan fetches from enterprises and then from evidence.
    const evidenceBefore = await fetches(t, 'evidence');
    expect((await post(t.hub.url, query, { key: staff })).body).toEqual({ data: { enterprise: { name: '限时企业', evidence: [] } } });
    expect(await fetches(t, 'evidence')).toBe(evidenceBefore + 1);
    // Its timeout was disarmed when it finished.
    expect(clock.armed.size).toBe(0);

    hold.holding = true;
    const timingOut = post(t.hub.url, query, { key: staff });
    await hold.arrived;
    // Held in the enterprises subgraph, with the configured timeout armed: the time is up.
    expect([...clock.armed].map((a) => a.ms)).toEqual([300]);
    clock.fireAll();
    const timedOut = await timingOut;
    expect(timedOut.status).toBe(504);
    expect(firstError(timedOut)?.extensions?.code).toBe('TIMEOUT');
    hold.release();
    // The held resolver finishes now, and its subgraph answers on the next turn; its plan's next fetch must not start.
    await hold.finished;
    await new Promise((r) => setImmediate(r));
    expect(await fetches(t, 'evidence')).toBe(evidenceBefore + 1);
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_refusals_total')).get('{reason="TIMEOUT"}')).toBe(1);
  });

  it('refuses a response over the size cap', async () => {
    const small = await post(t.hub.url, { query: '{ ledgerVerifierKey }' }, { key: staff });
    expect(small.status).toBe(200);
    const large = await post(t.hub.url, { query: `{ ${Array.from({ length: 15 }, (_, i) => `k${i}: ledgerVerifierKey`).join(' ')} }` }, { key: staff });
    expect(large.status).toBe(400);
    expect(firstError(large)?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(firstError(large)?.message).toContain('1000');
    expect((await metric(t.hub.adminUrl!, 'iphub_gateway_refusals_total')).get('{reason="RESPONSE_TOO_LARGE"}')).toBe(1);
  });

  it("gives an enterprise's newest evidence a page at a time, not all it ever deposited", async () => {
    for (let i = 0; i < 3; i++) {
      const deposited = await post(
        t.hub.url,
        {
          query:
            'mutation ($e: ID!, $d: String!, $t: String!) { depositEvidence(input: { contentDigest: $d, title: $t, category: OTHER, depositorId: $e }) { id } }',
          variables: { e: enterpriseId, d: String(i).repeat(64), t: `第${i}份` },
        },
        { key: staff },
      );
      expect(deposited.body.errors).toBeUndefined();
      // Deposits in distinct milliseconds: newest first is then one order.
      await new Promise((r) => setTimeout(r, 5));
    }
    const titles = async (first?: number) => {
      const r = await post(
        t.hub.url,
        { query: 'query ($id: ID!, $n: Int) { enterprise(id: $id) { evidence(first: $n) { title } } }', variables: { id: enterpriseId, n: first } },
        { key: staff },
      );
      return (r.body.data as { enterprise: { evidence: { title: string }[] } }).enterprise.evidence.map((e) => e.title);
    };
    expect(await titles(2)).toEqual(['第2份', '第1份']);
    expect(await titles()).toEqual(['第2份', '第1份', '第0份']);
  });

  // 400 operations one after another, each planned anew: seconds on an idle machine, many more on a busy one.
  it('keeps its document and query-plan caches within their bounds under a stream of unique operations', async () => {
    for (let i = 0; i < 400; i++) {
      const r = await post(
        t.hub.url,
        { query: `query Unique${i} { enterprises(first: ${1 + (i % 50)}) { totalCount } u${i}: ledgerCheckpoint }` },
        { key: staff },
      );
      expect(r.status).toBe(200);
    }
    const caches = await metric(t.hub.adminUrl!, 'iphub_gateway_cache_bytes');
    for (const cache of ['documents', 'query_plans']) {
      const bytes = caches.get(`{cache="${cache}"}`)!;
      expect(bytes).toBeGreaterThan(32 * 1024);
      expect(bytes).toBeLessThanOrEqual(64 * 1024);
    }
  }, 120_000);
});
