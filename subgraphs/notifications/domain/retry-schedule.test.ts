// The retry schedule: doubling waits from 5 s, an hour at most, ±20 %, given up after 24 hours.
import { describe, expect, it } from 'vitest';

import { GIVE_UP_AFTER_MS, nextAttemptAt, waitAfter } from './retry-schedule.js';

const HOUR = 3_600_000;
const middle = () => 0.5;

describe('the retry schedule', () => {
  it('waits 5 s after the first failure, doubling, then an hour between tries', () => {
    expect([1, 2, 3, 4, 10, 11, 12, 30, 1_000].map(waitAfter)).toEqual([5_000, 10_000, 20_000, 40_000, 2_560_000, HOUR, HOUR, HOUR, HOUR]);
  });

  it('spreads each wait by up to 20 % either way', () => {
    expect(nextAttemptAt(3, 0, 100_000, () => 0)).toBe(100_000 + 16_000);
    expect(nextAttemptAt(3, 0, 100_000, middle)).toBe(100_000 + 20_000);
    expect(nextAttemptAt(3, 0, 100_000, () => 0.999_999)).toBe(100_000 + 24_000);
  });

  it('gives up when the next try would fall more than 24 hours after the first', () => {
    const first = 1_000_000;
    expect(nextAttemptAt(20, first, first + GIVE_UP_AFTER_MS - HOUR, middle)).toBe(first + GIVE_UP_AFTER_MS);
    expect(nextAttemptAt(20, first, first + GIVE_UP_AFTER_MS - HOUR + 1, middle)).toBeNull();
    expect(nextAttemptAt(1, first, first + GIVE_UP_AFTER_MS, middle)).toBeNull();
  });

  it('gives up after about 32 tries of a receiver that always fails', () => {
    const first = 0;
    const tries = [first];
    for (let next = nextAttemptAt(1, first, first, middle); next !== null; next = nextAttemptAt(tries.length, first, tries.at(-1)!, middle)) tries.push(next);
    // 5 s doubling for 10 waits (85 minutes in all), then 22 waits of an hour.
    expect(tries).toHaveLength(33);
    expect(tries.at(-1)! - first).toBeLessThanOrEqual(GIVE_UP_AFTER_MS);
  });
});
