// Making a record whose creation is anchored on the ledger (a deposit, a data asset), retryable
// with an idempotency key (platform/idempotency.ts). The entry is appended first, under the
// record's subject, and the record stored after it: a retry with the key finds the record, or,
// when the first attempt died between the two (LEDGER_UNAVAILABLE with outcome UNKNOWN, a crash),
// the entry, and stores the record from it. Either way one entry, one record.
import { randomUUID } from 'node:crypto';

import type { AppendInput, Ledger, Receipt } from '../../ledger/index.js';
import { differing, idempotentId, keyReused, OneAtATime } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { appendOrFail } from './ledger-append.js';

export interface AnchoredCreation<R> {
  /** The mutation's name: a key is the caller's for one mutation. */
  readonly mutation: string;
  /** What is made, for messages: "deposit". */
  readonly what: string;
  readonly key: string | undefined;
  /** The entry to append, but for its subject. */
  readonly entry: Omit<AppendInput, 'subject'>;
  readonly subject: (id: string) => string;
  /** The record stored under `id`, if any. */
  stored(id: string): Promise<R | undefined>;
  /** The record the entry's receipt makes. */
  build(id: string, receipt: Receipt): R;
  insert(record: R): Promise<void>;
  /** What a retry must give alike, as the record holds it. */
  readonly given: Partial<R>;
}

// One attempt per id at a time in this process: a retry sent while the first runs waits for it.
const attempts = new OneAtATime();

export async function createAnchored<R extends object>(ledger: Ledger, caller: Identity, c: AnchoredCreation<R>): Promise<R> {
  const { key } = c;
  /** What the key made, or IDEMPOTENCY_KEY_REUSED when it was made from other input. */
  const same = (made: R): R => {
    const differs = differing(made, c.given);
    if (key !== undefined && differs.length > 0) throw keyReused(key, c.what, differs);
    return made;
  };
  /** Stores the record; when an attempt in another process stored it first, answers with that one. */
  const store = async (record: R, id: string): Promise<R> => {
    try {
      await c.insert(record);
      return record;
    } catch (err) {
      const first = key === undefined ? undefined : await c.stored(id);
      if (first === undefined) throw err;
      return same(first);
    }
  };
  const make = async (id: string): Promise<R> => {
    const receipt = await appendOrFail(ledger, { ...c.entry, subject: c.subject(id) }, c.what, key);
    return store(c.build(id, receipt), id);
  };
  if (key === undefined) return make(randomUUID());
  const id = idempotentId(caller.keyId, c.mutation, key);
  return attempts.run(id, async () => {
    const made = await c.stored(id);
    if (made !== undefined) return same(made);
    // The first attempt's entry, appended before it could store the record.
    const entry = (await ledger.findByContentDigest(c.entry.contentDigest)).find((e) => e.subject === c.subject(id));
    if (entry === undefined) return make(id);
    // Found by its content digest: what else the first attempt was given is on the entry.
    const differs = [...(entry.depositor === c.entry.depositor ? [] : ['depositor']), ...differing(entry.metadata, c.entry.metadata ?? {})];
    if (differs.length > 0) throw keyReused(key, c.what, differs);
    return store(c.build(id, { seq: entry.seq, entryHash: entry.entryHash, timestamp: entry.timestamp }), id);
  });
}
