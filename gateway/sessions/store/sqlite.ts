// People's sessions in the gateway's own SQLite database.
import type Database from 'better-sqlite3';

import type { SessionRecord, SessionStore } from './port.js';

interface SessionRow {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  idle_expires_at: number;
  absolute_expires_at: number;
}

const toRecord = (r: SessionRow): SessionRecord => ({
  tokenHash: r.token_hash,
  accountId: r.account_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  idleExpiresAt: r.idle_expires_at,
  absoluteExpiresAt: r.absolute_expires_at,
});

export function openSqliteSessionStore(db: Database.Database): SessionStore {
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    idle_expires_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id);
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (idle_expires_at)`);
  const insert = db.prepare(
    `INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, idle_expires_at, absolute_expires_at)
     VALUES (@tokenHash, @accountId, @csrfToken, @createdAt, @idleExpiresAt, @absoluteExpiresAt)`,
  );
  const byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const touch = db.prepare('UPDATE sessions SET idle_expires_at = ? WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeForAccount = db.prepare('DELETE FROM sessions WHERE account_id = ? AND token_hash IS NOT ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE idle_expires_at <= ?');
  return {
    async insert(s) {
      insert.run(s);
    },
    async byTokenHash(tokenHash) {
      const row = byHash.get(tokenHash);
      return row === undefined ? undefined : toRecord(row);
    },
    async touch(tokenHash, idleExpiresAt) {
      return touch.run(idleExpiresAt, tokenHash).changes === 1;
    },
    async delete(tokenHash) {
      return remove.run(tokenHash).changes === 1;
    },
    async deleteForAccount(accountId, exceptTokenHash) {
      return removeForAccount.run(accountId, exceptTokenHash ?? null).changes;
    },
    async deleteExpired(now) {
      return removeExpired.run(now).changes;
    },
    async close() {
      db.close();
    },
  };
}
