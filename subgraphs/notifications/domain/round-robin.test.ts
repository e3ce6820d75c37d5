import { describe, expect, it } from 'vitest';

import { roundRobin } from './round-robin.js';

describe('roundRobin', () => {
  it('takes one from each queue a round, in the queues’ order, up to the limit', () => {
    expect(roundRobin([['a1', 'a2', 'a3', 'a4'], ['b1'], [], ['c1', 'c2']], 10)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3', 'a4']);
    expect(
      roundRobin(
        [
          ['a1', 'a2', 'a3'],
          ['b1', 'b2'],
        ],
        3,
      ),
    ).toEqual(['a1', 'b1', 'a2']);
  });

  it('takes nothing from no queues, empty queues or a limit of 0', () => {
    expect(roundRobin([], 5)).toEqual([]);
    expect(roundRobin([[], []], 5)).toEqual([]);
    expect(roundRobin([['a']], 0)).toEqual([]);
  });
});
