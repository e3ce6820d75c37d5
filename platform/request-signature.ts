// Requests between the hub's own processes (distributed mode): the gateway calling a subgraph, and
// a subgraph asking the gateway as a service. Each is signed with the key the two share (one per
// subgraph: a subgraph holds its own only), over what the request does, so a captured request
// cannot be sent again (its nonce is spent), to another process (the audience), with another body
// (its digest) or path, or later than a minute on.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { type Identity, isRole } from './identity.js';

export const SIGNATURE_HEADER = 'x-iphub-signature';
/** How far a request's time may be from the receiver's clock. */
export const MAX_SKEW_MS = 60_000;
const VERSION = 'iphub-request-v1';

/** Who signed a request for whom, when, and for which caller (the gateway passing a partner's or person's identity on). */
export interface RequestClaims {
  /** `gateway` or a subgraph's name. */
  readonly iss: string;
  /** The process it is for: a subgraph's name, or `gateway`. */
  readonly aud: string;
  /** Milliseconds since the epoch. */
  readonly iat: number;
  readonly nonce: string;
  readonly identity?: Identity;
}

/** What the signature covers beside the claims. */
export interface SignedRequest {
  readonly method: string;
  /** The path and query string, as sent. */
  readonly path: string;
  readonly body: string;
}

const digest = (body: string): string => createHash('sha256').update(body).digest('base64url');

function mac(key: string, token: string, request: SignedRequest): Buffer {
  return createHmac('sha256', key)
    .update([VERSION, token, request.method.toUpperCase(), request.path, digest(request.body)].join('\n'))
    .digest();
}

/** The header value: base64url(claims JSON) "." base64url(HMAC-SHA256 over it, the method, the path and the body's digest). */
export function signRequest(
  key: string,
  claims: Omit<RequestClaims, 'iat' | 'nonce'>,
  request: SignedRequest,
  now = Date.now(),
  nonce: string = randomBytes(16).toString('base64url'),
): string {
  const token = Buffer.from(JSON.stringify({ ...claims, iat: now, nonce })).toString('base64url');
  return `${token}.${mac(key, token, request).toString('base64url')}`;
}

/**
 * The nonces of requests taken, each kept until no request signed with it could be taken anyway
 * (its time out of the skew): a second request with one is a replay. Held per receiving process.
 */
export class SpentNonces {
  readonly #until = new Map<string, number>();
  #sweepAt = 0;

  /** False when `nonce` was spent already; else spends it. */
  spend(nonce: string, iat: number, now: number): boolean {
    if (now >= this.#sweepAt) {
      for (const [n, until] of this.#until) if (until <= now) this.#until.delete(n);
      this.#sweepAt = now + MAX_SKEW_MS;
    }
    if (this.#until.has(nonce)) return false;
    this.#until.set(nonce, iat + MAX_SKEW_MS + 1);
    return true;
  }

  get size(): number {
    return this.#until.size;
  }
}

export interface Verification {
  /** The process verifying: the audience a request must name. */
  readonly audience: string;
  /** The key a signer's requests are signed with; undefined for a signer not trusted here. */
  readonly keyOf: (iss: string) => string | undefined;
  readonly nonces: SpentNonces;
  readonly now?: number;
}

/** The claims of a request signed as `verification` expects, or why it is refused. */
export function verifyRequest(header: string | undefined, request: SignedRequest, verification: Verification): RequestClaims | { refused: string } {
  if (header === undefined || header === '') return { refused: 'the request is not signed' };
  const [token, sig, extra] = header.split('.');
  if (token === undefined || sig === undefined || extra !== undefined) return { refused: 'the signature header is malformed' };
  let claims: RequestClaims;
  try {
    claims = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as RequestClaims;
  } catch {
    return { refused: 'the signature header is malformed' };
  }
  if (typeof claims !== 'object' || claims === null || typeof claims.iss !== 'string' || typeof claims.nonce !== 'string' || typeof claims.iat !== 'number')
    return { refused: 'the signature header is malformed' };
  const key = verification.keyOf(claims.iss);
  if (key === undefined) return { refused: `requests signed by ${JSON.stringify(claims.iss)} are not taken here` };
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, token, request);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'the signature does not match the request' };
  if (claims.aud !== verification.audience) return { refused: `the request is signed for ${JSON.stringify(claims.aud)}, not ${verification.audience}` };
  const now = verification.now ?? Date.now();
  if (Math.abs(now - claims.iat) > MAX_SKEW_MS) return { refused: 'the request was signed over a minute from now' };
  const { identity } = claims;
  if (identity !== undefined && (typeof identity !== 'object' || identity === null || !isRole(identity.role) || typeof identity.keyId !== 'string'))
    return { refused: 'the signed identity is malformed' };
  if (!verification.nonces.spend(claims.nonce, claims.iat, now)) return { refused: 'the request was taken already (a replay)' };
  return claims;
}

/** Each subgraph's key, derived from the hub's internal secret: HMAC-SHA256(secret, "iphub subgraph key <name>"). */
export function derivedSubgraphKey(secret: string, name: string): string {
  return createHmac('sha256', secret).update(`iphub subgraph key ${name}`).digest('base64url');
}
