// Rate limits with rate-limiter-flexible: each caller (a partner key, a person's account, or an
// anonymous client's address) has a budget of cost points per window, and each address a budget
// of failed authentications (people's sign-ins have their own: gateway/sessions/sign-in-limits.ts).
// Counters live in memory on the embedded default and in MongoDB in distributed mode, so that
// several gateway processes share one budget.
import type { MongoClient } from 'mongodb';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';

import type { RateLimitState } from '../../platform/identity.js';
import type { Limits } from './limits.js';

/** Who is charged, and how many points per window they have. */
export interface RateSubject {
  /** `key:<key id>`, `account:<account id>` or `address:<client address>`. */
  readonly key: string;
  readonly points: number;
}

export interface RateLimited {
  /** Seconds until the caller's window ends (Retry-After). */
  readonly retryAfter: number;
  readonly windowSeconds: number;
}

/** The counter's backing store: a limiter over a window, with a key prefix. */
export type RateStore = (options: { keyPrefix: string; duration: number }) => RateLimiterAbstract;

// Counters never refuse by themselves: each caller's budget is compared here, so that one
// counter serves keys with budgets of their own.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export const memoryRateStore: RateStore = ({ keyPrefix, duration }) => new RateLimiterMemory({ keyPrefix, duration, points: UNBOUNDED });

/** Counters in `<db>.gateway_rate_limits`, shared by every gateway process; in memory while MongoDB does not answer. */
export function mongoRateStore(client: MongoClient, collectionPrefix = ''): RateStore {
  return ({ keyPrefix, duration }) =>
    new RateLimiterMongo({
      storeClient: client,
      dbName: client.db().databaseName,
      tableName: `${collectionPrefix}gateway_rate_limits`,
      keyPrefix,
      duration,
      points: UNBOUNDED,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, duration, points: UNBOUNDED }),
    });
}

/**
 * Limited once `consumed` reaches `threshold` (a budget of N allows N points, and is spent at
 * N) within a window that has not ended: a store may still hold an ended window's count.
 */
function over(res: RateLimiterRes | null, threshold: number, windowSeconds: number): RateLimited | undefined {
  if (res === null || res.msBeforeNext <= 0 || res.consumedPoints < threshold) return undefined;
  return { retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), windowSeconds };
}

/** Failures of some kind counted per key: `allowed` of them per window, then blocked until it ends. */
export class FailureLimit {
  readonly #counter: RateLimiterAbstract;

  constructor(
    store: RateStore,
    keyPrefix: string,
    private readonly windowSeconds: number,
    private readonly allowed: number,
  ) {
    this.#counter = store({ keyPrefix, duration: windowSeconds });
  }

  async blocked(key: string): Promise<RateLimited | undefined> {
    return over(await this.#counter.get(key), this.allowed, this.windowSeconds);
  }

  async failed(key: string): Promise<void> {
    await this.#counter.penalty(key, 1);
  }

  /** Forgets the key's failures (a success). */
  async reset(key: string): Promise<void> {
    await this.#counter.delete(key);
  }

  /**
   * Counts an attempt as a failure before it is made, so that attempts at once cannot all pass
   * the check: blocked (and not counted) when the window's failures are used up already. An
   * attempt that did not fail gives its count back (release).
   */
  async charge(key: string): Promise<RateLimited | undefined> {
    const res = await this.#counter.penalty(key, 1);
    if (res.consumedPoints <= this.allowed) return undefined;
    await this.#counter.reward(key, 1);
    return { retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), windowSeconds: this.windowSeconds };
  }

  async release(key: string): Promise<void> {
    await this.#counter.reward(key, 1);
  }
}

export class RateLimits {
  readonly #cost: RateLimiterAbstract;
  readonly #auth: FailureLimit;

  constructor(
    private readonly limits: Limits['rate'],
    store: RateStore,
  ) {
    this.#cost = store({ keyPrefix: 'cost', duration: limits.windowSeconds });
    this.#auth = new FailureLimit(store, 'auth', limits.windowSeconds, limits.authFailures);
  }

  /** Whether the subject has spent its window's points; charges nothing. */
  async spent(subject: RateSubject): Promise<RateLimited | undefined> {
    return this.#over(await this.#cost.get(subject.key), subject.points);
  }

  /** Charges `points` (at least 1); says so when that takes the subject over its budget. */
  async charge(subject: RateSubject, points: number): Promise<RateLimited | undefined> {
    return (await this.chargeAndTell(subject, points)).limited;
  }

  /** charge, and the budget left once charged. */
  async chargeAndTell(subject: RateSubject, points: number, now = Date.now()): Promise<{ limited: RateLimited | undefined; budget: RateLimitState }> {
    const res = await this.#cost.penalty(subject.key, Math.max(1, Math.ceil(points)));
    return { limited: this.#over(res, subject.points + 1), budget: this.#state(res, subject, now) };
  }

  /** The subject's budget as it stands; charges nothing. */
  async budget(subject: RateSubject, now = Date.now()): Promise<RateLimitState> {
    return this.#state(await this.#cost.get(subject.key), subject, now);
  }

  #state(res: RateLimiterRes | null, subject: RateSubject, now: number): RateLimitState {
    // No count, or a count whose window has ended: the whole budget, for a window from now.
    const live = res !== null && res.msBeforeNext > 0;
    const consumed = live ? res.consumedPoints : 0;
    const resetIn = live ? res.msBeforeNext : this.limits.windowSeconds * 1000;
    return { limit: subject.points, remaining: Math.max(0, subject.points - consumed), resetAt: new Date(now + resetIn).toISOString() };
  }

  /** Charges a refused operation: a refusal is no free probe, it costs as a large operation would. */
  async chargeRefusal(subject: RateSubject): Promise<void> {
    await this.charge(subject, this.limits.refusalPoints);
  }

  /** Whether the address has failed to authenticate too often in this window. */
  async authBlocked(address: string): Promise<RateLimited | undefined> {
    return this.#auth.blocked(address);
  }

  async authFailed(address: string): Promise<void> {
    await this.#auth.failed(address);
  }

  #over(res: RateLimiterRes | null, threshold: number): RateLimited | undefined {
    return over(res, threshold, this.limits.windowSeconds);
  }
}
