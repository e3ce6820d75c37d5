// Notifications through the gateway: a licence registered reaches both enterprises' inboxes and
// the webhooks of partner keys allowed to read it, signed as Standard Webhooks and checked by a
// receiver on localhost; a receiver failing on purpose sees the retry with the same webhook-id; a
// delivery failing for a day is FAILED for staff to see and send again; who may subscribe, read
// and resend.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { gql, type GraphQLClient } from 'graphql-request';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';
import { notificationsSubgraph, webhookOptionsFromEnv } from '../subgraphs/notifications/index.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

// The receivers are on this machine's loopback, which a centre's configuration must name to allow.
const LOCAL_RECEIVERS = webhookOptionsFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' });

const today = hubToday();
const BANK = '招商银行深圳分行';
const HOUR = 3_600_000;

interface Delivered {
  readonly id: string;
  readonly body: { type: string; timestamp: string; data: Record<string, unknown> };
  readonly verified: boolean;
  /** The body as sent and its signature header, to check against any secret. */
  readonly raw: string;
  readonly headers: IncomingHttpHeaders;
}

/** Whether `secret` made one of the delivery's signatures (without the receiver's clock: the test moves the hub's). */
const signedWith = (d: Delivered, secret: string): boolean => {
  const at = new Date(Number(d.headers['webhook-timestamp']) * 1000);
  const mine = new Webhook(secret).sign(String(d.headers['webhook-id']), at, d.raw);
  return String(d.headers['webhook-signature']).split(' ').includes(mine);
};

/** A webhook receiver on 127.0.0.1 checking each signature; it answers `fail` times 500, then 204. */
class Receiver {
  readonly received: Delivered[] = [];
  secret = '';
  fail = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          id: String(req.headers['webhook-id']),
          body: JSON.parse(body) as Delivered['body'],
          verified: this.verify(body, req.headers),
          raw: body,
          headers: req.headers,
        });
        if (this.fail > 0) {
          this.fail--;
          res.writeHead(500).end();
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  private verify(body: string, headers: IncomingHttpHeaders): boolean {
    try {
      new Webhook(this.secret).verify(body, headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  }

  ids(): string[] {
    return this.received.map((r) => r.id);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const SUBSCRIBE = gql`
  mutation ($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) {
      secret
      subscription {
        id
        url
        eventTypes
        ownerRole
      }
    }
  }
`;
const INBOX = gql`
  query {
    inbox {
      unreadCount
      notifications(first: 10) {
        edges {
          node {
            read
            notification {
              id
              type
              subject
              data
            }
          }
        }
      }
    }
  }
`;
const DELIVERIES = gql`
  query ($state: WebhookDeliveryState!) {
    webhookDeliveries(state: $state, first: 50) {
      edges {
        node {
          id
          state
          attempts
          lastError
          notification {
            id
            type
          }
          subscription {
            url
          }
        }
      }
    }
  }
`;

const RESUME = gql`
  mutation ($id: ID!) {
    resumeWebhookSubscription(id: $id) {
      id
      pausedAt
      failingSince
    }
  }
`;
const OWNED = gql`
  query ($owner: String) {
    webhookSubscriptions(owner: $owner, first: 10) {
      edges {
        node {
          id
          pausedAt
        }
      }
    }
  }
`;

describe('notifications', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let seller: string;
  let buyer: string;
  let sellerKey: GraphQLClient;
  let buyerKey: GraphQLClient;
  let buyerKeyId: string;
  let bankKey: GraphQLClient;
  // The deliverer's clock: the test moves it a day on to see a delivery given up.
  let offset = 0;
  const sellerHooks = new Receiver();
  const bankHooks = new Receiver();
  const deadHooks = new Receiver();
  let serial = 0;

  async function licence(): Promise<string> {
    const filingDate = addYears(today, -4);
    const n = await registerPatent(staff, {
      enterpriseId: seller,
      applicationNumber: applicationNumber(filingDate, '1', ++serial),
      title: `专利 ${serial}`,
      filingDate,
      status: 'GRANTED',
      grantDate: addYears(filingDate, 2),
      feesPaidThrough: today,
    });
    const { registerLicence } = await staff.request<{ registerLicence: { id: string } }>(
      gql`
        mutation ($input: RegisterLicenceInput!) {
          registerLicence(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          right: { kind: 'PATENT', number: n },
          licenseeId: buyer,
          kind: 'ORDINARY',
          territory: ['CN'],
          term: { startDate: today, endDate: addYears(today, 1) },
          contractDate: today,
          contractDigest: createHash('sha256').update(n).digest('hex'),
        },
      },
    );
    return registerLicence.id;
  }

  beforeAll(async () => {
    await Promise.all([sellerHooks.start(), bankHooks.start(), deadHooks.start()]);
    t = await startTestHub({
      open: {
        notifications: (storage, ledger, hub, { owners }) =>
          notificationsSubgraph(OUTBOX_OWNERS, { ...LOCAL_RECEIVERS, owners, pollMs: 50, now: () => Date.now() + offset })(storage, ledger, hub),
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    const register = (uscc: string, name: string) => registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '电气机械和器材制造业' });
    seller = await register('914403001922038216', '比亚迪股份有限公司');
    buyer = await register('9144030071526726XG', '宁德时代新能源科技股份有限公司');
    sellerKey = t.client(await t.key('ENTERPRISE', { enterpriseId: seller }));
    const buyers = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId: buyer });
    buyerKeyId = buyers.id;
    buyerKey = t.client(buyers.key);
    bankKey = t.client(await t.key('BANK', { organization: BANK }));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([sellerHooks.close(), bankHooks.close(), deadHooks.close()]);
  });

  it('delivers a licence to the inboxes and the signed webhooks of those who may read it, retrying a failure with the same id', async () => {
    const subscribe = async (client: GraphQLClient, receiver: Receiver, eventTypes: string[]) => {
      const { createWebhookSubscription: created } = await client.request<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
        SUBSCRIBE,
        {
          input: { url: receiver.url, eventTypes },
        },
      );
      expect(created.secret).toMatch(/^whsec_/);
      receiver.secret = created.secret;
      return created.subscription.id;
    };
    await subscribe(sellerKey, sellerHooks, ['licence.*']);
    await subscribe(bankKey, bankHooks, []);
    sellerHooks.fail = 1;

    const licenceId = await licence();
    const id = `licence.registered:${licenceId}`;
    // The seller's receiver: a 500, then the same webhook again about 5 s later, taken.
    await expect.poll(() => sellerHooks.ids(), { timeout: 15_000, interval: 100 }).toStrictEqual([id, id]);
    expect(sellerHooks.received.every((r) => r.verified)).toBe(true);
    expect(sellerHooks.received[1]!.body).toMatchObject({
      type: 'licence.registered',
      data: { id, subject: expect.stringMatching(/^patent:/), licensee: buyer },
    });
    // The bank is no party to it: it receives nothing, though it subscribed to everything.
    expect(bankHooks.received).toStrictEqual([]);

    for (const client of [sellerKey, buyerKey]) {
      const { inbox } = await client.request<{
        inbox: { unreadCount: number; notifications: { edges: { node: { read: boolean; notification: { id: string } } }[] } };
      }>(INBOX);
      expect(inbox.unreadCount).toBe(1);
      expect(inbox.notifications.edges.map((e) => e.node)).toStrictEqual([
        { read: false, notification: expect.objectContaining({ id, type: 'licence.registered' }) },
      ]);
    }
    const mark = gql`
      mutation ($ids: [ID!]!) {
        markNotificationsRead(ids: $ids)
      }
    `;
    expect((await buyerKey.request<{ markNotificationsRead: number }>(mark, { ids: [id] })).markNotificationsRead).toBe(1);
    expect((await buyerKey.request<{ markNotificationsRead: number }>(mark, { ids: [id] })).markNotificationsRead).toBe(0);
    expect((await buyerKey.request<{ inbox: { unreadCount: number } }>(INBOX)).inbox.unreadCount).toBe(0);
    expect((await sellerKey.request<{ inbox: { unreadCount: number } }>(INBOX)).inbox.unreadCount).toBe(1);
    expect((await bankKey.request<{ inbox: { unreadCount: number } }>(INBOX)).inbox.unreadCount).toBe(0);

    // Delivered once acknowledged: nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sellerHooks.ids()).toStrictEqual([id, id]);
  });

  it('gives a delivery up after a day of failures, paused and resumed between, shows it to staff, and sends it again when asked', async () => {
    const dead = await buyerKey.request<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(SUBSCRIBE, {
      input: { url: deadHooks.url, eventTypes: ['licence.registered'] },
    });
    deadHooks.secret = dead.createWebhookSubscription.secret;
    deadHooks.fail = Number.MAX_SAFE_INTEGER;
    await licence();
    await expect.poll(() => deadHooks.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    type Failed = {
      webhookDeliveries: { edges: { node: { id: string; state: string; attempts: number; lastError: string; subscription: { url: string } } }[] };
    };
    // Hours pass for the deliverer, one at a time: after an hour of failures the subscription is paused.
    await expect
      .poll(
        async () => {
          offset += HOUR;
          return (await staff.request<{ webhookSubscriptions: { edges: { node: { pausedAt: string | null } }[] } }>(OWNED, { owner: buyerKeyId }))
            .webhookSubscriptions.edges[0]!.node.pausedAt;
        },
        { timeout: 20_000, interval: 50 },
      )
      .not.toBeNull();
    expect((await staff.request<Failed>(DELIVERIES, { state: 'FAILED' })).webhookDeliveries.edges).toEqual([]);
    // A day on, staff resume it; it still fails, and the delivery, past its day of retries, is given up.
    offset += 24 * HOUR;
    await staff.request(RESUME, { id: dead.createWebhookSubscription.subscription.id });
    await expect.poll(async () => (await staff.request<Failed>(DELIVERIES, { state: 'FAILED' })).webhookDeliveries.edges.length, { timeout: 20_000 }).toBe(1);
    const [failed] = (await staff.request<Failed>(DELIVERIES, { state: 'FAILED' })).webhookDeliveries.edges.map((e) => e.node);
    expect(failed).toMatchObject({ state: 'FAILED', lastError: 'HTTP 500', subscription: { url: deadHooks.url } });
    expect(failed!.attempts).toBeGreaterThan(2);

    const resend = gql`
      mutation ($id: ID!) {
        resendWebhookDelivery(id: $id) {
          id
          state
          attempts
        }
      }
    `;
    // Another key's delivery answers as none does; its owner sees it among its subscription's own.
    expect(await errorCode(sellerKey.request(resend, { id: failed!.id }))).toBe('NOT_FOUND');
    const own = await buyerKey.request<{
      webhookSubscriptions: { edges: { node: { deliveries: { edges: { node: { id: string; lastError: string } }[] } } }[] };
    }>(gql`
      query {
        webhookSubscriptions(first: 10) {
          edges {
            node {
              deliveries(state: FAILED, first: 10) {
                edges {
                  node {
                    id
                    lastError
                  }
                }
              }
            }
          }
        }
      }
    `);
    expect(own.webhookSubscriptions.edges.flatMap((e) => e.node.deliveries.edges.map((d) => d.node))).toEqual([{ id: failed!.id, lastError: 'HTTP 500' }]);
    deadHooks.fail = 0;
    const sent = deadHooks.received.length;
    const { resendWebhookDelivery } = await staff.request<{ resendWebhookDelivery: { state: string } }>(resend, { id: failed!.id });
    expect(resendWebhookDelivery.state).toBe('PENDING');
    await expect.poll(() => deadHooks.received.length, { timeout: 10_000 }).toBe(sent + 1);
    await expect.poll(async () => (await staff.request<Failed>(DELIVERIES, { state: 'FAILED' })).webhookDeliveries.edges.length).toBe(0);
    expect(await errorCode(staff.request(resend, { id: failed!.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(staff.request(resend, { id: 'nothing' }))).toBe('NOT_FOUND');
  });

  it('lets partner keys alone subscribe, each to URLs it may use, and its owner or staff disable it', async () => {
    expect(await errorExtensions(sellerKey.request(SUBSCRIBE, { input: { url: 'ftp://example.org/hooks' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
    });
    expect(await errorExtensions(sellerKey.request(SUBSCRIBE, { input: { url: sellerHooks.url, eventTypes: ['Not a type'] } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'eventTypes',
    });
    // Well formed but naming none of the hub's event types: refused, not left to match nothing for ever.
    expect(await errorExtensions(sellerKey.request(SUBSCRIBE, { input: { url: sellerHooks.url, eventTypes: ['case.moved', 'case.mvoed'] } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'eventTypes',
    });
    const { webhookEventTypes } = await sellerKey.request<{ webhookEventTypes: { name: string; description: string }[] }>(gql`
      query {
        webhookEventTypes {
          name
          description
        }
      }
    `);
    expect(webhookEventTypes.map((e) => e.name)).toEqual(expect.arrayContaining(['case.moved', 'licence.registered', 'webhook.paused']));
    expect(webhookEventTypes.every((e) => e.description.length > 0)).toBe(true);
    expect(await errorCode(t.anonymous.request(SUBSCRIBE, { input: { url: sellerHooks.url } }))).toBe('UNAUTHENTICATED');
    const mine = await sellerKey.request<{ createWebhookSubscription: { subscription: { id: string } } }>(SUBSCRIBE, { input: { url: sellerHooks.url } });
    const id = mine.createWebhookSubscription.subscription.id;
    const disable = gql`
      mutation ($id: ID!) {
        disableWebhookSubscription(id: $id) {
          id
          disabledAt
        }
      }
    `;
    // Another's subscription is answered as none is: its id tells nothing.
    expect(await errorCode(buyerKey.request(disable, { id }))).toBe('NOT_FOUND');
    expect(await errorCode(buyerKey.request(disable, { id: 'no-such-subscription' }))).toBe('NOT_FOUND');
    expect(
      (await sellerKey.request<{ disableWebhookSubscription: { disabledAt: string | null } }>(disable, { id })).disableWebhookSubscription.disabledAt,
    ).not.toBeNull();
    const listed = await sellerKey.request<{ webhookSubscriptions: { edges: { node: { id: string; disabledAt: string | null } }[] } }>(gql`
      query {
        webhookSubscriptions(first: 10) {
          edges {
            node {
              id
              disabledAt
            }
          }
        }
      }
    `);
    expect(listed.webhookSubscriptions.edges.map((e) => e.node.id)).toContain(id);
    expect(await errorCode(sellerKey.request(DELIVERIES, { state: 'FAILED' }))).toBe('FORBIDDEN');
    // A staff key reads everything, so its subscriptions may take everything.
    expect(
      (await staff.request<{ createWebhookSubscription: { subscription: { ownerRole: string } } }>(SUBSCRIBE, { input: { url: deadHooks.url } }))
        .createWebhookSubscription.subscription.ownerRole,
    ).toBe('CENTER_STAFF');
  });

  it('refuses webhook URLs that lead inward, WEBHOOK_URL_REFUSED naming why, and takes the loopback receiver IPHUB_WEBHOOK_ALLOWED_NETWORKS names', async () => {
    const hubPort = new URL(t.hub.url).port;
    const refused = {
      'http://169.254.169.254/latest/meta-data/': 'METADATA',
      'http://100.100.100.200/latest/meta-data/': 'METADATA',
      'http://[fe80::1]/hooks': 'LINK_LOCAL',
      'http://0.0.0.0:8080/hooks': 'UNSPECIFIED',
      'http://10.0.0.8/hooks': 'PRIVATE',
      'http://192.168.1.20/hooks': 'PRIVATE',
      'http://127.0.0.2:8080/hooks': 'LOOPBACK',
      [`http://127.0.0.1:${hubPort}/graphql`]: 'HUB_LISTENER',
      'http://127.0.0.1:4003/graphql': 'HUB_LISTENER',
      'http://no-such-host.invalid/hooks': 'UNRESOLVED',
    };
    for (const [url, reason] of Object.entries(refused)) {
      expect(await errorExtensions(sellerKey.request(SUBSCRIBE, { input: { url } })), url).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', field: 'url', reason });
    }
    // Nothing was made of them.
    const listed = await sellerKey.request<{ webhookSubscriptions: { edges: { node: { url: string } }[] } }>(gql`
      query {
        webhookSubscriptions(first: 50) {
          edges {
            node {
              url
            }
          }
        }
      }
    `);
    expect(listed.webhookSubscriptions.edges.map((e) => e.node.url).filter((u) => u in refused)).toEqual([]);
    // 127.0.0.1 is named by the hub's configuration (127.0.0.1/32): the receiver on it is taken.
    expect(
      (await sellerKey.request<{ createWebhookSubscription: { subscription: { url: string } } }>(SUBSCRIBE, { input: { url: sellerHooks.url } }))
        .createWebhookSubscription.subscription.url,
    ).toBe(sellerHooks.url);
  });

  it("sends a revoked key's subscriptions nothing more and disables them, and lets staff list and disable any key's", async () => {
    const { id: keyId, key } = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId: seller });
    const partner = t.client(key);
    const hooks = new Receiver();
    await hooks.start();
    try {
      const made = await partner.request<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(SUBSCRIBE, {
        input: { url: hooks.url, eventTypes: ['licence.registered'] },
      });
      hooks.secret = made.createWebhookSubscription.secret;
      const first = `licence.registered:${await licence()}`;
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 100 }).toContain(first);

      expect(await t.hub.keys.revoke(keyId, new Date().toISOString())).toBe(true);
      expect(await errorCode(partner.request(INBOX))).toBe('UNAUTHENTICATED');
      const second = `licence.registered:${await licence()}`;
      // The seller's own key still hears of it: the notification was told, to everyone but the revoked key.
      await expect
        .poll(
          async () =>
            (
              await sellerKey.request<{ inbox: { notifications: { edges: { node: { notification: { id: string } } }[] } } }>(INBOX)
            ).inbox.notifications.edges.map((e) => e.node.notification.id),
          { timeout: 15_000, interval: 100 },
        )
        .toContain(second);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hooks.ids()).not.toContain(second);

      // Staff see the revoked key's subscription, disabled with it; the key's owner cannot, and another key may not look.
      const BY_OWNER = gql`
        query ($owner: String) {
          webhookSubscriptions(owner: $owner, first: 10) {
            edges {
              node {
                id
                owner
                disabledAt
              }
            }
          }
        }
      `;
      const listed = await staff.request<{ webhookSubscriptions: { edges: { node: { id: string; owner: string; disabledAt: string | null } }[] } }>(BY_OWNER, {
        owner: keyId,
      });
      expect(listed.webhookSubscriptions.edges.map((e) => e.node)).toEqual([
        { id: made.createWebhookSubscription.subscription.id, owner: keyId, disabledAt: expect.any(String) },
      ]);
      expect(await errorCode(buyerKey.request(BY_OWNER, { owner: keyId }))).toBe('FORBIDDEN');
    } finally {
      await hooks.close();
    }
  });
  it("delivers to a live endpoint while another never answers: the dead one's sends hold only its own slots", async () => {
    // A receiver that takes every request and never answers; the hub gives up on each after its timeout (10 s).
    const open = new Set<IncomingMessage>();
    let ended = 0;
    const hanging = createServer((req) => {
      open.add(req);
      req.socket.on('close', () => open.delete(req) && ended++);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hooks`;
    const live = new Receiver();
    await live.start();
    const { key } = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId: seller });
    const partner = t.client(key);
    // Staff's subscription takes everything: each licence goes to both.
    const dead = await staff.request<{ createWebhookSubscription: { subscription: { id: string } } }>(SUBSCRIBE, { input: { url: hangingUrl } });
    try {
      live.secret = (
        await partner.request<{ createWebhookSubscription: { secret: string } }>(SUBSCRIBE, { input: { url: live.url, eventTypes: ['licence.registered'] } })
      ).createWebhookSubscription.secret;
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(`licence.registered:${await licence()}`);
      await expect.poll(() => ids.filter((id) => live.ids().includes(id)).length, { timeout: 30_000, interval: 50 }).toBe(12);
      // Every live delivery arrived while the dead endpoint's sends were still open: none waited for one to time out.
      expect(ended).toBe(0);
      expect(open.size).toBeGreaterThan(0);
      expect(open.size).toBeLessThanOrEqual(8);
    } finally {
      await staff.request(
        gql`
          mutation ($id: ID!) {
            disableWebhookSubscription(id: $id) {
              id
            }
          }
        `,
        { id: dead.createWebhookSubscription.subscription.id },
      );
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
      await live.close();
    }
  });

  it('pauses an endpoint failing an hour, tells its owner and centre staff, and sends what waited once its owner resumes it', async () => {
    const { key } = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId: seller });
    const partner = t.client(key);
    const hooks = new Receiver();
    await hooks.start();
    hooks.fail = Number.MAX_SAFE_INTEGER;
    const MINE = gql`
      query {
        webhookSubscriptions(first: 20) {
          edges {
            node {
              id
              failingSince
              pausedAt
            }
          }
        }
      }
    `;
    type Mine = { webhookSubscriptions: { edges: { node: { id: string; failingSince: string | null; pausedAt: string | null } }[] } };
    try {
      const made = await partner.request<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(SUBSCRIBE, {
        input: { url: hooks.url, eventTypes: ['licence.registered'] },
      });
      hooks.secret = made.createWebhookSubscription.secret;
      const id = made.createWebhookSubscription.subscription.id;
      const mine = async () => (await partner.request<Mine>(MINE)).webhookSubscriptions.edges.find((e) => e.node.id === id)!.node;
      const first = `licence.registered:${await licence()}`;
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 50 }).toContain(first);
      await expect.poll(async () => (await mine()).failingSince, { timeout: 15_000, interval: 50 }).not.toBeNull();
      expect((await mine()).pausedAt).toBeNull();

      // Two hours on (the deliverer's clock): the retry fails too, and the subscription is paused.
      offset += 2 * HOUR;
      await expect.poll(async () => (await mine()).pausedAt, { timeout: 15_000, interval: 50 }).not.toBeNull();
      const told = async (client: GraphQLClient) =>
        (
          await client.request<{ inbox: { notifications: { edges: { node: { notification: { type: string; subject: string; data: { url: string } } } }[] } } }>(
            INBOX,
          )
        ).inbox.notifications.edges
          .map((e) => e.node.notification)
          .filter((n) => n.type === 'webhook.paused' && n.subject === `webhook_subscription:${id}`);
      await expect.poll(() => told(sellerKey), { timeout: 15_000, interval: 50 }).toHaveLength(1);
      expect((await told(staff))[0]!.data.url).toBe(hooks.url);
      expect(await told(buyerKey)).toEqual([]);

      // Nothing goes while it is paused; what arrives waits.
      const tries = hooks.received.length;
      const second = `licence.registered:${await licence()}`;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hooks.received).toHaveLength(tries);

      expect(await errorCode(buyerKey.request(RESUME, { id }))).toBe('NOT_FOUND');
      hooks.fail = 0;
      expect((await partner.request<{ resumeWebhookSubscription: unknown }>(RESUME, { id })).resumeWebhookSubscription).toEqual({
        id,
        pausedAt: null,
        failingSince: null,
      });
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 50 }).toEqual(expect.arrayContaining([first, second]));
    } finally {
      await hooks.close();
    }
  });

  it('rotates a signing secret: both sign while the old one overlaps, then the new one alone', async () => {
    const { key } = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId: seller });
    const partner = t.client(key);
    const hooks = new Receiver();
    await hooks.start();
    const ROTATE = gql`
      mutation ($id: ID!, $hours: Int) {
        rotateWebhookSecret(id: $id, overlapHours: $hours) {
          secret
          subscription {
            id
            previousSecretValidUntil
          }
        }
      }
    `;
    type Rotated = { rotateWebhookSecret: { secret: string; subscription: { previousSecretValidUntil: string | null } } };
    try {
      const made = await partner.request<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(SUBSCRIBE, {
        input: { url: hooks.url, eventTypes: ['licence.registered'] },
      });
      const id = made.createWebhookSubscription.subscription.id;
      const first = made.createWebhookSubscription.secret;
      // A week's overlap (the deliverer's clock runs days ahead in this file).
      const rotated = (await partner.request<Rotated>(ROTATE, { id, hours: 168 })).rotateWebhookSecret;
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(first);
      expect(rotated.subscription.previousSecretValidUntil).not.toBeNull();
      const during = `licence.registered:${await licence()}`;
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 50 }).toContain(during);
      const signed = hooks.received.find((r) => r.id === during)!;
      expect([signedWith(signed, first), signedWith(signed, rotated.secret)]).toEqual([true, true]);

      // No overlap: the new secret alone signs from now on.
      const again = (await partner.request<Rotated>(ROTATE, { id, hours: 0 })).rotateWebhookSecret;
      expect(again.subscription.previousSecretValidUntil).toBeNull();
      const after = `licence.registered:${await licence()}`;
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 50 }).toContain(after);
      const latest = hooks.received.find((r) => r.id === after)!;
      expect([signedWith(latest, rotated.secret), signedWith(latest, again.secret)]).toEqual([false, true]);
      // A test, asked for by its owner: to this subscription alone, whatever its eventTypes, signed with its secret.
      const { sendTestWebhook } = await partner.request<{ sendTestWebhook: string }>(
        gql`
          mutation ($id: ID!) {
            sendTestWebhook(id: $id)
          }
        `,
        { id },
      );
      await expect.poll(() => hooks.ids(), { timeout: 15_000, interval: 50 }).toContain(sendTestWebhook);
      const test = hooks.received.find((r) => r.id === sendTestWebhook)!;
      expect(test.body).toMatchObject({ type: 'webhook.test', data: { subject: `webhook_subscription:${id}`, url: hooks.url } });
      expect(signedWith(test, again.secret)).toBe(true);
      expect(sellerHooks.ids()).not.toContain(sendTestWebhook);
      // Another key may not rotate it; a bad overlap is refused.
      expect(await errorCode(buyerKey.request(ROTATE, { id }))).toBe('NOT_FOUND');
      expect(await errorExtensions(partner.request(ROTATE, { id, hours: 169 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'overlapHours' });
    } finally {
      await hooks.close();
    }
  });
});
