// Runs a storage contract on every adapter available here: SQLite always, MongoDB when
// IPHUB_MONGODB_URL points at a replica set (reported as skipped otherwise).
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Db, MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, it } from 'vitest';

import { connectMongo } from '../../platform/storage.js';
import { tempDir } from './tmp.js';

export interface StoreFixture<S> {
  open(): Promise<S>;
  cleanup(): Promise<void>;
}

export type Contract<S> = (name: string, fixture: () => StoreFixture<S>) => void;

/**
 * A fresh adapter from `fixture` for each test of the enclosing describe, closed and cleaned up
 * after it, even when the test or the opening failed. Returns the one open now.
 */
export function openForEachTest<S>(fixture: () => StoreFixture<S>, close: (opened: S) => Promise<void>): () => S {
  let fx: StoreFixture<S>;
  let opened: S | undefined;
  beforeEach(async () => {
    opened = undefined;
    fx = fixture();
    opened = await fx.open();
  });
  afterEach(async () => {
    try {
      if (opened !== undefined) await close(opened);
    } finally {
      await fx.cleanup();
    }
  });
  return () => {
    if (opened === undefined) throw new Error('the store under test is not open');
    return opened;
  };
}

export function onEveryAdapter<S>(
  label: string,
  contract: Contract<S>,
  open: { sqlite: (db: Database.Database) => S | Promise<S>; mongodb: (db: Db, collectionPrefix: string) => Promise<S> },
): void {
  contract('sqlite', () => {
    const dir = tempDir(`iphub-${label}-`);
    return { open: async () => open.sqlite(new Database(join(dir.path, `${label}.db`))), cleanup: async () => dir.remove() };
  });

  const url = process.env.IPHUB_MONGODB_URL;
  if (!url) {
    describe(`${label} contract: mongodb`, () => {
      it.skip('skipped: set IPHUB_MONGODB_URL to a MongoDB replica set to run it', () => {});
    });
    console.log(`${label} contract: mongodb skipped (IPHUB_MONGODB_URL is not set)`);
    return;
  }
  let run = 0;
  contract('mongodb', () => {
    const prefix = `contract_${label}_${process.pid}_${Date.now()}_${run++}_`;
    let client: MongoClient | undefined;
    return {
      open: async () => {
        // Bounded, and refused unless a replica set or a sharded cluster, as the hub's own.
        client = await connectMongo(url);
        return open.mongodb(client.db(), prefix);
      },
      cleanup: async () => {
        if (client === undefined) return;
        try {
          // The store was closed before this: the shared client must still work.
          const db = client.db();
          await db.command({ ping: 1 });
          for (const c of await db.listCollections({ name: { $regex: `^${prefix}` } }, { nameOnly: true }).toArray()) await db.dropCollection(c.name);
        } finally {
          await client.close();
        }
      },
    };
  });
}
