// Field-level authorization on the identity the gateway verified.
import { failure, forbidden } from '../../platform/errors.js';
import type { Identity, Role } from '../../platform/identity.js';

export interface AuthContext {
  readonly identity: Identity | undefined;
}

export function requireIdentity(ctx: AuthContext): Identity {
  if (ctx.identity === undefined) {
    throw failure('UNAUTHENTICATED', 'this needs a partner key: send Authorization: Bearer <key>');
  }
  return ctx.identity;
}

export function requireRole(ctx: AuthContext, ...roles: Role[]): Identity {
  const identity = requireIdentity(ctx);
  if (!roles.includes(identity.role)) throw forbidden(`only ${roles.join(' or ')} keys may do this; this key is ${identity.role}`);
  return identity;
}

/** Centre staff see every enterprise's own data; an enterprise key sees only its own. */
export function canActFor(identity: Identity, enterpriseId: string): boolean {
  return identity.role === 'CENTER_STAFF' || (identity.role === 'ENTERPRISE' && identity.enterpriseId === enterpriseId);
}

export function requireActFor(ctx: AuthContext, enterpriseId: string): Identity {
  const identity = requireIdentity(ctx);
  if (!canActFor(identity, enterpriseId)) throw forbidden('an enterprise key reads and acts only for its own enterprise');
  return identity;
}
