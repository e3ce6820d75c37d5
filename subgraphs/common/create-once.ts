// Creating mutations made retryable with an idempotency key (platform/idempotency.ts): the key
// fixes the id of what is made, so a retry finds what the first attempt made and answers with it
// (or IDEMPOTENCY_KEY_REUSED when the input differs), before any check the first attempt's success
// would now fail (an asset "already pledged" by it). For a record anchored on the ledger (a
// deposit, a data asset), the entry is appended first under the record's subject and the record
// stored after it: a first attempt that died between the two (LEDGER_UNAVAILABLE with outcome
// UNKNOWN, a crash) left the entry, and the retry stores the record from it. One entry, one record.
import { randomUUID } from 'node:crypto';

import type { AppendInput, Ledger, Receipt } from '../../ledger/index.js';
import { conflict } from '../../platform/errors.js';
import { differing, idempotentId, keyReused, OneAtATime } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { appendOrFail } from './ledger-append.js';

export interface Creation<R> {
  /** The mutation's name: a key is the caller's for one mutation. */
  readonly mutation: string;
  /** What is made, for messages: "deposit". */
  readonly what: string;
  readonly key: string | undefined;
  /** The record stored under `id`, if any. */
  stored(id: string): Promise<R | undefined>;
  /** Checks and makes the record under `id`, refusing as the mutation refuses. */
  create(id: string): Promise<R>;
  /** What a retry must give alike, as the record holds it. */
  readonly given: Partial<R>;
}

/** What an input's `idempotencyKey` says, for a mutation making a `what`. */
export const idempotencyKeyHelp = (what: string): string =>
  `A key of the caller's making (a UUID), 1 to 200 characters: sent again with the same input, the first ${what} is the answer, made once; with other input, IDEMPOTENCY_KEY_REUSED`;

// One attempt per id at a time in this process: a retry sent while the first runs waits for it.
const attempts = new OneAtATime();

/** What `c` makes; with a key, once: a retry answers with the first attempt's record. */
export async function createOnce<R extends object>(caller: Identity, c: Creation<R>): Promise<R> {
  const { key } = c;
  if (key === undefined) return c.create(randomUUID());
  const same = (made: R): R => {
    const differs = differing(made, c.given);
    if (differs.length > 0) throw keyReused(key, c.what, differs);
    return made;
  };
  const id = idempotentId(caller.keyId, c.mutation, key);
  return attempts.run(id, async () => {
    const made = await c.stored(id);
    if (made !== undefined) return same(made);
    try {
      return await c.create(id);
    } catch (err) {
      // An attempt in another process stored it first: its record is the answer.
      const first = await c.stored(id);
      if (first === undefined) throw err;
      return same(first);
    }
  });
}

export interface AnchoredCreation<R> extends Omit<Creation<R>, 'create'> {
  /** The entry to append, but for its subject. */
  readonly entry: Omit<AppendInput, 'subject'>;
  readonly subject: (id: string) => string;
  /** The record the entry's receipt makes. */
  build(id: string, receipt: Receipt): R;
  insert(record: R): Promise<void>;
}

/** A record anchored on the ledger, made once per key: a first attempt's orphaned entry is completed, not appended again. */
export function createAnchored<R extends object>(ledger: Ledger, caller: Identity, c: AnchoredCreation<R>): Promise<R> {
  return createOnce(caller, {
    ...c,
    create: async (id) => {
      // The first attempt's entry, appended before it could store the record: found by its content digest and subject.
      const orphan = c.key === undefined ? undefined : (await ledger.findByContentDigest(c.entry.contentDigest)).find((e) => e.subject === c.subject(id));
      if (orphan !== undefined) {
        const differs = [...(orphan.depositor === c.entry.depositor ? [] : ['depositor']), ...differing(orphan.metadata, c.entry.metadata ?? {})];
        if (differs.length > 0) throw keyReused(c.key!, c.what, differs);
      }
      const receipt = orphan ?? (await appendOrFail(ledger, { ...c.entry, subject: c.subject(id) }, c.what, c.key));
      const record = c.build(id, { seq: receipt.seq, entryHash: receipt.entryHash, timestamp: receipt.timestamp });
      await c.insert(record);
      return record;
    },
  });
}

/**
 * A record whose own number is its key (a credit code, an application or registration number),
 * inserted once: a retry of the same input after its first attempt timed out finds the record that
 * attempt made and answers with it; other input under the same number is CONFLICT naming what
 * differs. So these registrations are idempotent by their number, with or without a key.
 */
export async function insertOnce<R extends object>(c: {
  readonly what: string;
  insert(): Promise<R>;
  isDuplicate(err: unknown): boolean;
  stored(): Promise<R | undefined>;
  /** What a retry must give alike, as the record holds it. */
  readonly given: Partial<R>;
  /** The field naming the record's owner, where callers other than its owner may register: another's record is not described. */
  readonly owner?: keyof R;
}): Promise<R> {
  try {
    return await c.insert();
  } catch (err) {
    if (!c.isDuplicate(err)) throw err;
    const first = await c.stored();
    if (first === undefined) throw err;
    return registeredAlike(c.what, first, c.given, c.owner);
  }
}

/**
 * The record registered already under a number, when `given` asks for it alike (a retry); else
 * CONFLICT naming what differs, unless it is another owner's (`owner` differs): then only that it
 * exists, so that a caller cannot learn another's record field by field.
 */
export function registeredAlike<R extends object>(what: string, first: R, given: Partial<R>, owner?: keyof R): R {
  const differs = differing(first, given);
  if (differs.length === 0) return first;
  if (owner !== undefined && differs.includes(owner as string)) throw conflict(`${what} is registered already`);
  throw conflict(`${what} is registered already, with other ${differs.join(', ')}`);
}
