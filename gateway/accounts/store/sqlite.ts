// People's accounts in the gateway's own SQLite database.
import Database from 'better-sqlite3';

import { type AccountRecord, type AccountStore, DuplicateUsernameError, usernameKey } from './port.js';

interface AccountRow {
  id: string;
  username: string;
  username_key: string;
  password_hash: string;
  role: string;
  enterprise_id: string | null;
  organization: string | null;
  created_at: string;
  disabled_at: string | null;
  password_changed_at: string;
}

const toRecord = (r: AccountRow): AccountRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as AccountRecord['role'],
  enterpriseId: r.enterprise_id,
  organization: r.organization,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  passwordChangedAt: r.password_changed_at,
});

export function openSqliteAccountStore(db: Database.Database): AccountStore {
  db.exec(`CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    enterprise_id TEXT,
    organization TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    password_changed_at TEXT NOT NULL
  )`);
  const insert = db.prepare(
    `INSERT INTO accounts (id, username, username_key, password_hash, role, enterprise_id, organization, created_at, disabled_at, password_changed_at)
     VALUES (@id, @username, @usernameKey, @passwordHash, @role, @enterpriseId, @organization, @createdAt, @disabledAt, @passwordChangedAt)`,
  );
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byKey = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username_key = ?');
  const first = db.prepare<[number], AccountRow>('SELECT * FROM accounts ORDER BY username_key LIMIT ?');
  const after = db.prepare<[string, number], AccountRow>('SELECT * FROM accounts WHERE username_key > ? ORDER BY username_key LIMIT ?');
  const disable = db.prepare('UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL');
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  return {
    async insert(a) {
      try {
        insert.run({ ...a, usernameKey: usernameKey(a.username) });
      } catch (err) {
        // Only this column means the username is taken: an id used twice is another fault.
        if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('accounts.username_key')) {
          throw new DuplicateUsernameError(a.username);
        }
        throw err;
      }
    },
    async byId(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : toRecord(row);
    },
    async byUsername(username) {
      const row = byKey.get(usernameKey(username));
      return row === undefined ? undefined : toRecord(row);
    },
    async list(from, limit) {
      return (from === undefined ? first.all(limit) : after.all(usernameKey(from), limit)).map(toRecord);
    },
    async disable(id, at) {
      return disable.run(at, id).changes === 1;
    },
    async setPassword(id, passwordHash, at) {
      return setPassword.run(passwordHash, at, id).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}
