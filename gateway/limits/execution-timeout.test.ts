// The execution timeout's own timer, on a fake clock: the end-to-end tests fire theirs by hand.
import { afterEach, describe, expect, it, vi } from 'vitest';

import { realTimer } from './execution-timeout.js';

describe("the execution timeout's timer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once its time has passed, and never once cancelled', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fired = vi.fn();
    realTimer(fired, 300);
    vi.advanceTimersByTime(299);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
    const cancelled = vi.fn();
    realTimer(cancelled, 300)();
    vi.advanceTimersByTime(1_000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
