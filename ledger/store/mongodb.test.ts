// What the MongoDB store's callers see of a deployment that does not answer in time: the ledger's
// LedgerUnavailableError (GraphQL: LEDGER_UNAVAILABLE). No server needed: the driver's errors
// are made as it makes them.
import {
  MongoNetworkTimeoutError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoWriteConcernError,
  TopologyType,
} from 'mongodb';
import { describe, expect, it } from 'vitest';

import { toLedgerError } from './mongodb.js';
import { LedgerUnavailableError, SequenceConflictError } from './port.js';

// The topology a server selection that found no primary reports (the driver's TopologyDescription, not exported).
const noPrimary = { type: TopologyType.ReplicaSetNoPrimary, servers: new Map(), error: null } as unknown as ConstructorParameters<
  typeof MongoServerSelectionError
>[1];

describe('MongoDB errors as the ledger surfaces them', () => {
  it('a write concern or operation that timed out, or a deployment out of reach, is LedgerUnavailableError', () => {
    const timedOut = [
      // A majority write past its wtimeout: ok 1, with a writeConcernError (pre-8.1 servers: WriteConcernFailed).
      new MongoWriteConcernError({
        ok: 1,
        writeConcernError: { code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } },
      }),
      new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 64, codeName: 'WriteConcernTimeout', errmsg: 'waiting for replication timed out' } }),
      new MongoServerError({ ok: 0, code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out' }),
      new MongoServerError({ ok: 0, code: 100, errmsg: 'timed out', errInfo: { wtimeout: true } }),
      // maxTimeMS or maxCommitTimeMS spent.
      new MongoServerError({ ok: 0, code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' }),
      new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' } }),
      new MongoServerSelectionError('Server selection timed out after 30000 ms', noPrimary),
      new MongoNetworkTimeoutError('connection 3 to 10.0.0.7:27017 timed out'),
      new MongoOperationTimeoutError('Timed out during socket read (10000ms)'),
    ];
    for (const err of timedOut) {
      const surfaced = toLedgerError(err);
      expect(surfaced, err.message).toBeInstanceOf(LedgerUnavailableError);
      expect((surfaced as Error).cause).toBe(err);
      // Only a server never reached was sent nothing: after the others, the write may yet commit.
      expect((surfaced as LedgerUnavailableError).outcomeUnknown, err.message).toBe(!(err instanceof MongoServerSelectionError));
    }
  });

  it('leaves every other error as it is', () => {
    const others = [
      new MongoServerError({ ok: 0, code: 11000, codeName: 'DuplicateKey', errmsg: 'E11000 duplicate key error' }),
      new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes' } }),
      new SequenceConflictError('store is at 3, batch starts at 0', { size: 3, lastEntryHash: new Uint8Array(32), lastTimestamp: 0 }, []),
      new RangeError('no stored hash for node 0/9'),
    ];
    for (const err of others) expect(toLedgerError(err)).toBe(err);
  });
});
