// Idempotency keys: the id a key fixes, the keys taken, and one attempt per key at a time.
import { describe, expect, it } from 'vitest';

import { differing, idempotencyKey, idempotentId, OneAtATime } from './idempotency.js';

describe('idempotency keys', () => {
  it('fix one id per caller, mutation and key: a UUID of version 8 (RFC 9562)', () => {
    const id = idempotentId('k-1', 'depositEvidence', 'abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentId('k-1', 'depositEvidence', 'abc')).toBe(id);
    for (const other of [
      idempotentId('k-2', 'depositEvidence', 'abc'),
      idempotentId('k-1', 'registerDataAsset', 'abc'),
      idempotentId('k-1', 'depositEvidence', 'abd'),
    ])
      expect(other).not.toBe(id);
    // The parts are not run together: ("k-1", "x", "y") is not ("k-1x", "", "y").
    expect(idempotentId('k-1', 'x', 'y')).not.toBe(idempotentId('k-1x', '', 'y'));
  });

  it('take 1 to 200 characters without control characters, none at all', () => {
    expect(idempotencyKey(undefined)).toBeUndefined();
    expect(idempotencyKey(null)).toBeUndefined();
    expect(idempotencyKey('6f1c…')).toBe('6f1c…');
    for (const bad of ['', 'x'.repeat(201), 'a\nb', 'a\u0000'])
      expect(() => idempotencyKey(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' }) }),
      );
  });

  it('name the fields given that differ from what was made', () => {
    expect(differing({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1] })).toEqual(['b']);
    expect(differing({ a: 1, b: 'x' }, {})).toEqual([]);
  });

  it('run one attempt per key at a time, in the order asked, others alongside', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
      return name;
    };
    const done = await Promise.all([queue.run('k', step('a', 20)), queue.run('k', step('b', 1)), queue.run('other', step('c', 1))]);
    expect(done).toEqual(['a', 'b', 'c']);
    expect(log.indexOf('b start')).toBeGreaterThan(log.indexOf('a end'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
    // A failed attempt does not stop the next.
    await expect(queue.run('k', () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await queue.run('k', async () => 'after')).toBe('after');
  });
});
