// The deliverer against a real receiver on 127.0.0.1 that checks every signature, on a clock the
// test moves: retries arrive with the same webhook-id until a 2xx, after which nothing is sent
// again; a receiver that never answers 2xx gets a day of retries, then the delivery is FAILED until
// resent.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Notification } from '../../outbox/notification.js';
import type { Identity, IdentityDirectory } from '../../platform/identity.js';
import { TEST_SECRET_BOX } from '../../test/support/secrets.js';
import { type Deliverer, startDeliverer } from './deliverer.js';
import { destinationPolicyFromEnv } from './destination.js';
import { deliveryId, type DeliveryRecord } from './domain/model.js';
import { GIVE_UP_AFTER_MS } from './domain/retry-schedule.js';
import { newSubscription, type Subscription } from './domain/subscription.js';
import { type NotificationStore } from './store/port.js';
import { openSqliteNotificationStore } from './store/sqlite.js';
import { webhookSender } from './webhook.js';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const TIMEOUT_MS = 300;
const OWNER: Identity = { keyId: 'k-e1', role: 'ENTERPRISE', enterpriseId: 'E1' };
// The receiver is on this machine's loopback, which a centre's configuration must name to allow.
const send = webhookSender(destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' }));
/** The key ids revoked so far: every other owner acts. */
const revoked = new Set<string>();
const owners: IdentityDirectory = { active: async (ids) => new Set(ids.filter((id) => !revoked.has(id))) };

const note = (id: string): Notification => ({
  id,
  type: 'patent.annual_fee.warning',
  occurredAt: new Date(T0).toISOString(),
  subject: 'patent:202310123456.7',
  audience: [{ kind: 'ENTERPRISE', id: 'E1' }],
  data: { dueDate: '2026-04-01' },
});

/** What the receiver answers a request: a status, or nothing at all. */
type Answer = 200 | 204 | 302 | 500 | 'hang';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether Webhook.verify took it, at the test's clock. */
  readonly verified: boolean;
}

let clock = T0;

/**
 * Webhook.verify checks webhook-timestamp against the receiver's own clock, 5 minutes either way.
 * Here the receiver's clock is the test's, which moves a day and more while the test runs.
 */
function verifyAtClock(secret: string, body: string, headers: IncomingHttpHeaders): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: clock });
  try {
    return new Webhook(secret).verify(body, headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

/** A webhook receiver: it answers from `answers` in turn, then `otherwise`, and checks signatures with `secret`. */
interface Receiver {
  url: string;
  secret: string;
  answers: Answer[];
  otherwise: Answer;
  received: Received[];
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const r: Receiver = {
    url: '',
    secret: '',
    answers: [],
    otherwise: 200,
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        verifyAtClock(r.secret, body, req.headers);
      } catch {
        verified = false;
      }
      r.received.push({ headers: req.headers, body, verified });
      const answer = r.answers.shift() ?? r.otherwise;
      if (answer === 'hang') return;
      res.writeHead(answer, answer === 302 ? { location: `${r.url}elsewhere` } : {}).end(answer === 204 ? undefined : 'x'.repeat(64 * 1024));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/`;
  return r;
}

describe('the deliverer', () => {
  let store: NotificationStore;
  let hooks: Receiver;
  let subscription: Subscription;
  let deliverer: Deliverer | undefined;
  const logged: unknown[] = [];

  beforeEach(async () => {
    clock = T0;
    logged.length = 0;
    revoked.clear();
    store = openSqliteNotificationStore(new Database(':memory:'), TEST_SECRET_BOX);
    hooks = await receiver();
    subscription = newSubscription(OWNER, { url: hooks.url, eventTypes: [] }, new Date(T0));
    hooks.secret = subscription.secret;
    await store.createSubscription(subscription);
  });

  afterEach(async () => {
    await deliverer?.stop();
    deliverer = undefined;
    await hooks.close();
    await store.close();
  });

  const start = (over: Partial<Parameters<typeof startDeliverer>[0]> = {}): Deliverer =>
    (deliverer = startDeliverer({ store, send, owners, now: () => clock, pollMs: 10, timeoutMs: TIMEOUT_MS, log: (_m, err) => logged.push(err), ...over }));

  /** The delivery once its try numbered `attempt` has been recorded. */
  const recorded = (id: string, attempt: number): Promise<DeliveryRecord> =>
    vi.waitFor(
      async () => {
        const d = await store.delivery(id);
        if (d === undefined || d.attempts !== attempt || d.leasedUntil !== null || d.lastAttemptAt === null) throw new Error(`try ${attempt} not recorded yet`);
        return d;
      },
      { timeout: 20_000, interval: 5 },
    );

  /** Moves the clock to when `d` is due and wakes the deliverer. */
  const whenDue = (d: DeliveryRecord): void => {
    clock = d.nextAttemptAt!;
    deliverer!.kick();
  };

  it('retries a failing receiver with the same webhook-id until it answers 2xx, then never again', async () => {
    hooks.answers = [500, 'hang', 302, 200];
    start();
    const n = note('outbox:1');
    const id = deliveryId(n.id, subscription.id);
    await store.accept([n]);
    deliverer!.kick();

    const errors: (string | null)[] = [];
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const d = await recorded(id, attempt);
      expect(d.state).toBe('PENDING');
      errors.push(d.lastError);
      waits.push(d.nextAttemptAt! - d.lastAttemptAt!);
      whenDue(d);
    }
    const done = await recorded(id, 4);
    expect(errors).toEqual(['HTTP 500', `no answer within ${TIMEOUT_MS / 1000} s`, 'HTTP 302']);
    // 5 s, 10 s, 20 s, each ±20 %.
    waits.forEach((w, i) => expect(Math.abs(w - 5_000 * 2 ** i)).toBeLessThanOrEqual(1_000 * 2 ** i));
    expect(done).toMatchObject({ state: 'DELIVERED', deliveredAt: clock, nextAttemptAt: null, lastError: null });

    // The redirect was not followed: four requests, all to the subscription's URL, all signed.
    expect(hooks.received).toHaveLength(4);
    expect(hooks.received.every((r) => r.verified)).toBe(true);
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([n.id]));
    expect(new Set(hooks.received.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(hooks.received[0]!.body)).toStrictEqual({
      type: n.type,
      timestamp: n.occurredAt,
      data: { id: n.id, subject: n.subject, dueDate: '2026-04-01' },
    });
    expect(hooks.received[0]!.headers['content-type']).toBe('application/json');

    // A tampered body, or a signature from another secret, is refused.
    const first = hooks.received[0]!;
    expect(() => verifyAtClock(subscription.secret, first.body.replace('2026-04-01', '2027-04-01'), first.headers)).toThrow(/No matching signature/);
    const other = newSubscription(OWNER, { url: hooks.url, eventTypes: [] });
    expect(() => verifyAtClock(other.secret, first.body, first.headers)).toThrow(/No matching signature/);

    // A day later, another notification goes out; the delivered one is not sent again.
    clock += 86_400_000;
    const next = note('outbox:2');
    await store.accept([next]);
    deliverer!.kick();
    await recorded(deliveryId(next.id, subscription.id), 1);
    expect(hooks.received.map((r) => r.headers['webhook-id'])).toEqual([n.id, n.id, n.id, n.id, next.id]);
    expect(logged).toEqual([]);
  });

  it('gives up on a receiver that never answers 2xx after 24 hours of retries, and delivers once resent', async () => {
    hooks.otherwise = 500;
    // Not paused first (an hour of failing would): the day's schedule alone is under test.
    start({ pauseAfterMs: 2 * GIVE_UP_AFTER_MS });
    const n = note('outbox:1');
    const id = deliveryId(n.id, subscription.id);
    await store.accept([n]);
    deliverer!.kick();

    let d = await recorded(id, 1);
    while (d.state === 'PENDING') {
      whenDue(d);
      d = await recorded(id, d.attempts + 1);
    }
    expect(d).toMatchObject({ state: 'FAILED', lastError: 'HTTP 500', nextAttemptAt: null });
    // The last try within the day, the next one past it (an hour's wait at most 20 % longer).
    const span = d.lastAttemptAt! - d.firstAttemptAt!;
    expect(span).toBeLessThanOrEqual(GIVE_UP_AFTER_MS);
    expect(span + 1.2 * 3_600_000).toBeGreaterThan(GIVE_UP_AFTER_MS);
    expect(hooks.received).toHaveLength(d.attempts);
    expect(hooks.received.every((r) => r.verified && r.headers['webhook-id'] === n.id)).toBe(true);
    expect(await store.deliveries('FAILED', undefined, 10)).toStrictEqual([d]);

    clock += 7 * 86_400_000;
    hooks.otherwise = 204;
    expect(await store.resend(id, clock)).toBe(true);
    deliverer!.kick();
    expect(await recorded(id, 1)).toMatchObject({ state: 'DELIVERED', firstAttemptAt: clock });
    expect(hooks.received).toHaveLength(d.attempts + 1);
    expect(hooks.received.at(-1)!.verified).toBe(true);
  });

  it('pauses an endpoint failing an hour with no success, tells its owner and centre staff once, and sends again once resumed', async () => {
    hooks.otherwise = 500;
    start();
    const n = note('outbox:1');
    const id = deliveryId(n.id, subscription.id);
    await store.accept([n]);
    deliverer!.kick();
    let d = await recorded(id, 1);
    expect((await store.subscription(subscription.id))!.failingSince).toBe(new Date(T0).toISOString());
    // Tries 5 s, 10 s, ... apart: paused at the first failure an hour or more after the first.
    while ((await store.subscription(subscription.id))!.pausedAt === null) {
      expect(d.lastAttemptAt! - T0).toBeLessThan(3_600_000);
      whenDue(d);
      d = await recorded(id, d.attempts + 1);
    }
    const paused = (await store.subscription(subscription.id))!;
    expect(Date.parse(paused.pausedAt!) - T0).toBeGreaterThanOrEqual(3_600_000);
    expect(paused.pausedAt).toBe(new Date(d.lastAttemptAt!).toISOString());

    // Told once, in the owner's inbox and the centre's.
    for (const inbox of ['enterprise:E1', 'centre']) {
      const told = (await store.inbox(inbox, undefined, 10)).filter((i) => i.notification.type === 'webhook.paused');
      expect(told.map((i) => i.notification)).toStrictEqual([
        {
          id: `webhook.paused:${subscription.id}:${new Date(T0).toISOString()}`,
          type: 'webhook.paused',
          occurredAt: paused.pausedAt,
          subject: `webhook_subscription:${subscription.id}`,
          audience: [{ kind: 'CENTRE' }, { kind: 'ENTERPRISE', id: 'E1' }],
          data: { url: subscription.url, failingSince: new Date(T0).toISOString(), lastError: 'HTTP 500' },
        },
      ]);
    }

    // Nothing is sent while it is paused, however long; what arrives meanwhile waits.
    const sent = hooks.received.length;
    clock += 86_400_000;
    const later = note('outbox:2');
    await store.accept([later]);
    deliverer!.kick();
    await new Promise((r) => setTimeout(r, 100));
    expect(hooks.received).toHaveLength(sent);

    hooks.otherwise = 204;
    expect(await store.resumeSubscription(subscription.id)).toBe(true);
    deliverer!.kick();
    await recorded(deliveryId(later.id, subscription.id), 1);
    expect((await store.delivery(deliveryId(later.id, subscription.id)))!.state).toBe('DELIVERED');
    expect(await store.subscription(subscription.id)).toMatchObject({ pausedAt: null, failingSince: null });
  });

  it("does not let an endpoint that never answers delay another's deliveries: it holds its own slots only", async () => {
    // A second receiver that takes every request and never answers, within this test's time.
    const dead = await receiver();
    dead.otherwise = 'hang';
    const deadSubscription = newSubscription({ keyId: 'k-staff', role: 'CENTER_STAFF' }, { url: dead.url, eventTypes: [] }, new Date(T0));
    dead.secret = deadSubscription.secret;
    await store.createSubscription(deadSubscription);
    try {
      // Every notification goes to both; the dead endpoint's are due first.
      start({ concurrency: 4, perSubscription: 2, timeoutMs: 600_000, leaseMs: 1_200_000 });
      const ns = Array.from({ length: 30 }, (_, i) => note(`outbox:${i}`));
      await store.accept(ns);
      deliverer!.kick();
      for (const n of ns) expect(await recorded(deliveryId(n.id, subscription.id), 1)).toMatchObject({ state: 'DELIVERED' });
      expect(hooks.received).toHaveLength(30);
      // Meanwhile the dead endpoint was sent its two, which are still unanswered.
      expect(dead.received).toHaveLength(2);
    } finally {
      // Its connections closed, the two sends end (and are recorded) before stop() returns.
      await dead.close();
      await deliverer?.stop();
      deliverer = undefined;
    }
  });

  it('holds at most `concurrency` requests open, and stop() waits for them', async () => {
    hooks.otherwise = 'hang';
    let open = 0;
    let mostOpen = 0;
    const counting: typeof send = async (...args) => {
      mostOpen = Math.max(mostOpen, ++open);
      try {
        return await send(...args);
      } finally {
        open--;
      }
    };
    start({ concurrency: 2, send: counting });
    const ns = ['a', 'b', 'c', 'd', 'e'].map((s) => note(`outbox:${s}`));
    await store.accept(ns);
    deliverer!.kick();
    for (const n of ns) await recorded(deliveryId(n.id, subscription.id), 1);
    expect(hooks.received).toHaveLength(5);
    expect(mostOpen).toBe(2);

    // One more, caught mid-send by stop(): its outcome is recorded before stop() resolves.
    const last = note('outbox:f');
    await store.accept([last]);
    deliverer!.kick();
    await vi.waitFor(() => expect(hooks.received).toHaveLength(6), { timeout: 20_000, interval: 5 });
    await deliverer!.stop();
    expect(await store.delivery(deliveryId(last.id, subscription.id))).toMatchObject({ attempts: 1, leasedUntil: null, lastError: /no answer/ });
  });

  it('keeps going when the store fails to claim', async () => {
    const failing: NotificationStore = { ...store, claimDue: vi.fn(store.claimDue).mockRejectedValueOnce(new Error('database away')) };
    start({ store: failing });
    const n = note('outbox:1');
    await store.accept([n]);
    deliverer!.kick();
    expect(await recorded(deliveryId(n.id, subscription.id), 1)).toMatchObject({ state: 'DELIVERED' });
    expect(logged).toEqual([new Error('database away')]);
  });

  it("fails a disabled subscription's deliveries for good, sending nothing", async () => {
    const n = note('outbox:1');
    await store.accept([n]);
    await store.disableSubscription(subscription.id, new Date(clock).toISOString());
    start();
    expect(await recorded(deliveryId(n.id, subscription.id), 1)).toMatchObject({ state: 'FAILED', lastError: 'the subscription is disabled' });
    expect(hooks.received).toEqual([]);
  });

  it('connects to the address it checked, and refuses a host that comes to resolve inward (DNS rebinding) at delivery', async () => {
    let answer = '127.0.0.1';
    const lookups: string[] = [];
    const rebinding = webhookSender(destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' }), async (host) => {
      lookups.push(host);
      return [{ address: answer, family: 4 }];
    });
    const named = newSubscription(OWNER, { url: hooks.url.replace('127.0.0.1', 'partner.test'), eventTypes: [] }, new Date(T0));
    await store.disableSubscription(subscription.id, new Date(clock).toISOString());
    await store.createSubscription({ ...named, secret: subscription.secret });
    start({ send: rebinding });
    const first = note('outbox:1');
    await store.accept([first]);
    deliverer!.kick();
    expect(await recorded(deliveryId(first.id, named.id), 1)).toMatchObject({ state: 'DELIVERED' });
    expect(hooks.received).toHaveLength(1);
    expect(lookups).toEqual(['partner.test']);

    answer = '169.254.169.254';
    const second = note('outbox:2');
    await store.accept([second]);
    deliverer!.kick();
    expect(await recorded(deliveryId(second.id, named.id), 1)).toMatchObject({
      state: 'PENDING',
      lastError: /^WEBHOOK_URL_REFUSED: .*metadata service \(169\.254\.169\.254\)/,
    });
    expect(hooks.received).toHaveLength(1);
  });

  it("sends nothing for a subscription whose owner's key was revoked: the delivery fails for good and the subscription is disabled", async () => {
    const n = note('outbox:1');
    await store.accept([n]);
    revoked.add(OWNER.keyId);
    start();
    expect(await recorded(deliveryId(n.id, subscription.id), 1)).toMatchObject({ state: 'FAILED', lastError: /owner no longer acts/ });
    expect(hooks.received).toEqual([]);
    expect((await store.subscription(subscription.id))!.disabledAt).not.toBeNull();
  });

  it('refuses a lease no longer than the timeout', () => {
    expect(() => startDeliverer({ store, send, owners, leaseMs: 10_000, timeoutMs: 10_000 })).toThrow(/leaseMs/);
  });
});
