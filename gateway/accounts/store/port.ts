// The gateway's storage port for people's accounts: records hold a password hash, never the password.
import type { Role } from '../../../platform/identity.js';

export interface AccountRecord {
  readonly id: string;
  /** As the person chose it; unique in its normalized form (usernameKey). */
  readonly username: string;
  /** The self-describing scrypt hash (passwords.ts). */
  readonly passwordHash: string;
  readonly role: Role;
  readonly enterpriseId: string | null;
  readonly organization: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly passwordChangedAt: string;
}

/** The form usernames are unique in: compatibility-normalized and lower case, so `Alice` and `alice` are one. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

export class DuplicateUsernameError extends Error {
  override readonly name = 'DuplicateUsernameError';
  constructor(readonly username: string) {
    super(`the username ${JSON.stringify(username)} is taken`);
  }
}

/** Storage of people's accounts. Adapters: sqlite.ts, mongodb.ts. */
export interface AccountStore {
  /** Throws DuplicateUsernameError, writing nothing, when the username is taken in any case. */
  insert(a: AccountRecord): Promise<void>;
  byId(id: string): Promise<AccountRecord | undefined>;
  /** By the username in any case. */
  byUsername(username: string): Promise<AccountRecord | undefined>;
  /** Up to `limit` accounts whose username comes after `after`'s (normalized), in that order. */
  list(after: string | undefined, limit: number): Promise<AccountRecord[]>;
  /** False when there is no such account or it is disabled already. */
  disable(id: string, at: string): Promise<boolean>;
  /** False when there is no such account. */
  setPassword(id: string, passwordHash: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
