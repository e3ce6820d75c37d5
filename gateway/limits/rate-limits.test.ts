// The rate-limit counters' contract, on every store available here: in memory always, MongoDB
// when IPHUB_MONGODB_URL points at a replica set (reported as skipped otherwise). The window's
// end comes from a settable clock.
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DEFAULT_LIMITS } from './limits.js';
import { FailureLimit, memoryRateStore, mongoRateStore, RateLimits, type RateStore } from './rate-limits.js';

const limits = { ...DEFAULT_LIMITS.rate, windowSeconds: 60, authFailures: 2 };

/** `shared`: whether counters are shared by every process using the store (MongoDB), or belong to one (memory). */
function rateLimitsContract(name: string, shared: boolean, open: () => Promise<{ store: RateStore; cleanup(): Promise<void> }>) {
  describe(`rate limits contract: ${name}`, () => {
    let fx: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      fx = await open();
    });
    afterEach(async () => {
      vi.useRealTimers();
      await fx.cleanup();
    });

    it('allows a subject its points in a window, then says when to come back', async () => {
      const rate = new RateLimits(limits, fx.store);
      const subject = { key: `key:a${Date.now()}`, points: 10 };
      expect(await rate.spent(subject)).toBeUndefined();
      expect(await rate.charge(subject, 6)).toBeUndefined();
      expect(await rate.charge(subject, 4)).toBeUndefined();
      const spent = await rate.spent(subject);
      expect(spent?.retryAfter).toBeGreaterThan(0);
      expect(spent?.retryAfter).toBeLessThanOrEqual(60);
      expect(await rate.charge(subject, 1)).toMatchObject({ windowSeconds: 60 });
      // Another subject, or the same key with a larger budget of its own, is not spent.
      expect(await rate.spent({ key: `key:b${Date.now()}`, points: 10 })).toBeUndefined();
      expect(await rate.spent({ ...subject, points: 100 })).toBeUndefined();
      vi.setSystemTime(Date.now() + spent!.retryAfter * 1000);
      expect(await rate.spent(subject)).toBeUndefined();
      expect(await rate.charge(subject, 10)).toBeUndefined();
    });

    it('charges at least one point, rounding up', async () => {
      const rate = new RateLimits(limits, fx.store);
      const subject = { key: `address:c${Date.now()}`, points: 2 };
      expect(await rate.charge(subject, 0)).toBeUndefined();
      expect(await rate.charge(subject, 0.2)).toBeUndefined();
      expect(await rate.spent(subject)).toBeDefined();
    });

    it('blocks an address after its failed authentications, until the window ends', async () => {
      const rate = new RateLimits(limits, fx.store);
      const address = `127.0.0.${Date.now() % 200}`;
      await rate.authFailed(address);
      expect(await rate.authBlocked(address)).toBeUndefined();
      await rate.authFailed(address);
      expect((await rate.authBlocked(address))?.retryAfter).toBeGreaterThan(0);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await rate.authBlocked(address)).toBeUndefined();
    });

    it('counts failures per key until a success forgets them', async () => {
      const failures = new FailureLimit(fx.store, 'test-failures', 900, 2);
      const key = `user${Date.now()}`;
      await failures.failed(key);
      expect(await failures.blocked(key)).toBeUndefined();
      await failures.reset(key);
      await failures.failed(key);
      expect(await failures.blocked(key)).toBeUndefined();
      await failures.failed(key);
      const blocked = await failures.blocked(key);
      expect(blocked?.windowSeconds).toBe(900);
      expect(blocked?.retryAfter).toBeGreaterThan(0);
      expect(blocked?.retryAfter).toBeLessThanOrEqual(900);
      expect(await failures.blocked(`other${key}`)).toBeUndefined();
      vi.setSystemTime(Date.now() + 901_000);
      expect(await failures.blocked(key)).toBeUndefined();
    });

    it(shared ? 'shares one budget between gateway processes' : 'keeps its counters to one process', async () => {
      const one = new RateLimits(limits, fx.store);
      const two = new RateLimits(limits, fx.store);
      const subject = { key: `key:shared${Date.now()}`, points: 10 };
      expect(await one.charge(subject, 7)).toBeUndefined();
      expect((await two.charge(subject, 7)) !== undefined).toBe(shared);
      expect((await one.spent(subject)) !== undefined).toBe(shared);
    });
  });
}

rateLimitsContract('memory', false, async () => ({ store: memoryRateStore, cleanup: async () => {} }));

const url = process.env.IPHUB_MONGODB_URL;
if (url === undefined || url === '') {
  describe('rate limits contract: mongodb', () => {
    it.skip('skipped: set IPHUB_MONGODB_URL to a MongoDB replica set to run it', () => {});
  });
  console.log('rate limits contract: mongodb skipped (IPHUB_MONGODB_URL is not set)');
} else {
  rateLimitsContract('mongodb', true, async () => {
    const client = await new MongoClient(url).connect();
    const prefix = `rate_${process.pid}_${Date.now()}_`;
    return {
      store: mongoRateStore(client, prefix),
      cleanup: async () => {
        await client
          .db()
          .dropCollection(`${prefix}gateway_rate_limits`)
          .catch(() => undefined);
        await client.close();
      },
    };
  });
}
