// Creating mutations a partner can retry. A caller's idempotency key fixes the id of what the
// mutation makes (the same for the same caller, mutation and key, and for nothing else), so a
// retry finds what the first attempt made, in the store or, when the first attempt died between
// the ledger and the store, on the ledger under that id, instead of making another. The same key
// with other input is refused. Ids last as long as what they name: a key is kept for good.
import { createHash } from 'node:crypto';

import type { GraphQLError } from 'graphql';

import { badInput, failure } from './errors.js';

const MAX_KEY = 200;

/** The key a caller gave, checked (1 to 200 characters, no control characters); undefined for none. */
export function idempotencyKey(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0 || value.length > MAX_KEY || /[\u0000-\u001f\u007f]/.test(value))
    throw badInput(`idempotencyKey is 1 to ${MAX_KEY} characters without control characters, e.g. a UUID the caller made`, 'idempotencyKey');
  return value;
}

/** The id `mutation` makes for `caller` (a key id or account) with `key`: a UUID (RFC 9562, version 8) of SHA-256. */
export function idempotentId(caller: string, mutation: string, key: string): string {
  const b = createHash('sha256')
    .update(JSON.stringify(['iphub idempotency', caller, mutation, key]))
    .digest()
    .subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** IDEMPOTENCY_KEY_REUSED, naming what differs: the key made a `what` from other input. */
export function keyReused(key: string, what: string, differs: readonly string[]): GraphQLError {
  return failure(
    'IDEMPOTENCY_KEY_REUSED',
    `idempotencyKey ${JSON.stringify(key)} was used for a ${what} with another ${differs.join(' and ')}; a new ${what} needs a new key`,
    { field: 'idempotencyKey', differs: [...differs] },
  );
}

/** The fields of `given` whose value is not the one `made` has. */
export function differing<T extends object>(made: T, given: Partial<T>): string[] {
  return (Object.keys(given) as (keyof T & string)[]).filter((k) => JSON.stringify(made[k]) !== JSON.stringify(given[k]));
}

/**
 * Runs `work` for one key at a time in this process: a retry sent while the first attempt still
 * runs waits for it, and then finds what it made.
 */
export class OneAtATime {
  readonly #running = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#running.get(key);
    const mine = (async () => {
      await before?.catch(() => undefined);
      return work();
    })();
    this.#running.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.#running.get(key) === mine) this.#running.delete(key);
    }
  }
}
