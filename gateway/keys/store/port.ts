// The gateway's storage port for partner keys: records hold a hash of the secret, never the key.
import type { Role } from '../../../platform/identity.js';

export interface KeyRecord {
  readonly id: string;
  /** SHA-256 of the secret part, hex. */
  readonly secretHash: string;
  readonly role: Role;
  readonly enterpriseId: string | null;
  readonly organization: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** Cost points per rate window, in place of the role's (null: the role's). */
  readonly rate: number | null;
  /** The largest cost of one operation, in place of the partner budget's (null: the budget's). */
  readonly cost: number | null;
}

/** Storage of partner keys. Adapters: sqlite.ts, mongodb.ts. */
export interface KeyStore {
  insert(k: KeyRecord): Promise<void>;
  byId(id: string): Promise<KeyRecord | undefined>;
  list(): Promise<KeyRecord[]>;
  revoke(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
