// Who is calling: verified by the gateway from a partner key, then handed to the subgraphs in a
// form a caller cannot forge (an in-process object, or an HMAC-signed header over HTTP).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ROLES = ['CENTER_STAFF', 'ENTERPRISE', 'COURT', 'BANK', 'INSURER'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** The partner key's id (never the key itself). */
  readonly keyId: string;
  readonly role: Role;
  /** For ENTERPRISE keys: the enterprise the key acts for. */
  readonly enterpriseId?: string;
  /** For COURT, BANK and INSURER keys: the institution the key acts for. */
  readonly organization?: string;
}

export const IDENTITY_HEADER = 'x-iphub-identity';
const MAX_AGE_MS = 60_000;

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/** `base64url(json).base64url(hmac)`, the json carrying the identity and when it was signed. */
export function signIdentity(identity: Identity, secret: string, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...identity, iat: now })).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** The identity in a signed header, or undefined when absent, forged, stale or malformed. */
export function verifyIdentity(header: string | undefined, secret: string, now = Date.now()): Identity | undefined {
  if (header === undefined) return undefined;
  const [body, sig, extra] = header.split('.');
  if (body === undefined || sig === undefined || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { iat, ...identity } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Identity & { iat: number };
    if (typeof iat !== 'number' || Math.abs(now - iat) > MAX_AGE_MS || !isRole(identity.role) || typeof identity.keyId !== 'string') return undefined;
    return identity;
  } catch {
    return undefined;
  }
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/**
 * Which identities still act: an API key not revoked, an account not disabled. Kept by the
 * gateway (its key and account stores); asked by what acts for an identity later, on its own
 * (a webhook subscription's deliveries).
 */
export interface IdentityDirectory {
  /** Those of `keyIds` that still act; an unknown key id does not. */
  active(keyIds: readonly string[]): Promise<ReadonlySet<string>>;
}
