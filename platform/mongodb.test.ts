// The MongoDB helpers without a server: hello replies, driver errors and collections stood in for.
import { createRequire } from 'node:module';

import { GraphQLError } from 'graphql';
import {
  type Collection,
  MongoBulkWriteError,
  MongoDriverError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoWriteConcernError,
  type WriteConcernError as WriteConcernErrorType,
} from 'mongodb';
import { describe, expect, it } from 'vitest';

import {
  CLIENT_TIMEOUTS,
  duplicateKeyOf,
  findByIds,
  findGrouped,
  isDuplicateKeyOn,
  keysetPage,
  mongoClientOptions,
  reportingUnavailable,
  topologyProblem,
  unavailability,
} from './mongodb.js';

describe('topologyProblem', () => {
  it('accepts a replica set member and a mongos', () => {
    expect(topologyProblem({ isWritablePrimary: true, setName: 'rs0', hosts: ['db1:27017', 'db2:27017', 'db3:27017'], ok: 1 })).toBeUndefined();
    expect(topologyProblem({ isWritablePrimary: true, msg: 'isdbgrid', ok: 1 })).toBeUndefined();
  });

  it('refuses a standalone mongod, saying what was found and what is needed', () => {
    const problem = topologyProblem({ isWritablePrimary: true, maxWireVersion: 21, ok: 1 });
    expect(problem).toContain('a standalone mongod');
    expect(problem).toContain('replica set or a sharded cluster');
    expect(problem).toContain('start mongod with --replSet');
  });

  it('refuses a replica set member not yet initiated, asking for rs.initiate()', () => {
    const problem = topologyProblem({
      isWritablePrimary: false,
      secondary: false,
      isreplicaset: true,
      info: 'Does not have a valid replica set config',
      ok: 1,
    });
    expect(problem).toContain('not initiated');
    expect(problem).toContain('run rs.initiate()');
  });
});

describe('mongoClientOptions', () => {
  it('bounds the client where the connection string does not', () => {
    expect(mongoClientOptions('mongodb://db1,db2,db3/iphub?replicaSet=rs0')).toEqual(CLIENT_TIMEOUTS);
    expect(mongoClientOptions('mongodb://localhost/iphub')).toEqual(CLIENT_TIMEOUTS);
  });

  it('leaves a bound the connection string sets to it, whatever its case', () => {
    const options = mongoClientOptions('mongodb+srv://u:p@cluster0.example.net/iphub?serverSelectionTimeoutMS=30000&connecttimeoutms=5000');
    expect(options).toEqual({ waitQueueTimeoutMS: CLIENT_TIMEOUTS.waitQueueTimeoutMS });
  });
});

const wtimeout = { code: 64, codeName: 'WriteConcernTimeout', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } };
// The driver exports the class of a bulk write's write-concern error as a type only.
const { WriteConcernError } = createRequire(import.meta.url)('mongodb/lib/bulk/common.js') as { WriteConcernError: new (e: object) => WriteConcernErrorType };
// The result is not looked at.
const bulkResult = () => ({}) as never;
class WaitQueueTimeout extends MongoDriverError {
  override get name(): string {
    return 'MongoWaitQueueTimeoutError';
  }
}

describe('unavailability', () => {
  it('names server selection, lost connections, a full pool and timeouts', () => {
    expect(unavailability(new MongoServerSelectionError('Server selection timed out after 10000 ms', {} as never))).toBe('UNREACHABLE');
    expect(unavailability(new MongoNetworkTimeoutError('connection 4 to 10.0.0.7:27017 timed out'))).toBe('CONNECTION_LOST');
    expect(unavailability(new MongoNetworkError('connection 5 to 10.0.0.7:27017 closed'))).toBe('CONNECTION_LOST');
    expect(unavailability(new WaitQueueTimeout('Timed out while checking out a connection from connection pool'))).toBe('BUSY');
    expect(unavailability(new MongoOperationTimeoutError('Timed out during server selection'))).toBe('TIMED_OUT');
    expect(unavailability(new MongoServerError({ ok: 0, code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' }))).toBe('TIMED_OUT');
  });

  it('names a write a majority did not confirm in time, from insertOne, insertMany and a commit', () => {
    expect(unavailability(new MongoWriteConcernError({ ok: 1, n: 1, writeConcernError: wtimeout } as never))).toBe('WRITE_NOT_CONFIRMED');
    expect(unavailability(new MongoBulkWriteError(new WriteConcernError(wtimeout), bulkResult()))).toBe('WRITE_NOT_CONFIRMED');
    // A commit bounded by maxCommitTimeMS.
    expect(
      unavailability(
        new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' } } as never),
      ),
    ).toBe('WRITE_NOT_CONFIRMED');
  });

  it('leaves every other error alone', () => {
    expect(
      unavailability(new MongoServerError({ ok: 0, code: 112, codeName: 'WriteConflict', errmsg: 'Write conflict during plan execution' })),
    ).toBeUndefined();
    expect(
      unavailability(new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error collection: iphub.pledges index: _id_ dup key: { _id: "p" }' })),
    ).toBeUndefined();
    const duplicates = new MongoBulkWriteError({ message: 'E11000 duplicate key error', code: 11000, writeErrors: [] }, bulkResult());
    expect(unavailability(duplicates)).toBeUndefined();
    expect(unavailability(new Error('no enterprise e1'))).toBeUndefined();
    expect(unavailability(undefined)).toBeUndefined();
  });
});

describe('reportingUnavailable', () => {
  const unreachable = new MongoServerSelectionError('Server selection timed out after 10000 ms', {} as never);
  const store = reportingUnavailable({
    items: {
      async byIds(ids: readonly string[]) {
        if (ids.includes('down')) throw unreachable;
        if (ids.includes('bad')) throw new RangeError('bad id');
        return ids.map((id) => ({ id }));
      },
    },
    async insert(): Promise<void> {
      throw new MongoWriteConcernError({ ok: 1, n: 1, writeConcernError: wtimeout } as never);
    },
    async close() {},
  });

  it('turns the database out of reach into UNAVAILABLE, in nested repositories too, keeping the driver error as the cause', async () => {
    const err: unknown = await store.items.byIds(['a', 'down']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions).toEqual({ code: 'UNAVAILABLE', reason: 'UNREACHABLE' });
    expect((err as GraphQLError).message).toContain('could not be reached');
    expect((err as GraphQLError).originalError).toBe(unreachable);
    await expect(store.insert()).rejects.toMatchObject({
      extensions: { code: 'UNAVAILABLE', reason: 'WRITE_NOT_CONFIRMED' },
      message: expect.stringContaining('check before you try again'),
    });
  });

  it('passes results and every other error through as they are', async () => {
    expect(await store.items.byIds(['a', 'b'])).toEqual([{ id: 'a' }, { id: 'b' }]);
    await expect(store.items.byIds(['bad'])).rejects.toBeInstanceOf(RangeError);
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('duplicate keys', () => {
  const pledges = { namespace: 'iphub.pledges' };
  const active = { namespace: 'iphub.active_pledged_assets' };
  const ID = { name: '_id_', key: { _id: 1 } };
  // insertOne's error carries the key pattern and value.
  const onActive = new MongoServerError({
    index: 0,
    code: 11000,
    errmsg: 'E11000 duplicate key error collection: iphub.active_pledged_assets index: _id_ dup key: { _id: "PATENT:201510958772.0" }',
    keyPattern: { _id: 1 },
    keyValue: { _id: 'PATENT:201510958772.0' },
  });
  // insertMany's names them only in its message.
  const onActiveMany = new MongoBulkWriteError(
    {
      message: 'E11000 duplicate key error collection: iphub.active_pledged_assets index: _id_ dup key: { _id: "PATENT:201510958772.0" }',
      code: 11000,
      writeErrors: [],
    },
    bulkResult(),
  );
  const onPledgeId = new MongoServerError({
    code: 11000,
    errmsg: 'E11000 duplicate key error collection: iphub.pledges index: _id_ dup key: { _id: "p1" }',
    keyPattern: { _id: 1 },
    keyValue: { _id: 'p1' },
  });
  const onNumber = new MongoBulkWriteError(
    {
      message: 'E11000 duplicate key error collection: iphub.pledges index: by_registration_number dup key: { registrationNumber: "ZX-2026-000001" }',
      code: 11000,
      writeErrors: [],
    },
    bulkResult(),
  );

  it('reads what a duplicate collided on', () => {
    expect(duplicateKeyOf(onActive)).toEqual({
      namespace: 'iphub.active_pledged_assets',
      index: '_id_',
      keyPattern: { _id: 1 },
      keyValue: { _id: 'PATENT:201510958772.0' },
    });
    expect(duplicateKeyOf(onNumber)).toEqual({ namespace: 'iphub.pledges', index: 'by_registration_number', keyPattern: undefined, keyValue: undefined });
    expect(duplicateKeyOf(new MongoServerError({ code: 112, errmsg: 'WriteConflict' }))).toBeUndefined();
    expect(duplicateKeyOf(new Error('E11000 duplicate key error'))).toBeUndefined();
  });

  it('tells one unique index from another, though every _id has the same pattern', () => {
    expect(isDuplicateKeyOn(onActive, active, ID)).toBe(true);
    expect(isDuplicateKeyOn(onActiveMany, active, ID)).toBe(true);
    expect(isDuplicateKeyOn(onPledgeId, active, ID)).toBe(false);
    expect(isDuplicateKeyOn(onNumber, active, ID)).toBe(false);
    expect(isDuplicateKeyOn(onNumber, pledges, { name: 'by_registration_number', key: { registrationNumber: 1 } })).toBe(true);
    expect(isDuplicateKeyOn(onActive, active, { name: '_id_', key: { assetKey: 1 } })).toBe(false);
    // A message that names no collection is not taken for one.
    expect(isDuplicateKeyOn(new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error', keyPattern: { _id: 1 } }), active, ID)).toBe(false);
  });
});

/** A collection whose find answers `docs` and records what it was asked. */
function fakeCollection<D>(docs: D[]) {
  const asked: { filter: unknown; options: unknown }[] = [];
  const collection = {
    find(filter: unknown, options: unknown) {
      asked.push({ filter, options });
      return { toArray: async () => docs };
    },
  } as unknown as Collection<D & { _id: string }>;
  return { collection, asked };
}

describe('DataLoader batches and keyset pages', () => {
  it('gives one result per id asked, in that order, asking once per distinct id', async () => {
    const { collection, asked } = fakeCollection([
      { _id: 'b', n: 2 },
      { _id: 'a', n: 1 },
    ]);
    expect(await findByIds(collection, ['a', 'x', 'b', 'a'], (d) => d.n, { projection: { events: 0 } })).toEqual([1, undefined, 2, 1]);
    expect(asked).toEqual([{ filter: { _id: { $in: ['a', 'x', 'b'] } }, options: { projection: { events: 0 } } }]);
    expect(await findByIds(collection, [], (d) => d.n)).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('groups documents under each key asked, through arrays, once per document and key', async () => {
    const docs = [
      { _id: 'c2', parties: [{ enterpriseId: 'e1' }, { enterpriseId: null }, { enterpriseId: 'e1' }] },
      { _id: 'c1', parties: [{ enterpriseId: 'e2' }, { enterpriseId: 'e1' }] },
    ];
    const { collection, asked } = fakeCollection(docs);
    expect(await findGrouped(collection, 'parties.enterpriseId', ['e1', 'e9', 'e2', 'e1'], (d) => d._id)).toEqual([['c2', 'c1'], [], ['c1'], ['c2', 'c1']]);
    expect(asked[0]!.filter).toEqual({ 'parties.enterpriseId': { $in: ['e1', 'e9', 'e2'] } });
    const flat = fakeCollection([
      { _id: 'p1', assetKeys: ['PATENT:1', 'TRADEMARK:2'] },
      { _id: 'p2', assetKeys: ['PATENT:1'] },
    ]);
    expect(await findGrouped(flat.collection, 'assetKeys', ['TRADEMARK:2', 'PATENT:1'], (d) => d._id)).toEqual([['p1'], ['p1', 'p2']]);
  });

  it('pages by _id after the cursor, a limit of 0 being none and a negative one no limit', async () => {
    const { collection, asked } = fakeCollection([{ _id: 'b' }]);
    expect(await keysetPage(collection, { state: 'OPEN' }, 'a', 2, { projection: { events: 0 } })).toEqual([{ _id: 'b' }]);
    expect(asked[0]).toEqual({ filter: { state: 'OPEN', _id: { $gt: 'a' } }, options: { projection: { events: 0 }, sort: { _id: 1 }, limit: 2 } });
    await keysetPage(collection, {}, undefined, -1);
    expect(asked[1]).toEqual({ filter: {}, options: { sort: { _id: 1 } } });
    expect(await keysetPage(collection, {}, undefined, 0)).toEqual([]);
    expect(asked).toHaveLength(2);
  });
});
