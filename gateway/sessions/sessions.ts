// People's sessions, apart from HTTP: started at sign-in, looked up by the token in the cookie
// (ending at the idle or the absolute end, or when the account is disabled), kept alive by use,
// ended at sign-out or revoked. The store holds only a hash of the token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { Identity } from '../../platform/identity.js';
import { identityOf } from '../accounts/accounts.js';
import type { AccountRecord, AccountStore } from '../accounts/store/port.js';
import type { Limits } from '../limits/limits.js';
import type { SessionRecord, SessionStore } from './store/port.js';

export interface Session {
  readonly tokenHash: string;
  readonly account: AccountRecord;
  /** What the subgraphs see: the identity a key of the account's role and binding gives. */
  readonly identity: Identity;
  readonly csrfToken: string;
  /** The absolute end, in milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const newToken = (): string => randomBytes(32).toString('base64url');
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const sessionOf = (record: SessionRecord, account: AccountRecord): Session => ({
  tokenHash: record.tokenHash,
  account,
  identity: identityOf(account),
  csrfToken: record.csrfToken,
  expiresAt: record.absoluteExpiresAt,
});

export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly accounts: AccountStore,
    private readonly limits: Limits['sessions'],
    /** Tests move their own clock rather than wait. */
    private readonly now: () => number = Date.now,
  ) {}

  /** A session for an account that has just signed in, and its token for the cookie (kept nowhere else). Sweeps ended sessions first. */
  async start(account: AccountRecord): Promise<{ token: string; session: Session }> {
    const now = this.now();
    await this.store.deleteExpired(now);
    const token = newToken();
    const absoluteExpiresAt = now + this.limits.absoluteSeconds * 1000;
    const record: SessionRecord = {
      tokenHash: hashToken(token),
      accountId: account.id,
      csrfToken: newToken(),
      createdAt: now,
      idleExpiresAt: Math.min(now + this.limits.idleSeconds * 1000, absoluteExpiresAt),
      absoluteExpiresAt,
    };
    await this.store.insert(record);
    return { token, session: sessionOf(record, account) };
  }

  /**
   * The live session `token` opens, or undefined: unknown, past either end (then deleted), or of
   * an account since disabled. Use moves the idle end on, written at most every touchSeconds.
   */
  async resolve(token: string): Promise<Session | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const record = await this.store.byTokenHash(hashToken(token));
    if (record === undefined) return undefined;
    const now = this.now();
    if (now >= record.idleExpiresAt || now >= record.absoluteExpiresAt) {
      await this.store.delete(record.tokenHash);
      return undefined;
    }
    // Read each time, so that disabling an account (here or from the command line) ends its sessions at once.
    const account = await this.accounts.byId(record.accountId);
    if (account === undefined || account.disabledAt !== null) {
      await this.store.deleteForAccount(record.accountId);
      return undefined;
    }
    const idleExpiresAt = Math.min(now + this.limits.idleSeconds * 1000, record.absoluteExpiresAt);
    if (idleExpiresAt - record.idleExpiresAt >= this.limits.touchSeconds * 1000) await this.store.touch(record.tokenHash, idleExpiresAt);
    return sessionOf(record, account);
  }

  /** Sign-out. */
  async end(session: Session): Promise<void> {
    await this.store.delete(session.tokenHash);
  }

  /** Ends the session `token` opens, if any: a browser signing in again gives up the one its cookie held. */
  async endToken(token: string): Promise<void> {
    if (TOKEN.test(token)) await this.store.delete(hashToken(token));
  }

  /** Revokes the account's sessions, but `except` (the one changing the password); how many ended. */
  async endAll(accountId: string, except?: Session): Promise<number> {
    return this.store.deleteForAccount(accountId, except?.tokenHash);
  }
}

/** Whether `given` (the x-csrf-token header) is the session's CSRF token, compared in constant time. */
export function csrfMatches(session: Session, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
