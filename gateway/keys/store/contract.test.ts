// Runs the KeyStore contract against every adapter available here, and the SQLite adapter's
// upgrade of an old database.
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { onEveryAdapter } from '../../../test/support/adapters.js';
import { tempDir } from '../../../test/support/tmp.js';
import { authenticate, createKey } from '../keys.js';
import { keyStoreContract } from './contract.js';
import { openMongoKeyStore } from './mongodb.js';
import { openSqliteKeyStore } from './sqlite.js';

onEveryAdapter('keys', keyStoreContract, {
  sqlite: (db) => ({ store: openSqliteKeyStore(db), raw: async () => JSON.stringify(db.prepare('SELECT * FROM api_keys').all()) }),
  mongodb: async (db, collectionPrefix) => ({
    store: openMongoKeyStore(db, { collectionPrefix }),
    raw: async () => JSON.stringify(await db.collection(`${collectionPrefix}gateway_api_keys`).find().toArray()),
  }),
});

describe('KeyStore on SQLite', () => {
  it('adds the limit columns to a database made before keys carried limits, keeping its keys', async () => {
    const dir = tempDir('iphub-keys-');
    try {
      const path = join(dir.path, 'gateway.db');
      const old = new Database(path);
      old.exec(
        'CREATE TABLE api_keys (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, role TEXT NOT NULL, enterprise_id TEXT, organization TEXT, created_at TEXT NOT NULL, revoked_at TEXT)',
      );
      old
        .prepare('INSERT INTO api_keys VALUES (?, ?, ?, NULL, NULL, ?, NULL)')
        .run('0123456789abcdef', 'ab'.repeat(32), 'CENTER_STAFF', '2026-01-01T00:00:00.000Z');
      old.close();
      const store = openSqliteKeyStore(new Database(path));
      expect(await store.byId('0123456789abcdef')).toMatchObject({ role: 'CENTER_STAFF', rate: null, cost: null });
      const { key } = await createKey(store, { role: 'CENTER_STAFF', rate: 7 });
      expect((await authenticate(store, key))?.limits.rate).toBe(7);
      await store.close();
    } finally {
      dir.remove();
    }
  });
});
