// Runs the EnterprisesStore contract against every adapter available here.
import { describe, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { enterprisesStoreContract, type EnterprisesStoreFixture } from './repository.contract.js';
import { openSqliteEnterprisesStore } from './sqlite-repository.js';
import { openMongoEnterprisesStore } from './mongodb-repository.js';
import { tempDir } from '../../test/support/tmp.js';

enterprisesStoreContract('sqlite', (): EnterprisesStoreFixture => {
  const dir = tempDir('iphub-enterprises-');
  return {
    open: async () => openSqliteEnterprisesStore(new Database(join(dir.path, 'enterprises.db'))),
    cleanup: async () => dir.remove(),
  };
});

const mongoUrl = process.env.IPHUB_MONGODB_URL;
if (!mongoUrl) {
  describe('EnterprisesStore contract: mongodb', () => {
    it.skip('skipped: set IPHUB_MONGODB_URL to a MongoDB replica set to run it', () => {});
  });
  console.log('EnterprisesStore contract: mongodb skipped (IPHUB_MONGODB_URL is not set)');
} else {
  let run = 0;
  enterprisesStoreContract('mongodb', (): EnterprisesStoreFixture => {
    const collectionPrefix = `contract_enterprises_${process.pid}_${Date.now()}_${run++}_`;
    let client: MongoClient | undefined;
    return {
      open: async () => {
        client = await new MongoClient(mongoUrl).connect();
        return openMongoEnterprisesStore(client.db(), { collectionPrefix });
      },
      cleanup: async () => {
        if (client === undefined) return;
        try {
          // The store was closed before this: the shared client must still work.
          const db = client.db();
          await db.command({ ping: 1 });
          for (const c of await db.listCollections({ name: { $regex: `^${collectionPrefix}` } }, { nameOnly: true }).toArray()) await db.dropCollection(c.name);
        } finally {
          await client.close();
        }
      },
    };
  });
}
