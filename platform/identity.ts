// Who is calling: verified by the gateway from a partner key, then handed to the subgraphs in a
// form a caller cannot forge (an in-process object, or inside a signed request over HTTP:
// request-signature.ts).
export const ROLES = ['CENTER_STAFF', 'ENTERPRISE', 'COURT', 'BANK', 'INSURER', 'GUARANTOR'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that act for an institution, named by its organization name (keys and accounts alike). */
export const ORGANIZATION_KINDS = ['BANK', 'COURT', 'INSURER', 'GUARANTOR'] as const satisfies readonly Role[];
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Who may call a root field: a role, or anyone (PUBLIC, no key needed). */
export const CALLERS = ['PUBLIC', ...ROLES] as const;
export type Caller = (typeof CALLERS)[number];
/** A root field's @tag naming a caller that may call it: the per-role SDL (gateway/role-schemas.ts) is cut by it. */
export const callerTag = (caller: Caller): string => `role:${caller}`;

/** What each role is, as the schema's Role enum says. */
export const ROLE_MEANINGS: Readonly<Record<Role, string>> = {
  CENTER_STAFF: 'Staff of the IP protection centre: they run the workflows and read the whole registry',
  ENTERPRISE: 'An enterprise, acting for itself alone (its enterprise id)',
  COURT: 'A court (its organisation): it reads the cases referred to it and the evidence they cite, and records freezes',
  BANK: 'A bank (its organisation): it registers and reads its own pledges',
  INSURER: 'An insurer (its organisation): it issues and reads its own policies, and settles their claims',
  GUARANTOR:
    'A guarantee institution (融资担保机构, its organisation): it takes IP pledges as counter-guarantee (反担保) with the rights a bank has over its own pledges',
};

export interface Identity {
  /** The partner key's id (never the key itself). */
  readonly keyId: string;
  readonly role: Role;
  /** For ENTERPRISE keys: the enterprise the key acts for. */
  readonly enterpriseId?: string;
  /** For COURT, BANK, INSURER and GUARANTOR keys: the institution the key acts for. */
  readonly organization?: string;
  /** Set by the gateway for one request: the caller's rate budget once this operation is charged. */
  readonly rateLimit?: RateLimitState;
}

/** The identity alone, without what the gateway set for one request: what is kept of an owner. */
export const bareIdentity = ({ rateLimit: _rateLimit, ...identity }: Identity): Identity => identity;

/** A caller's rate budget in its current window, in cost points. */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** When the window ends and the budget is whole again (ISO instant). */
  readonly resetAt: string;
}

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
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
