// Runs a storage contract on every adapter available here: SQLite always, MongoDB when
// IPHUB_MONGODB_URL points at a replica set (reported as skipped otherwise).
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Db, MongoClient } from 'mongodb';
import { describe, it } from 'vitest';

import { connectMongo } from '../../platform/storage.js';
import { tempDir } from './tmp.js';

export interface StoreFixture<S> {
  open(): Promise<S>;
  cleanup(): Promise<void>;
}

export type Contract<S> = (name: string, fixture: () => StoreFixture<S>) => void;

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
