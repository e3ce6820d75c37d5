// The contract every NotificationStore adapter passes (run by contract.test.ts per adapter).
import { beforeEach, describe, expect, it } from 'vitest';

import type { Notification } from '../../../outbox/notification.js';
import type { Identity } from '../../../platform/identity.js';
import { openForEachTest, type StoreFixture } from '../../../test/support/adapters.js';
import { deliveryId, type DeliveryRecord, type InboxItem } from '../domain/model.js';
import { newSubscription, type Subscription } from '../domain/subscription.js';
import { type Claim, type NotificationStore, type PageKey } from './port.js';

const T = Date.parse('2026-03-02T08:00:00.000Z');
const SECOND = 1_000;
const LEASE = 60 * SECOND;
/** Leases one subscription may hold at once. */
const PER = 8;
const at = (ms: number): string => new Date(ms).toISOString();

const STAFF: Identity = { keyId: 'k-staff', role: 'CENTER_STAFF' };
const E1: Identity = { keyId: 'k-e1', role: 'ENTERPRISE', enterpriseId: 'E1' };
const E2: Identity = { keyId: 'k-e2', role: 'ENTERPRISE', enterpriseId: 'E2' };
const BANK: Identity = { keyId: 'k-bank', role: 'BANK', organization: '招商银行' };
const INSURER: Identity = { keyId: 'k-insurer', role: 'INSURER', organization: '招商银行' };

const note = (id: string, over: Partial<Notification> = {}): Notification => ({
  id,
  type: 'patent.annual_fee.warning',
  occurredAt: at(T),
  subject: 'patent:202310123456.7',
  audience: [{ kind: 'ENTERPRISE', id: 'E1' }],
  data: { dueDate: '2026-04-01', surchargePercent: 0, nested: { list: [1, 'two', null, true] } },
  ...over,
});

const subscribe = (owner: Identity, eventTypes: string[] = []): Subscription =>
  newSubscription(owner, { url: 'https://partner.example/hooks', eventTypes }, new Date(T));

/** Every page `page` gives, each after the last key of the one before. */
async function allPages<T>(page: (after: PageKey | undefined) => Promise<T[]>, keyOf: (t: T) => PageKey): Promise<T[][]> {
  const pages: T[][] = [];
  let after: PageKey | undefined;
  for (;;) {
    const got = await page(after);
    if (got.length === 0) return pages;
    pages.push(got);
    after = keyOf(got.at(-1)!);
  }
}

const itemKey = (i: InboxItem): PageKey => ({ occurredAt: i.notification.occurredAt, id: i.notification.id });
const ids = (cs: readonly Claim[]): string[] => cs.map((c) => c.delivery.id).sort();

export function notificationStoreContract(name: string, fixture: () => StoreFixture<NotificationStore>): void {
  describe(`NotificationStore contract: ${name}`, () => {
    const under = openForEachTest(fixture, (s) => s.close());
    let store: NotificationStore;
    beforeEach(() => {
      store = under();
    });

    /** The delivery of `n` to `s`, which must exist. */
    const deliveryOf = async (n: Notification, s: Subscription): Promise<DeliveryRecord> => {
      const d = await store.delivery(deliveryId(n.id, s.id));
      if (d === undefined) throw new Error(`no delivery of ${n.id} to ${s.id}`);
      return d;
    };

    describe('accept', () => {
      it('stores a notification once, every field as given; accepting its id again changes nothing', async () => {
        const sub = subscribe(E1);
        await store.createSubscription(sub);
        const n = note('n-1', { audience: [{ kind: 'ENTERPRISE', id: 'E1' }, { kind: 'CENTRE' }] });
        await store.accept([n]);
        expect(await store.notification('n-1')).toStrictEqual(n);
        expect(await store.notification('n-2')).toBeUndefined();

        await store.accept([{ ...n, subject: 'patent:other', audience: [{ kind: 'ENTERPRISE', id: 'E2' }] }]);
        expect(await store.notification('n-1')).toStrictEqual(n);
        expect(await store.unreadCount('enterprise:E1')).toBe(1);
        expect(await store.unreadCount('centre')).toBe(1);
        expect(await store.unreadCount('enterprise:E2')).toBe(0);
        expect(await store.inbox('enterprise:E1', undefined, 10)).toHaveLength(1);
        expect(await store.backlog()).toStrictEqual({ pending: 1, failed: 0 });
      });

      it('stores and fans out once when the same notification is accepted twice at once', async () => {
        await store.createSubscription(subscribe(STAFF));
        await store.createSubscription(subscribe(E1));
        const batch = [note('n-1'), note('n-2', { occurredAt: at(T + SECOND) })];
        await Promise.all([store.accept(batch), store.accept(batch), store.accept([batch[1]!])]);
        expect(await store.unreadCount('enterprise:E1')).toBe(2);
        expect(await store.inbox('enterprise:E1', undefined, 10)).toHaveLength(2);
        expect(await store.backlog()).toStrictEqual({ pending: 4, failed: 0 });
      });

      it('takes an id named twice in one call once, as first named', async () => {
        await store.accept([note('n-1'), note('n-1', { subject: 'patent:second' })]);
        expect((await store.notification('n-1'))?.subject).toBe('patent:202310123456.7');
        expect(await store.unreadCount('enterprise:E1')).toBe(1);
      });

      it('refuses a call with an invalid notification, storing none of it', async () => {
        await expect(store.accept([note('n-1'), note('n-2', { type: 'Case Moved' })])).rejects.toThrow(/n-2.*type/);
        await expect(store.accept([note('n-3', { occurredAt: '2026-03-02 08:00' })])).rejects.toThrow(/occurredAt/);
        await expect(store.accept([note('n-4', { data: { id: 'x' } })])).rejects.toThrow(/data may not hold id/);
        expect(await store.notification('n-1')).toBeUndefined();
        expect(await store.unreadCount('enterprise:E1')).toBe(0);
      });

      it("puts an item in each inbox the audience names, and no other's", async () => {
        await store.accept([
          note('n-1', {
            audience: [
              { kind: 'ENTERPRISE', id: 'E1' },
              { kind: 'ORGANIZATION', role: 'BANK', name: '招商银行' },
              { kind: 'CENTRE' },
              { kind: 'ENTERPRISE', id: 'E1' },
            ],
          }),
        ]);
        for (const recipient of ['enterprise:E1', 'org:BANK:招商银行', 'centre']) {
          expect((await store.inbox(recipient, undefined, 10)).map((i) => i.notification.id)).toEqual(['n-1']);
          expect(await store.unreadCount(recipient)).toBe(1);
        }
        for (const recipient of ['enterprise:E2', 'org:INSURER:招商银行', 'org:BANK:其他银行']) {
          expect(await store.inbox(recipient, undefined, 10)).toEqual([]);
          expect(await store.unreadCount(recipient)).toBe(0);
        }
      });

      it('makes a delivery for each active subscription the role rule and its event types let receive it', async () => {
        const staffAll = subscribe(STAFF);
        const staffCases = subscribe(STAFF, ['case.*']);
        const e1 = subscribe(E1, ['patent.*']);
        const e1Exact = subscribe(E1, ['patent.annual_fee.warning']);
        const e1Pledges = subscribe(E1, ['pledge.registered']);
        const e2 = subscribe(E2);
        const bank = subscribe(BANK);
        const insurerSameName = subscribe(INSURER);
        const bankDisabled = subscribe(BANK);
        for (const s of [staffAll, staffCases, e1, e1Exact, e1Pledges, e2, bank, insurerSameName, bankDisabled]) await store.createSubscription(s);
        expect(await store.disableSubscription(bankDisabled.id, at(T))).toBe(true);

        const n = note('n-1', {
          audience: [
            { kind: 'ENTERPRISE', id: 'E1' },
            { kind: 'ORGANIZATION', role: 'BANK', name: '招商银行' },
          ],
        });
        const receiving = [staffAll, e1, e1Exact, bank].map((s) => s.id).sort();
        expect((await store.subscriptionsFor(n)).map((s) => s.id).sort()).toEqual(receiving);
        await store.accept([n]);
        expect((await store.deliveries('PENDING', undefined, 100)).map((d) => d.subscriptionId).sort()).toEqual(receiving);
        expect(await deliveryOf(n, bank)).toStrictEqual({
          id: deliveryId(n.id, bank.id),
          notificationId: n.id,
          subscriptionId: bank.id,
          occurredAt: n.occurredAt,
          state: 'PENDING',
          attempts: 0,
          firstAttemptAt: null,
          lastAttemptAt: null,
          lastError: null,
          nextAttemptAt: T,
          leasedUntil: null,
          deliveredAt: null,
        });
        expect(await store.delivery(deliveryId(n.id, e2.id))).toBeUndefined();
      });

      it('sends a notification with no audience to staff subscriptions only', async () => {
        const staff = subscribe(STAFF);
        await store.createSubscription(staff);
        await store.createSubscription(subscribe(E1));
        await store.accept([note('n-1', { audience: [] })]);
        expect((await store.deliveries('PENDING', undefined, 10)).map((d) => d.subscriptionId)).toEqual([staff.id]);
      });
    });

    describe('subscriptions', () => {
      it('gives a subscription back by id, every field as stored', async () => {
        const s = subscribe(BANK, ['pledge.*', 'licence.registered']);
        await store.createSubscription(s);
        await store.createSubscription(subscribe(STAFF));
        expect(await store.subscription(s.id)).toStrictEqual(s);
        expect(await store.subscription('none')).toBeUndefined();
        await expect(store.createSubscription({ ...s, url: 'https://other.example/' })).rejects.toThrow();
      });

      it("caps an owner's active subscriptions exactly: disabled ones and others' do not count, concurrent creations cannot pass it", async () => {
        for (const s of Array.from({ length: 3 }, () => subscribe(E1))) expect(await store.createSubscription(s, 3)).toBe(true);
        const extra = subscribe(E1);
        expect(await store.createSubscription(extra, 3)).toBe(false);
        expect(await store.subscription(extra.id)).toBeUndefined();
        expect(await store.createSubscription(subscribe(E2), 3)).toBe(true);
        const [first] = await store.subscriptionsOf('k-e1', undefined, 1);
        await store.disableSubscription(first!.id, new Date(T).toISOString());
        const racing = await Promise.all(Array.from({ length: 5 }, () => store.createSubscription(subscribe(E1), 3)));
        expect(racing.filter(Boolean)).toHaveLength(1);
        expect((await store.subscriptionsOf('k-e1', undefined, 50)).filter((s) => s.disabledAt === null)).toHaveLength(3);
      });

      it("names the owners of active subscriptions once each, and disables all of one owner's at once", async () => {
        const staff = subscribe(STAFF);
        for (const s of [subscribe(E1), subscribe(E1), subscribe(E2), staff]) await store.createSubscription(s);
        const gone = subscribe(BANK);
        await store.createSubscription(gone);
        await store.disableSubscription(gone.id, new Date(T).toISOString());
        expect(await store.activeSubscriptionOwners()).toEqual([E1.keyId, E2.keyId, STAFF.keyId].sort());
        expect(await store.disableSubscriptionsOf(E1.keyId, new Date(T).toISOString())).toBe(2);
        expect(await store.disableSubscriptionsOf(E1.keyId, new Date(T).toISOString())).toBe(0);
        expect(await store.activeSubscriptionOwners()).toEqual([E2.keyId, STAFF.keyId].sort());
        // A notification to E1 fans out to the centre's subscription alone, none of E1's.
        await store.accept([note('n-owners', { audience: [{ kind: 'ENTERPRISE', id: 'E1' }] })]);
        expect((await store.deliveries('PENDING', undefined, 10)).map((d) => d.subscriptionId)).toEqual([staff.id]);
      });

      it("pages an owner's subscriptions by id, and no one else's", async () => {
        const mine = Array.from({ length: 5 }, () => subscribe(E1));
        for (const s of [...mine, subscribe(E2), subscribe({ ...E1, keyId: 'k-e1-other' })]) await store.createSubscription(s);
        const pages: Subscription[][] = [];
        for (let after: string | undefined; ;) {
          const page = await store.subscriptionsOf('k-e1', after, 2);
          if (page.length === 0) break;
          pages.push(page);
          after = page.at(-1)!.id;
        }
        expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
        expect(pages.flat()).toStrictEqual([...mine].sort((a, b) => (a.id < b.id ? -1 : 1)));
        expect(await store.subscriptionsOf('k-e1', undefined, 0)).toEqual([]);
        expect(await store.subscriptionsOf('k-none', undefined, 10)).toEqual([]);
        expect(await store.subscriptionCount('k-e1')).toBe(5);
        expect(await store.subscriptionCount('k-none')).toBe(0);
      });

      it('disables a subscription once; a disabled one gets no new deliveries', async () => {
        const s = subscribe(E1);
        await store.createSubscription(s);
        expect(await store.disableSubscription(s.id, at(T + SECOND))).toBe(true);
        expect(await store.disableSubscription(s.id, at(T + 2 * SECOND))).toBe(false);
        expect(await store.disableSubscription('none', at(T))).toBe(false);
        expect((await store.subscription(s.id))?.disabledAt).toBe(at(T + SECOND));
        await store.accept([note('n-1')]);
        expect(await store.subscriptionsFor(note('n-1'))).toEqual([]);
        expect(await store.backlog()).toStrictEqual({ pending: 0, failed: 0 });
      });
    });

    describe('inbox', () => {
      it("pages a recipient's items newest first, ties by id, with their read state", async () => {
        const ns = [
          note('n-b', { occurredAt: at(T) }),
          note('n-a', { occurredAt: at(T) }),
          note('n-c', { occurredAt: at(T + SECOND) }),
          note('n-d', { occurredAt: at(T - SECOND) }),
          note('n-e', { occurredAt: at(T) }),
          note('n-x', { audience: [{ kind: 'ENTERPRISE', id: 'E2' }] }),
        ];
        await store.accept(ns);
        expect(await store.markRead('enterprise:E1', ['n-a'])).toBe(1);
        const pages = await allPages((after) => store.inbox('enterprise:E1', after, 2), itemKey);
        expect(await store.inboxCount('enterprise:E1')).toBe(5);
        expect(await store.inboxCount('enterprise:E9')).toBe(0);
        expect(pages.map((p) => p.map((i) => [i.notification.id, i.read]))).toEqual([
          [
            ['n-c', false],
            ['n-a', true],
          ],
          [
            ['n-b', false],
            ['n-e', false],
          ],
          [['n-d', false]],
        ]);
        expect(pages[0]![0]!.notification).toStrictEqual(ns[2]);
        expect(await store.inbox('enterprise:E1', undefined, 0)).toEqual([]);
      });

      it("keeps the unread count exact: marking an item read twice, or another's, changes nothing", async () => {
        await store.accept(['n-1', 'n-2', 'n-3'].map((id) => note(id)));
        await store.accept([note('n-9', { audience: [{ kind: 'ENTERPRISE', id: 'E2' }] })]);
        expect(await store.unreadCount('enterprise:E1')).toBe(3);

        expect(await store.markRead('enterprise:E1', ['n-1', 'n-1', 'n-unknown', 'n-9'])).toBe(1);
        expect(await store.unreadCount('enterprise:E1')).toBe(2);
        expect(await store.unreadCount('enterprise:E2')).toBe(1);
        expect(await store.markRead('enterprise:E1', ['n-1'])).toBe(0);
        expect(await store.markRead('enterprise:E1', [])).toBe(0);
        expect(await store.unreadCount('enterprise:E1')).toBe(2);

        const [a, b] = await Promise.all([store.markRead('enterprise:E1', ['n-2']), store.markRead('enterprise:E1', ['n-2'])]);
        expect(a + b).toBe(1);
        expect(await store.unreadCount('enterprise:E1')).toBe(1);

        expect(await store.markAllRead('enterprise:E1')).toBe(1);
        expect(await store.markAllRead('enterprise:E1')).toBe(0);
        expect(await store.unreadCount('enterprise:E1')).toBe(0);
        expect((await store.inbox('enterprise:E1', undefined, 10)).every((i) => i.read)).toBe(true);
        expect(await store.unreadCount('enterprise:E2')).toBe(1);

        await store.accept([note('n-4')]);
        expect(await store.unreadCount('enterprise:E1')).toBe(1);
      });
    });

    describe('deliveries', () => {
      /** `count` notifications for one E1 subscription, due a second apart from T. */
      const pending = async (count: number): Promise<{ s: Subscription; ns: Notification[] }> => {
        const s = subscribe(E1);
        await store.createSubscription(s);
        const ns = Array.from({ length: count }, (_, i) => note(`n-${i}`, { occurredAt: at(T + i * SECOND) }));
        await store.accept(ns);
        return { s, ns };
      };

      it('leases due deliveries, the longest due first, each to one claim, with what sending needs', async () => {
        const { s, ns } = await pending(3);
        await store.accept([note('n-later', { occurredAt: at(T + 3_600 * SECOND) })]);
        const now = T + 10 * SECOND;

        const first = await store.claimDue(now, 2, LEASE, PER);
        expect(first.map((c) => c.notification.id)).toEqual(['n-0', 'n-1']);
        expect(first[0]!.notification).toStrictEqual(ns[0]);
        expect(first[0]!.subscription).toStrictEqual(s);
        expect(first[0]!.delivery).toMatchObject({ state: 'PENDING', attempts: 1, firstAttemptAt: now, leasedUntil: now + LEASE, lastAttemptAt: null });

        const second = await store.claimDue(now, 10, LEASE, PER);
        expect(second.map((c) => c.notification.id)).toEqual(['n-2']);
        expect(await store.claimDue(now + LEASE - 1, 10, LEASE, PER)).toEqual([]);
        expect(await store.claimDue(now, 0, LEASE, PER)).toEqual([]);
      });

      it('gives concurrent claims disjoint deliveries', async () => {
        await pending(7);
        const claims = await Promise.all(Array.from({ length: 4 }, () => store.claimDue(T + 10 * SECOND, 2, LEASE, PER)));
        const all = claims.flatMap(ids);
        expect(all).toHaveLength(7);
        expect(new Set(all).size).toBe(7);
      });

      it('claims a delivery again once its lease has expired (its deliverer died), counting the attempt', async () => {
        const { ns } = await pending(1);
        const [claim] = await store.claimDue(T, 1, LEASE, PER);
        expect(claim?.delivery.attempts).toBe(1);
        expect(await store.claimDue(T + LEASE - 1, 1, LEASE, PER)).toEqual([]);
        const [again] = await store.claimDue(T + LEASE, 1, LEASE, PER);
        expect(again?.notification.id).toBe(ns[0]!.id);
        expect(again?.delivery).toMatchObject({ attempts: 2, firstAttemptAt: T, leasedUntil: T + 2 * LEASE });
        // The first deliverer's late outcome is not the latest try's: it changes nothing.
        expect(await store.recordFailure(claim!.delivery.id, 1, T + LEASE + 1, 'HTTP 500', T + LEASE + 5 * SECOND)).toBe(false);
        expect((await store.delivery(claim!.delivery.id))?.leasedUntil).toBe(T + 2 * LEASE);
      });

      it('records a failure to retry: due again at the time given, unleased, the error kept', async () => {
        const { s, ns } = await pending(1);
        const [claim] = await store.claimDue(T, 1, LEASE, PER);
        const id = claim!.delivery.id;
        expect(await store.recordFailure(id, 1, T + 2 * SECOND, 'HTTP 500', T + 7 * SECOND)).toBe(true);
        expect(await deliveryOf(ns[0]!, s)).toMatchObject({
          state: 'PENDING',
          attempts: 1,
          firstAttemptAt: T,
          lastAttemptAt: T + 2 * SECOND,
          lastError: 'HTTP 500',
          nextAttemptAt: T + 7 * SECOND,
          leasedUntil: null,
        });
        expect(await store.claimDue(T + 7 * SECOND - 1, 1, LEASE, PER)).toEqual([]);
        const [retry] = await store.claimDue(T + 7 * SECOND, 1, LEASE, PER);
        expect(retry?.delivery).toMatchObject({ attempts: 2, firstAttemptAt: T });
      });

      it('records a success once, for good: DELIVERED, never claimed again, later outcomes ignored', async () => {
        const { s, ns } = await pending(1);
        const [claim] = await store.claimDue(T, 1, LEASE, PER);
        const id = claim!.delivery.id;
        expect(await store.recordSuccess(id, T + SECOND)).toBe(true);
        expect(await store.recordSuccess(id, T + 2 * SECOND)).toBe(false);
        expect(await store.recordFailure(id, 1, T + 2 * SECOND, 'HTTP 500', null)).toBe(false);
        expect(await store.resend(id, T + 2 * SECOND)).toBe(false);
        expect(await deliveryOf(ns[0]!, s)).toMatchObject({
          state: 'DELIVERED',
          attempts: 1,
          deliveredAt: T + SECOND,
          lastAttemptAt: T + SECOND,
          lastError: null,
          nextAttemptAt: null,
          leasedUntil: null,
        });
        expect(await store.claimDue(T + 365 * 86_400 * SECOND, 10, LEASE, PER)).toEqual([]);
        expect(await store.recordSuccess('none', T)).toBe(false);
      });

      it('gives up on a failure with no next attempt (FAILED), and resends it with a whole schedule', async () => {
        const { s, ns } = await pending(1);
        const [claim] = await store.claimDue(T, 1, LEASE, PER);
        const id = claim!.delivery.id;
        expect(await store.resend(id, T)).toBe(false);
        expect(await store.recordFailure(id, 1, T + SECOND, 'connection refused', null)).toBe(true);
        expect(await deliveryOf(ns[0]!, s)).toMatchObject({ state: 'FAILED', nextAttemptAt: null, leasedUntil: null, lastError: 'connection refused' });
        expect(await store.backlog()).toStrictEqual({ pending: 0, failed: 1 });
        expect(await store.claimDue(T + 365 * 86_400 * SECOND, 10, LEASE, PER)).toEqual([]);

        expect(await store.resend(id, T + 100 * SECOND)).toBe(true);
        expect(await store.resend(id, T + 100 * SECOND)).toBe(false);
        expect(await store.resend('none', T)).toBe(false);
        expect(await deliveryOf(ns[0]!, s)).toMatchObject({
          state: 'PENDING',
          attempts: 0,
          firstAttemptAt: null,
          nextAttemptAt: T + 100 * SECOND,
          lastError: 'connection refused',
        });
        expect(await store.backlog()).toStrictEqual({ pending: 1, failed: 0 });
        const [again] = await store.claimDue(T + 100 * SECOND, 1, LEASE, PER);
        expect(again?.delivery).toMatchObject({ attempts: 1, firstAttemptAt: T + 100 * SECOND });
      });

      it('shares a claim round robin between subscriptions, the longest waiting first, each held to its limit', async () => {
        // A (E1's) has a long backlog, due first; B (staff's) two later ones.
        const a = subscribe(E1);
        const b = subscribe(STAFF, ['case.moved']);
        await store.createSubscription(a);
        await store.createSubscription(b);
        await store.accept(Array.from({ length: 6 }, (_, i) => note(`a-${i}`, { occurredAt: at(T + i * SECOND) })));
        await store.accept([0, 1].map((i) => note(`b-${i}`, { type: 'case.moved', occurredAt: at(T + (10 + i) * SECOND) })));
        const now = T + 20 * SECOND;
        const to = (cs: readonly Claim[]): string[] => cs.map((c) => `${c.subscription.id === a.id ? 'A' : 'B'}:${c.notification.id}`);

        // A takes B's case moves too (its owner is their audience, it takes every type): eight to B's two.
        const first = await store.claimDue(now, 4, LEASE, 3);
        expect(to(first)).toEqual(['A:a-0', 'B:b-0', 'A:a-1', 'B:b-1']);
        // Three each at most, those held counted: A's third, then nothing while they are held.
        expect(to(await store.claimDue(now, 10, LEASE, 3))).toEqual(['A:a-2']);
        expect(await store.claimDue(now, 10, LEASE, 3)).toEqual([]);
        // A send ending frees its slot: the next of that subscription, oldest first.
        expect(await store.recordSuccess(first[0]!.delivery.id, now)).toBe(true);
        expect(to(await store.claimDue(now, 10, LEASE, 3))).toEqual(['A:a-3']);
      });

      it('gives a failing subscription one lease at a time until it answers, and tells when it began failing', async () => {
        const { s } = await pending(5);
        const [c1, c2] = await store.claimDue(T + 10 * SECOND, 2, LEASE, PER);
        expect(await store.recordFailure(c1!.delivery.id, 1, T + 11 * SECOND, 'HTTP 503', T + 11 * SECOND)).toBe(true);
        expect(await store.subscription(s.id)).toMatchObject({ failingSince: at(T + 11 * SECOND), pausedAt: null });
        // Failing, holding one already (c2): nothing more.
        expect(await store.claimDue(T + 12 * SECOND, 10, LEASE, PER)).toEqual([]);
        expect(await store.recordFailure(c2!.delivery.id, 1, T + 12 * SECOND, 'HTTP 503', T + 12 * SECOND)).toBe(true);
        // A later failure keeps when the spell began.
        expect((await store.subscription(s.id))!.failingSince).toBe(at(T + 11 * SECOND));
        const [c3, ...none] = await store.claimDue(T + 13 * SECOND, 10, LEASE, PER);
        expect(none).toEqual([]);
        expect(await store.recordSuccess(c3!.delivery.id, T + 14 * SECOND)).toBe(true);
        expect((await store.subscription(s.id))!.failingSince).toBeNull();
        expect(await store.claimDue(T + 15 * SECOND, 10, LEASE, PER)).toHaveLength(4);
      });

      it('claims nothing of a paused subscription until it is resumed, and resumes it failing no more', async () => {
        const { s } = await pending(2);
        const [c] = await store.claimDue(T + 10 * SECOND, 1, LEASE, PER);
        expect(await store.recordFailure(c!.delivery.id, 1, T + 11 * SECOND, 'HTTP 503', T + 11 * SECOND)).toBe(true);
        expect(await store.pauseSubscription(s.id, at(T + 12 * SECOND))).toBe(true);
        expect(await store.pauseSubscription(s.id, at(T + 13 * SECOND))).toBe(false);
        expect(await store.pauseSubscription('none', at(T))).toBe(false);
        expect(await store.subscription(s.id)).toMatchObject({ pausedAt: at(T + 12 * SECOND), failingSince: at(T + 11 * SECOND) });
        expect(await store.claimDue(T + 100 * SECOND, 10, LEASE, PER)).toEqual([]);
        // Still pending: nothing is lost while it is paused.
        expect(await store.backlog()).toStrictEqual({ pending: 2, failed: 0 });

        expect(await store.resumeSubscription(s.id)).toBe(true);
        expect(await store.resumeSubscription(s.id)).toBe(false);
        expect(await store.subscription(s.id)).toMatchObject({ pausedAt: null, failingSince: null });
        expect(await store.claimDue(T + 100 * SECOND, 10, LEASE, PER)).toHaveLength(2);

        // A disabled subscription is neither paused nor resumed; its deliveries are claimed (to be failed) whatever the limit.
        const d = subscribe(E2);
        await store.createSubscription(d);
        await store.accept([0, 1, 2].map((i) => note(`d-${i}`, { audience: [{ kind: 'ENTERPRISE', id: 'E2' }], occurredAt: at(T + 200 * SECOND) })));
        expect(await store.disableSubscription(s.id, at(T + 201 * SECOND))).toBe(true);
        expect(await store.disableSubscription(d.id, at(T + 201 * SECOND))).toBe(true);
        expect(await store.pauseSubscription(d.id, at(T + 202 * SECOND))).toBe(false);
        // s's two, their leases run out, and d's three; s's waited longest.
        expect((await store.claimDue(T + 300 * SECOND, 10, LEASE, 1)).map((c) => c.subscription.id)).toEqual([s.id, d.id, s.id, d.id, d.id]);
      });

      it("rotates a subscription's secret, keeping the one it had, sealed as it is, until a time", async () => {
        const s = subscribe(E1);
        await store.createSubscription(s);
        expect(await store.rotateSecret(s.id, 'whsec_new', at(T + 3_600 * SECOND))).toBe(true);
        expect(await store.subscription(s.id)).toMatchObject({ secret: 'whsec_new', previousSecret: s.secret, previousSecretUntil: at(T + 3_600 * SECOND) });
        expect(await store.rotateSecret(s.id, 'whsec_newer', at(T))).toBe(true);
        expect(await store.subscription(s.id)).toMatchObject({ secret: 'whsec_newer', previousSecret: 'whsec_new', previousSecretUntil: at(T) });
        expect(await store.disableSubscription(s.id, at(T))).toBe(true);
        expect(await store.rotateSecret(s.id, 'whsec_x', at(T))).toBe(false);
        expect(await store.rotateSecret('none', 'whsec_x', at(T))).toBe(false);
        expect((await store.subscription(s.id))!.secret).toBe('whsec_newer');
      });

      it('accepts a test for one subscription alone: one delivery, no inbox item, whatever its types', async () => {
        const s = subscribe(E1, ['case.moved']);
        const staffs = subscribe(STAFF);
        await store.createSubscription(s);
        await store.createSubscription(staffs);
        const test = note('webhook.test:1', { type: 'webhook.test', audience: [{ kind: 'ENTERPRISE', id: 'E1' }] });
        expect(await store.acceptFor(test, s.id)).toBe(true);
        expect(await store.acceptFor(test, s.id)).toBe(true);
        expect(await deliveryOf(test, s)).toMatchObject({ state: 'PENDING', attempts: 0 });
        expect(await store.delivery(deliveryId(test.id, staffs.id))).toBeUndefined();
        expect(await store.inbox('enterprise:E1', undefined, 10)).toEqual([]);
        expect(await store.acceptFor(note('webhook.test:2', { type: 'webhook.test' }), 'none')).toBe(false);
        expect(await store.disableSubscription(s.id, at(T))).toBe(true);
        expect(await store.acceptFor(note('webhook.test:3', { type: 'webhook.test' }), s.id)).toBe(false);
        expect(await store.notification('webhook.test:3')).toBeUndefined();
      });

      it('pages the deliveries in a state newest first, ties by id', async () => {
        const s = subscribe(STAFF);
        await store.createSubscription(s);
        const ns = Array.from({ length: 7 }, (_, i) => note(`n-${i}`, { occurredAt: at(T + Math.floor(i / 2) * SECOND) }));
        await store.accept(ns);
        // Due by T + 2 s: the first six.
        for (const c of await store.claimDue(T + 2 * SECOND, 10, LEASE, PER)) {
          expect(await store.recordFailure(c.delivery.id, 1, T + 11 * SECOND, 'HTTP 503', null)).toBe(true);
        }
        const failed = await allPages(
          (after) => store.deliveries('FAILED', after, 2),
          (d) => d,
        );
        expect(failed.map((p) => p.length)).toEqual([2, 2, 2]);
        const expected = ns
          .slice(0, 6)
          .map((n) => ({ occurredAt: n.occurredAt, id: deliveryId(n.id, s.id) }))
          .sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt > b.occurredAt ? -1 : 1));
        expect(failed.flat().map((d) => d.id)).toEqual(expected.map((d) => d.id));
        expect((await store.deliveries('PENDING', undefined, 10)).map((d) => d.notificationId).sort()).toEqual(['n-6']);
        expect(await store.deliveries('DELIVERED', undefined, 10)).toEqual([]);
        expect(await store.deliveries('FAILED', undefined, 0)).toEqual([]);
        expect(await store.backlog()).toStrictEqual({ pending: 1, failed: 6 });
        expect([await store.deliveryCount('FAILED'), await store.deliveryCount('PENDING'), await store.deliveryCount('DELIVERED')]).toEqual([6, 1, 0]);
        expect(await store.deliveryCount('FAILED', s.id)).toBe(6);
        expect(await store.deliveryCount('FAILED', 'no-such-subscription')).toBe(0);
        // One subscription's own, in the same order: another's are not among them.
        const other = subscribe(E1);
        await store.createSubscription(other);
        await store.accept([note('n-other', { occurredAt: at(T) })]);
        const own = await allPages(
          (after) => store.deliveriesOf(s.id, 'FAILED', after, 4),
          (d) => d,
        );
        expect(own.flat().map((d) => d.id)).toEqual(expected.map((d) => d.id));
        expect((await store.deliveriesOf(other.id, 'PENDING', undefined, 10)).map((d) => d.notificationId)).toEqual(['n-other']);
        expect(await store.deliveriesOf(other.id, 'FAILED', undefined, 10)).toEqual([]);
      });
    });
  });
}
