// Who reads which deposit and data asset, and whom a field acts for.
import { badInput, forbidden } from '../../platform/errors.js';
import { canActFor, requireActFor, requireIdentity } from '../common/auth.js';
import type { EvidenceContext } from './context.js';
import type { DataAssetRecord, EvidenceRecord } from './domain/model.js';

// A record the caller may not read answers as one that is not there (null): no answer says
// whether another's exists.

/** Registrations are announced publicly: institutions read them all, an enterprise its own. */
export async function readableDataAsset(ctx: EvidenceContext, id: string): Promise<DataAssetRecord | null> {
  const identity = requireIdentity(ctx);
  const found = await ctx.loaders.dataAsset.load(id);
  if (found === undefined || (identity.role === 'ENTERPRISE' && !canActFor(identity, found.ownerId))) return null;
  return found;
}

/**
 * A deposit: its depositor (and centre staff) read it; a court when a case citing it was referred
 * to that court; a party to a protection case citing it once staff accepted the case (the
 * respondent's right to see the evidence against it).
 */
export async function readableEvidence(ctx: EvidenceContext, id: string): Promise<EvidenceRecord | null> {
  requireIdentity(ctx);
  return mayRead(ctx, await ctx.loaders.evidence.load(id));
}

/** The deposit whose ledger entry is `seq` (GET /certificates/<seq>.pdf), read as readableEvidence reads one by its id. */
export async function readableEvidenceAtSeq(ctx: EvidenceContext, seq: number): Promise<EvidenceRecord | null> {
  requireIdentity(ctx);
  return mayRead(ctx, await ctx.loaders.evidenceAtSeq.load(seq));
}

async function mayRead(ctx: EvidenceContext, found: EvidenceRecord | undefined): Promise<EvidenceRecord | null> {
  const identity = requireIdentity(ctx);
  if (found === undefined) return null;
  ctx.loaders.evidence.prime(found.id, found);
  if (identity.role === 'COURT') return (await referredTo(ctx, found.id, identity.organization)) ? found : null;
  if (canActFor(identity, found.depositorId)) return found;
  return identity.role === 'ENTERPRISE' && (await partyToAcceptedCase(ctx, found.id, identity.enterpriseId)) ? found : null;
}

/** Is the enterprise a party to a protection case citing this deposit, one staff accepted? (The cases subgraph knows.) */
async function partyToAcceptedCase(ctx: EvidenceContext, evidenceId: string, enterpriseId: string | undefined): Promise<boolean> {
  if (enterpriseId === undefined) return false;
  const { evidence } = await ctx.hub<{
    evidence: { citedBy: { parties: { enterprise: { id: string } | null }[]; events: { to: string }[] }[] } | null;
  }>('query ($id: ID!) { evidence(id: $id) { citedBy { parties { enterprise { id } } events { to } } } }', { id: evidenceId });
  return evidence?.citedBy.some((c) => c.events.some((e) => e.to === 'ACCEPTED') && c.parties.some((p) => p.enterprise?.id === enterpriseId)) ?? false;
}

/** Does a protection case citing this deposit stand referred to the court? (The cases subgraph knows.) */
async function referredTo(ctx: EvidenceContext, evidenceId: string, court: string | undefined): Promise<boolean> {
  if (court === undefined) return false;
  const { evidence } = await ctx.hub<{ evidence: { citedBy: { court: { name: string } | null }[] } | null }>(
    'query ($id: ID!) { evidence(id: $id) { citedBy { court { name } } } }',
    { id: evidenceId },
  );
  return evidence?.citedBy.some((c) => c.court?.name === court) ?? false;
}

/** The enterprise a field acts for: an enterprise key's own; centre staff must name one (they `staff` it). */
export function actingFor(ctx: EvidenceContext, asked: string | number | null | undefined, field: string, staff = 'act on behalf of an enterprise'): string {
  const identity = requireIdentity(ctx);
  const id = asked === null || asked === undefined ? undefined : String(asked);
  if (identity.role === 'ENTERPRISE') return requireActFor(ctx, id ?? identity.enterpriseId ?? '').enterpriseId!;
  if (identity.role !== 'CENTER_STAFF') throw forbidden('only enterprise and centre staff keys do this');
  if (id === undefined) throw badInput(`centre staff ${staff}: give ${field}`, field);
  return id;
}
