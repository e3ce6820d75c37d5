// Who a notification is for, and who may receive it: the same role rules as queries. Centre
// staff see everything; an enterprise sees what is addressed to it; a bank, court or insurer what
// is addressed to it by role and name.
import type { Identity, OrganizationKind } from '../platform/identity.js';

export type OrganizationRole = OrganizationKind;

export type Audience =
  | { readonly kind: 'ENTERPRISE'; readonly id: string }
  | { readonly kind: 'ORGANIZATION'; readonly role: OrganizationRole; readonly name: string }
  | { readonly kind: 'CENTRE' };

/** The inbox an audience names: `enterprise:<id>`, `org:<ROLE>:<name>` or `centre`. */
export function recipientKey(a: Audience): string {
  switch (a.kind) {
    case 'ENTERPRISE':
      return `enterprise:${a.id}`;
    case 'ORGANIZATION':
      return `org:${a.role}:${a.name}`;
    case 'CENTRE':
      return 'centre';
  }
}

/** The audience a caller is of: what it reads, and what its subscriptions receive; undefined for an identity bound to nothing. */
export function audienceOf(identity: Identity): Audience | undefined {
  switch (identity.role) {
    case 'CENTER_STAFF':
      return { kind: 'CENTRE' };
    case 'ENTERPRISE':
      return identity.enterpriseId ? { kind: 'ENTERPRISE', id: identity.enterpriseId } : undefined;
    default:
      return identity.organization ? { kind: 'ORGANIZATION', role: identity.role, name: identity.organization } : undefined;
  }
}

/** The inbox a caller reads, and what its subscriptions receive; undefined for an identity bound to nothing. */
export function recipientOf(identity: Identity): string | undefined {
  const audience = audienceOf(identity);
  return audience === undefined ? undefined : recipientKey(audience);
}

/** Whether a subscription owned by `owner` may receive a notification for `audience`. */
export function receives(owner: Identity, audience: readonly Audience[]): boolean {
  if (owner.role === 'CENTER_STAFF') return true;
  const key = recipientOf(owner);
  return key !== undefined && audience.some((a) => recipientKey(a) === key);
}
