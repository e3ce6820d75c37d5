// What the /auth/* routes work with, and what they share: the account as JSON, the fields of a
// body, the session or staff member a request comes from, and hashing behind its admission.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HttpError } from '../../platform/http.js';
import type { Identity } from '../../platform/identity.js';
import { AccountError } from '../accounts/accounts.js';
import type { HashingAdmission } from '../accounts/hashing-admission.js';
import type { AccountRecord, AccountStore } from '../accounts/store/port.js';
import { Overloaded } from '../limits/admission.js';
import type { Limits } from '../limits/limits.js';
import { sessionToken } from './cookies.js';
import { liveSession, requireCsrf } from './request.js';
import type { Session, Sessions } from './sessions.js';
import type { SignInBlocked, SignInLimits } from './sign-in-limits.js';

export interface People {
  readonly accounts: AccountStore;
  readonly sessions: Sessions;
  readonly signInLimits: SignInLimits;
  readonly hashing: HashingAdmission;
  readonly limits: Limits;
  /** The client's address, as rate limits see it. */
  readonly address: (req: IncomingMessage) => string;
  /** The identity of the partner key in Authorization, undefined without one; refuses a wrong key (401) or a blocked address (429) as /graphql does. */
  readonly keyIdentity: (req: IncomingMessage) => Promise<Identity | undefined>;
}

/** One route under /auth/, for one method. */
export type AuthHandler = (people: People, req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Bodies under /auth/ are a few fields: a username, passwords, an id. */
export const AUTH_BODY_BYTES = 64 * 1024;

/** An account as the API shows it: never the password hash. */
export const accountJson = (a: AccountRecord) => ({
  id: a.id,
  username: a.username,
  role: a.role,
  enterpriseId: a.enterpriseId,
  organization: a.organization,
  createdAt: a.createdAt,
  disabledAt: a.disabledAt,
});

export const sessionJson = (session: Session) => ({
  account: accountJson(session.account),
  csrfToken: session.csrfToken,
  expiresAt: new Date(session.expiresAt).toISOString(),
});

export const badInput = (message: string): HttpError => new HttpError(400, message, 'BAD_USER_INPUT');

/** `body[name]` when a string, else BAD_USER_INPUT. */
export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw badInput(`give ${name} as a string`);
  return value;
}

/** `body[name]` when a string, undefined when absent or null, else BAD_USER_INPUT. */
export function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badInput(`give ${name} as a string, or leave it out`);
  return value;
}

/** The request's live session; 401 without one. `csrf`: refused (403) without its token too. */
export async function signedIn(people: People, req: IncomingMessage, csrf: boolean): Promise<Session> {
  const token = sessionToken(req, people.limits.sessions.secureCookie);
  if (token === undefined) throw new HttpError(401, 'sign in first: this request carries no session cookie', 'UNAUTHENTICATED');
  const session = await liveSession(people.sessions, token, people.limits.sessions.secureCookie);
  if (csrf) requireCsrf(req, session);
  return session;
}

/** Centre staff, by a CENTER_STAFF partner key or a staff member's session (with its CSRF token for a change). */
export async function staff(people: People, req: IncomingMessage, csrf: boolean): Promise<Identity> {
  const identity =
    (await people.keyIdentity(req)) ??
    (sessionToken(req, people.limits.sessions.secureCookie) === undefined ? undefined : (await signedIn(people, req, csrf)).identity);
  if (identity === undefined) throw new HttpError(401, 'sign in as centre staff, or send a CENTER_STAFF partner key', 'UNAUTHENTICATED');
  if (identity.role !== 'CENTER_STAFF') throw new HttpError(403, 'only centre staff (CENTER_STAFF) manage accounts', 'FORBIDDEN');
  return identity;
}

/** Runs `work`, which hashes a password, behind the hashing admission: 503 when it is full, 400 for an AccountError. */
export async function hashing<T>(people: People, work: () => Promise<T>): Promise<T> {
  try {
    return await people.hashing.run(work);
  } catch (err) {
    if (err instanceof Overloaded) {
      const retryAfter = people.hashing.retryAfter;
      throw new HttpError(503, `the hub is busy checking passwords (${err.message}); retry in ${retryAfter} s`, 'OVERLOADED', {
        'retry-after': String(retryAfter),
      });
    }
    if (err instanceof AccountError) throw badInput(err.message);
    throw err;
  }
}

/** 429 when the username or the address has failed to sign in too often; checked before any hashing. */
export async function refuseIfBlocked(people: People, address: string, username: string): Promise<void> {
  refuseBlocked(await people.signInLimits.blocked(address, username));
}

/** 429 naming whose failed sign-ins block it, with when to retry. */
export function refuseBlocked(blocked: SignInBlocked | undefined): void {
  if (blocked === undefined) return;
  const whose = blocked.by === 'account' ? 'this account' : 'this address';
  throw new HttpError(429, `too many failed sign-ins for ${whose}; retry after ${blocked.retryAfter} s`, 'RATE_LIMITED', {
    'retry-after': String(blocked.retryAfter),
  });
}
