// The gateway's storage port for people's sessions: records hold a SHA-256 of the session token,
// never the token, so a copy of the table opens no session.
export interface SessionRecord {
  /** SHA-256 of the token in the cookie, hex; the record's key. */
  readonly tokenHash: string;
  readonly accountId: string;
  /** Sent back in x-csrf-token with every cookie-authenticated change. */
  readonly csrfToken: string;
  /** Times in milliseconds since the epoch. */
  readonly createdAt: number;
  /** When the session ends unless used; never after absoluteExpiresAt, so it is when the record may go. */
  readonly idleExpiresAt: number;
  readonly absoluteExpiresAt: number;
}

/** Storage of sessions. Adapters: sqlite.ts, mongodb.ts. */
export interface SessionStore {
  insert(s: SessionRecord): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  /** Sets the idle end; false when there is no such session. */
  touch(tokenHash: string, idleExpiresAt: number): Promise<boolean>;
  /** False when there is no such session. */
  delete(tokenHash: string): Promise<boolean>;
  /** Deletes the account's sessions, but the one `exceptTokenHash` names; how many went. */
  deleteForAccount(accountId: string, exceptTokenHash?: string): Promise<number>;
  /** Deletes the sessions whose idle end is at or before `now`; how many went. */
  deleteExpired(now: number): Promise<number>;
  close(): Promise<void>;
}
