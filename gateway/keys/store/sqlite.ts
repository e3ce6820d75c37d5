// Partner keys in the gateway's own SQLite database.
import type Database from 'better-sqlite3';

import type { KeyRecord, KeyStore } from './port.js';

interface KeyRow {
  id: string;
  secret_hash: string;
  role: string;
  enterprise_id: string | null;
  organization: string | null;
  created_at: string;
  revoked_at: string | null;
  rate_limit: number | null;
  cost_limit: number | null;
}

const toRecord = (r: KeyRow): KeyRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  role: r.role as KeyRecord['role'],
  enterpriseId: r.enterprise_id,
  organization: r.organization,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  rate: r.rate_limit,
  cost: r.cost_limit,
});

export function openSqliteKeyStore(db: Database.Database): KeyStore {
  db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    enterprise_id TEXT,
    organization TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    rate_limit INTEGER,
    cost_limit INTEGER
  )`);
  // Databases made before keys carried their own limits.
  const columns = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_keys')")
      .all()
      .map((c) => c.name),
  );
  for (const column of ['rate_limit', 'cost_limit']) if (!columns.has(column)) db.exec(`ALTER TABLE api_keys ADD COLUMN ${column} INTEGER`);
  const insert = db.prepare(
    'INSERT INTO api_keys (id, secret_hash, role, enterprise_id, organization, created_at, revoked_at, rate_limit, cost_limit) VALUES (@id, @secretHash, @role, @enterpriseId, @organization, @createdAt, @revokedAt, @rate, @cost)',
  );
  const byId = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const list = db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    async insert(k) {
      insert.run(k);
    },
    async byId(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : toRecord(row);
    },
    async list() {
      return list.all().map(toRecord);
    },
    async revoke(id, at) {
      return revoke.run(at, id).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}
