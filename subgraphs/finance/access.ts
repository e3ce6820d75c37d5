// Who sees and acts on which pledges and policies: centre staff all; a bank the pledges it is
// pledgee of, an insurer the policies it issued (each for its own organization); an enterprise
// its own.
import { badInput, forbidden } from '../../platform/errors.js';
import type { Identity } from '../../platform/identity.js';
import type { PledgeeKind, PledgeRecord, PolicyRecord } from './domain/model.js';
import { partyScoped } from './party-scoped.js';
import type { PledgeFilter, PolicyFilter } from './store/port.js';

/** The organization a BANK, GUARANTOR or INSURER key acts for. */
export function organizationOf(identity: Identity): string {
  if (identity.organization === undefined || identity.organization === '') throw forbidden(`this ${identity.role} key names no organization to act for`);
  return identity.organization;
}

/** The pledges a key may see, as a store filter: FORBIDDEN for keys that see none. */
export function pledgeScope(identity: Identity): PledgeFilter {
  switch (identity.role) {
    case 'CENTER_STAFF':
      return {};
    case 'BANK':
    case 'GUARANTOR':
      return { pledgee: organizationOf(identity), pledgeeKind: identity.role };
    case 'ENTERPRISE':
      return { pledgorId: identity.enterpriseId ?? '' };
    default:
      throw forbidden('only centre staff, the pledgee (a bank or guarantee institution) and the pledgor enterprise see pledges');
  }
}

export const inPledgeScope = (p: PledgeRecord, scope: PledgeFilter): boolean =>
  (scope.pledgee === undefined || p.pledgee === scope.pledgee) &&
  (scope.pledgeeKind === undefined || p.pledgeeKind === scope.pledgeeKind) &&
  (scope.pledgorId === undefined || p.pledgorId === scope.pledgorId);

/** The policies a key may see, as a store filter: FORBIDDEN for keys that see none. */
export function policyScope(identity: Identity): PolicyFilter {
  switch (identity.role) {
    case 'CENTER_STAFF':
      return {};
    case 'INSURER':
      return { insurer: organizationOf(identity) };
    case 'ENTERPRISE':
      return { insuredId: identity.enterpriseId ?? '' };
    default:
      throw forbidden('only centre staff, the insurer and the insured enterprise see insurance policies');
  }
}

export const inPolicyScope = (p: PolicyRecord, scope: PolicyFilter): boolean =>
  (scope.insurer === undefined || p.insurer === scope.insurer) && (scope.insuredId === undefined || p.insuredId === scope.insuredId);

/**
 * The organization a BANK or INSURER key acts for (its own, whether named or not), or the one
 * centre staff name in `field`; FORBIDDEN for other keys and for naming another organization.
 */
export function actingOrganization(identity: Identity, role: 'BANK' | 'GUARANTOR' | 'INSURER', named: string | null | undefined, field: string): string {
  const given = named?.trim() || undefined;
  if (identity.role === role) {
    const own = organizationOf(identity);
    if (given !== undefined && given !== own) throw forbidden(`a ${role} key acts for its own organization only`);
    return own;
  }
  if (identity.role !== 'CENTER_STAFF') throw forbidden(`only a ${role} key or centre staff may do this`);
  if (given === undefined) throw badInput(`centre staff name the ${field}`, field);
  return given;
}

/**
 * The pledgee (a bank, or a guarantee institution holding a counter-guarantee pledge) acting for
 * itself, or centre staff naming it in `field` (with its kind, a bank unless said): FORBIDDEN for
 * other keys and for naming another organization.
 */
export function actingPledgee(
  identity: Identity,
  named: string | null | undefined,
  kind: PledgeeKind | null | undefined,
  field: string,
): { name: string; kind: PledgeeKind } {
  if (identity.role === 'GUARANTOR') return { name: actingOrganization(identity, 'GUARANTOR', named, field), kind: 'GUARANTOR' };
  if (identity.role === 'CENTER_STAFF') return { name: actingOrganization(identity, 'BANK', named, field), kind: kind ?? 'BANK' };
  return { name: actingOrganization(identity, 'BANK', named, field), kind: 'BANK' };
}

/** The pledgee or centre staff: they alone release or enforce a pledge, or consent to a disposal of its collateral. */
export function requirePledgee(identity: Identity, p: PledgeRecord, action = 'release or enforce a pledge'): void {
  if (identity.role === 'CENTER_STAFF' || (identity.role === p.pledgeeKind && organizationOf(identity) === p.pledgee)) return;
  throw forbidden(`only the pledgee (${p.pledgeeKind === 'BANK' ? 'the bank' : 'the guarantee institution'}) or centre staff may ${action}`);
}

/** The pledgor acting as itself: it alone confirms or declines what its pledgee proposes (the joint application). */
export function requirePledgor(identity: Identity, p: PledgeRecord, action: string): void {
  if (identity.role === 'ENTERPRISE' && identity.enterpriseId === p.pledgorId) return;
  throw forbidden(`only the pledgor enterprise, with its own key or account, may ${action}`);
}

/** The insurer or centre staff: they alone settle claims. */
export function requireInsurer(identity: Identity, p: PolicyRecord): void {
  if (identity.role === 'CENTER_STAFF' || (identity.role === 'INSURER' && organizationOf(identity) === p.insurer)) return;
  throw forbidden('only the insurer or centre staff may settle a claim');
}

/** Pledges, read as a party: the pledgee bank's or the pledgor enterprise's. */
export const pledgeAccess = partyScoped<PledgeRecord, PledgeFilter>({
  noun: 'pledge',
  nouns: 'pledges',
  scope: pledgeScope,
  inScope: inPledgeScope,
  enterpriseOf: (scope) => scope.pledgorId,
  loaders: (ctx) => ({ byId: ctx.loaders.pledge, ofEnterprise: ctx.loaders.pledgesOf, onAsset: ctx.loaders.pledgesOn }),
  page: (ctx, scope, read, limit) => ctx.store.pledges.page(scope, read, limit),
  count: (ctx, scope, since) => ctx.store.pledges.count(scope, since),
});

/** Insurance policies, read as a party: the insurer's or the insured enterprise's. */
export const policyAccess = partyScoped<PolicyRecord, PolicyFilter>({
  noun: 'policy',
  nouns: 'policies',
  scope: policyScope,
  inScope: inPolicyScope,
  enterpriseOf: (scope) => scope.insuredId,
  loaders: (ctx) => ({ byId: ctx.loaders.policy, ofEnterprise: ctx.loaders.policiesOf, onAsset: ctx.loaders.policiesOn }),
  page: (ctx, scope, read, limit) => ctx.store.policies.page(scope, read, limit),
  count: (ctx, scope, since) => ctx.store.policies.count(scope, since),
});
