// MongoDB helpers shared by the stores' adapters (platform/sqlite.ts is SQLite's): the concerns
// every collection is opened with, the client's bounds, transactions, DataLoader batches, keyset
// pages, and what a driver error means (a duplicate key; the database out of reach).
import type {
  ClientSession,
  Collection,
  CollectionOptions,
  Db,
  Document,
  Filter,
  FindOptions,
  MongoClient,
  MongoClientOptions,
  TransactionOptions,
  WithId,
} from 'mongodb';
import {
  MongoBulkWriteError,
  MongoDriverError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoWriteConcernError,
  ReadConcern,
  ReadPreference,
  WriteConcern,
} from 'mongodb';

import { failure } from './errors.js';
import type { ChangeKey, ListRead } from './pagination.js';

/** How long a majority write, or a transaction's commit, waits for a majority to confirm it. */
/** How a part opens its store on a Db: every MongoDB adapter but the ledger's (a library of its own) takes these. */
export interface MongoStoreOptions {
  /** Prepended to the collection names, e.g. to isolate test runs. */
  readonly collectionPrefix?: string;
}

export const WRITE_TIMEOUT_MS = 10_000;

/**
 * The client's bounds where the connection string sets none: finding a server, opening a
 * connection, waiting for a free one. No socketTimeoutMS: an index build at start or a long read
 * may rightly take longer. (Driver 6 ignores timeoutMS, the client-side operation timeout.)
 */
export const CLIENT_TIMEOUTS = { serverSelectionTimeoutMS: 10_000, connectTimeoutMS: 10_000, waitQueueTimeoutMS: 10_000 } as const;

/** CLIENT_TIMEOUTS less those the connection string sets: an option passed to MongoClient would win over the string's. */
export function mongoClientOptions(url: string): MongoClientOptions {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const given = new Set([...new URLSearchParams(query).keys()].map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(CLIENT_TIMEOUTS).filter(([name]) => !given.has(name.toLowerCase())));
}

/**
 * Why a server cannot hold the hub, from its `hello` reply; undefined when it can. Transactions
 * need a replica set member (setName) or a mongos (msg 'isdbgrid'): a standalone mongod takes
 * every plain read and write but refuses every transaction.
 */
export function topologyProblem(hello: Document): string | undefined {
  if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') return undefined;
  const found = hello.isreplicaset === true ? 'a mongod started with --replSet whose replica set is not initiated' : 'a standalone mongod';
  const needed =
    hello.isreplicaset === true
      ? 'run rs.initiate() on it'
      : 'start mongod with --replSet <name> and run rs.initiate(), or point IPHUB_MONGODB_URL at a mongos';
  return `IPHUB_MONGODB_URL reaches ${found}; the hub needs a replica set or a sharded cluster for its transactions: ${needed}`;
}

// Acknowledged once journaled on a majority (it survives the loss of the primary), or an error
// after WRITE_TIMEOUT_MS, when the write may still take effect.
const DURABLE = new WriteConcern('majority', WRITE_TIMEOUT_MS, true);

// Majority reads from the primary: a read after an acknowledged write sees it, and no read
// returns what a failover could roll back.
export const COLLECTION_OPTIONS: CollectionOptions = {
  writeConcern: DURABLE,
  readConcern: new ReadConcern('majority'),
  readPreference: ReadPreference.PRIMARY,
};

// One snapshot for the reads within. maxCommitTimeMS bounds the commit's wait for a majority: the
// driver would otherwise retry a commit whose write concern timed out for up to two minutes.
const TRANSACTION_OPTIONS: TransactionOptions = {
  readConcern: new ReadConcern('snapshot'),
  writeConcern: DURABLE,
  readPreference: ReadPreference.PRIMARY,
  maxCommitTimeMS: WRITE_TIMEOUT_MS,
};

/** Runs `work` in a transaction, re-run from the top on transient errors (write conflicts). */
export async function inTransaction<T>(client: MongoClient, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = client.startSession();
  try {
    return await session.withTransaction(work, TRANSACTION_OPTIONS);
  } finally {
    await session.endSession();
  }
}

const NAMESPACE_EXISTS = 48;

/** Creates those of the collections that do not exist: a transaction then never creates one. */
export async function createCollections(db: Db, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await db.createCollection(name).catch((err: unknown) => {
      if (!(err instanceof MongoServerError && err.code === NAMESPACE_EXISTS)) throw err;
    });
  }
}

export const distinct = (keys: readonly string[]): string[] => [...new Set(keys)];

/** The month, YYYY-MM, of an ISO 8601 instant held in `field`, in `timeZone`: an aggregation expression. */
export const monthInZone = (field: string, timeZone: string): Document => ({
  $dateToString: { format: '%Y-%m', date: { $dateFromString: { dateString: `$${field}` } }, timezone: timeZone },
});

/**
 * As platform/sqlite.ts monthCountsInZone: when the counters in `counters` were counted in another
 * zone than `zone` (UTC before there was one; nothing for a new database), `recount(session)`
 * replaces them from the rows in one transaction, and the zone is noted. Run as a store opens; a
 * deposit counted by another process during the recount may be missed, so a deployment changes its
 * zone with its writers stopped (docs/mongodb.md).
 */
export async function monthCountsInZone(
  db: Db,
  prefix: string,
  counters: string,
  zone: string,
  recount: (session: ClientSession) => Promise<void>,
): Promise<void> {
  // One small collection per counters, so that no part touches another's.
  const zones = db.collection<{ _id: string; zone: string }>(`${prefix}${counters}_zone`, COLLECTION_OPTIONS);
  if ((await zones.findOne({ _id: 'zone' }))?.zone === zone) return;
  await createCollections(db, [zones.collectionName]);
  await inTransaction(db.client, async (session) => {
    await recount(session);
    await zones.updateOne({ _id: 'zone' }, { $set: { zone } }, { upsert: true, session });
  });
}

/** One result per id asked, in that order, undefined where none: a DataLoader batch by _id. */
export async function findByIds<D extends { _id: string }, R>(
  collection: Collection<D>,
  ids: readonly string[],
  map: (d: WithId<D>) => R,
  options: FindOptions = {},
): Promise<(R | undefined)[]> {
  if (ids.length === 0) return [];
  const docs = await collection.find({ _id: { $in: distinct(ids) } } as Filter<D>, options).toArray();
  const byId = new Map(docs.map((d) => [d._id as string, map(d)]));
  return ids.map((id) => byId.get(id));
}

/**
 * The documents under each key asked, in that order and in the documents' own ([] where none): a
 * DataLoader batch by `path`. As in MongoDB's own match, the path runs through arrays, and a
 * document is under each of its values there.
 */
export async function findGrouped<D extends Document, R>(
  collection: Collection<D>,
  path: string,
  keys: readonly string[],
  map: (d: WithId<D>) => R,
  options: FindOptions = {},
): Promise<R[][]> {
  if (keys.length === 0) return [];
  const docs = await collection.find({ [path]: { $in: distinct(keys) } } as Filter<D>, options).toArray();
  const steps = path.split('.');
  const under = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const d of docs) {
    const r = map(d);
    for (const k of new Set(valuesAt(d, steps))) if (typeof k === 'string') under.get(k)?.push(r);
  }
  return keys.map((k) => under.get(k)!);
}

function valuesAt(value: unknown, steps: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, steps));
  if (steps.length === 0) return [value];
  return value !== null && typeof value === 'object' ? valuesAt((value as Record<string, unknown>)[steps[0]!], steps.slice(1)) : [];
}

/**
 * Up to `limit` documents matching `filter` with an _id after `after`, by _id. A limit of 0 is
 * none and a negative one no limit, as SQLite's LIMIT (limit(0) is no limit to MongoDB).
 */
export async function keysetPage<D extends { _id: string }>(
  collection: Collection<D>,
  filter: Filter<D>,
  after: string | undefined,
  limit: number,
  options: FindOptions = {},
): Promise<WithId<D>[]> {
  if (limit === 0) return [];
  const query = after === undefined ? filter : ({ ...filter, _id: { $gt: after } } as Filter<D>);
  return collection.find(query, { ...options, sort: { _id: 1 }, ...(limit > 0 ? { limit } : {}) }).toArray();
}

/**
 * Up to `limit` documents matching `filter` changed at `since` or later, after the change key
 * `after`, in change order (updatedAt, then _id): pagesByChange of platform/sqlite.ts.
 */
export async function changePage<D extends { _id: string; updatedAt: string }>(
  collection: Collection<D>,
  filter: Filter<D>,
  since: string,
  after: ChangeKey | undefined,
  limit: number,
  options: FindOptions = {},
): Promise<WithId<D>[]> {
  if (limit <= 0) return [];
  const changed: Filter<D>[] = [{ updatedAt: { $gte: since } } as Filter<D>];
  if (after !== undefined) {
    changed.push({ $or: [{ updatedAt: { $gt: after.updatedAt } }, { updatedAt: after.updatedAt, _id: { $gt: after.id } }] } as Filter<D>);
  }
  return collection.find({ $and: [filter, ...changed] } as Filter<D>, { ...options, sort: { updatedAt: 1, _id: 1 }, limit }).toArray();
}

/** `filter`, narrowed to documents changed at `since` or later when given: what a count by change counts. */
export const changedSince = <D extends { updatedAt: string }>(filter: Filter<D>, since: string | undefined): Filter<D> =>
  since === undefined ? filter : ({ $and: [filter, { updatedAt: { $gte: since } }] } as Filter<D>);

/** A page of a collection that can be synced, in the order read asks: keysetPage or changePage. */
export const listPage = <D extends { _id: string; updatedAt: string }>(
  collection: Collection<D>,
  filter: Filter<D>,
  read: ListRead,
  limit: number,
  options: FindOptions = {},
): Promise<WithId<D>[]> =>
  read.order === 'ID' ? keysetPage(collection, filter, read.after, limit, options) : changePage(collection, filter, read.since, read.after, limit, options);

/** A keyset page (keysetPage) of each owner's documents, `path` naming the owner: each distinct owner read once, all at once. */
export async function keysetPages<D extends { _id: string }, R>(
  collection: Collection<D>,
  path: string,
  owners: readonly string[],
  after: string | undefined,
  limit: number,
  map: (d: WithId<D>) => R,
  options: FindOptions = {},
): Promise<R[][]> {
  const unique = distinct(owners);
  const pages = await Promise.all(unique.map((owner) => keysetPage(collection, { [path]: owner } as Filter<D>, after, Math.max(limit, 0), options)));
  const by = new Map(unique.map((owner, i) => [owner, pages[i]!.map(map)]));
  return owners.map((owner) => by.get(owner)!);
}

const DUPLICATE_KEY = 11000;

export interface DuplicateKey {
  /** `database.collection`, from the server's message. */
  readonly namespace: string | undefined;
  /** The unique index's name, from the server's message. */
  readonly index: string | undefined;
  /** Where the server gives them: the driver drops them from insertMany's and bulkWrite's errors. */
  readonly keyPattern: Document | undefined;
  readonly keyValue: Document | undefined;
}

const DUPLICATE_MESSAGE = /collection: (\S+) index: (\S+) dup key/;

/** What a duplicate-key error (E11000) collided on; undefined for any other error. */
export function duplicateKeyOf(err: unknown): DuplicateKey | undefined {
  if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) return undefined;
  const named = DUPLICATE_MESSAGE.exec(err.message);
  const doc = (v: unknown): Document | undefined => (v !== null && typeof v === 'object' ? (v as Document) : undefined);
  return { namespace: named?.[1], index: named?.[2], keyPattern: doc(err.keyPattern), keyValue: doc(err.keyValue) };
}

/**
 * Whether `err` is a duplicate key on the unique index `index` ({ name, key pattern }) of
 * `collection`. The namespace and the name come from the message (the only place an insertMany's
 * error gives them); a key pattern, where given, must be the index's too. An error that does not
 * say is not one: _id has the same pattern in every collection.
 */
export function isDuplicateKeyOn(err: unknown, collection: { readonly namespace: string }, index: { readonly name: string; readonly key: Document }): boolean {
  const dup = duplicateKeyOf(err);
  if (dup === undefined || dup.namespace !== collection.namespace || dup.index !== index.name) return false;
  return dup.keyPattern === undefined || JSON.stringify(dup.keyPattern) === JSON.stringify(index.key);
}

/** Why the database could not serve a request, by what the driver threw. */
export type Unavailability = 'UNREACHABLE' | 'CONNECTION_LOST' | 'BUSY' | 'TIMED_OUT' | 'WRITE_NOT_CONFIRMED';

const MAX_TIME_MS_EXPIRED = 50;
const EXCEEDED_TIME_LIMIT = 262;

/**
 * Timeouts, server selection, lost connections and write-concern failures: the database out of
 * reach or too slow, not a fault in the request. Undefined for any other error.
 */
export function unavailability(err: unknown): Unavailability | undefined {
  if (err instanceof MongoServerSelectionError) return 'UNREACHABLE';
  // A dropped or timed-out socket, and a connection pool cleared under the operation.
  if (err instanceof MongoNetworkError) return 'CONNECTION_LOST';
  // The driver does not export the class of a connection checkout that timed out.
  if (err instanceof MongoDriverError && err.name === 'MongoWaitQueueTimeoutError') return 'BUSY';
  if (err instanceof MongoOperationTimeoutError) return 'TIMED_OUT';
  if (err instanceof MongoWriteConcernError) return 'WRITE_NOT_CONFIRMED';
  // insertMany and bulkWrite carry a write-concern error as `err` (set only when no write failed).
  if (err instanceof MongoBulkWriteError && err.err !== undefined) return 'WRITE_NOT_CONFIRMED';
  if (err instanceof MongoServerError) {
    if (err.writeConcernError !== undefined) return 'WRITE_NOT_CONFIRMED';
    if (err.code === MAX_TIME_MS_EXPIRED || err.code === EXCEEDED_TIME_LIMIT) return 'TIMED_OUT';
  }
  return undefined;
}

const CHECK_FIRST = 'if this was a change, check whether it took effect before you try again';
const UNAVAILABLE_MESSAGES: Record<Unavailability, string> = {
  UNREACHABLE: 'the database could not be reached in time (no primary answered); try again shortly, and tell the hub operators if it persists',
  CONNECTION_LOST: `the connection to the database failed during the request; ${CHECK_FIRST}`,
  BUSY: 'the database had no connection free in time; try again shortly',
  TIMED_OUT: `the database did not answer in time; ${CHECK_FIRST}`,
  WRITE_NOT_CONFIRMED: `a majority of the database's replica set did not confirm the change within ${WRITE_TIMEOUT_MS / 1000} s; it may still take effect: check before you try again`,
};

/** An UNAVAILABLE GraphQL error for an error that means the database is out of reach; others as they are. */
function asUnavailable(err: unknown): unknown {
  const reason = unavailability(err);
  return reason === undefined ? err : failure('UNAVAILABLE', UNAVAILABLE_MESSAGES[reason], { reason }, err as Error);
}

/**
 * The store with every method (in nested repositories too) turning an error that means the
 * database is out of reach into UNAVAILABLE: the one place a subgraph's store errors meet GraphQL
 * whatever resolver, DataLoader or readiness check called it.
 */
export function reportingUnavailable<S extends object>(store: S): S {
  const wrap = (value: unknown, owner: object): unknown => {
    if (typeof value === 'function') {
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(owner, args);
        } catch (err) {
          throw asUnavailable(err);
        }
      };
    }
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrap(v, value)]));
    }
    return value;
  };
  return wrap(store, store) as S;
}
