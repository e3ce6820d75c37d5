// Runs the LedgerStore contract against every adapter available here.
import { join } from 'node:path';

import { MongoClient } from 'mongodb';
import { describe, it } from 'vitest';

import { tempDir } from '../../test/support/tmp.js';
import { ledgerStoreContract, type StoreFixture } from './contract.js';
import { openMongoLedgerStore } from './mongodb.js';
import { openSqliteLedgerStore } from './sqlite.js';

ledgerStoreContract('sqlite', (): StoreFixture => {
  const dir = tempDir('iphub-store-');
  const path = join(dir.path, 'ledger.db');
  return {
    open: async () => openSqliteLedgerStore({ path }),
    reopen: async () => openSqliteLedgerStore({ path }),
    cleanup: async () => dir.remove(),
  };
});

const mongoUrl = process.env.IPHUB_MONGODB_URL;
if (mongoUrl === undefined) {
  describe('LedgerStore contract: mongodb', () => {
    it.skip('skipped: set IPHUB_MONGODB_URL to a MongoDB replica set to run it', () => {});
  });
  console.log('LedgerStore contract: mongodb skipped (IPHUB_MONGODB_URL is not set)');
} else {
  let run = 0;
  ledgerStoreContract('mongodb', (): StoreFixture => {
    const collectionPrefix = `contract_${process.pid}_${Date.now()}_${run++}_`;
    const open = () => openMongoLedgerStore({ url: mongoUrl, collectionPrefix });
    return {
      open,
      reopen: open,
      cleanup: async () => {
        const client = await new MongoClient(mongoUrl).connect();
        const db = client.db();
        for (const c of await db.listCollections({ name: { $regex: `^${collectionPrefix}` } }).toArray()) await db.dropCollection(c.name);
        await client.close();
      },
    };
  });
}
