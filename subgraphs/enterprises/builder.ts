// The enterprises subgraph's builder, its entities, and how a caller may read them.
import { failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { canActFor, requireActFor, requireIdentity } from '../common/auth.js';
import { createBuilder } from '../common/create-builder.js';
import { rightKindEnum } from '../common/right-kind.js';
import { describedValues, jsonScalar, pageInfoType, roleEnum } from '../common/shared-types.js';
import { listOrderEnum } from '../common/sync.js';
import type { EnterprisesContext } from './context.js';
import {
  COPYRIGHT_KIND_MEANINGS,
  COPYRIGHT_KINDS,
  type CopyrightRecord,
  type EnterpriseRecord,
  type PatentRecord,
  type Stored,
  type TrademarkRecord,
} from './domain/model.js';
import { patentOn } from './domain/standing.js';

export const builder = createBuilder<EnterprisesContext>();

export const PageInfo = pageInfoType(builder);
export const Role = roleEnum(builder);
export const ListOrder = listOrderEnum(builder);
export const RightKind = rightKindEnum(builder);
jsonScalar(builder);

export const CopyrightKind = builder.enumType('CopyrightKind', {
  description: 'Software, or the kind of work (Copyright Law art. 3); WORK for any other',
  values: describedValues(COPYRIGHT_KINDS, COPYRIGHT_KIND_MEANINGS),
});

// As stored: each answers when it last changed (updatedAt).
export const Enterprise = builder.objectRef<Stored<EnterpriseRecord>>('Enterprise');
export const Patent = builder.objectRef<Stored<PatentRecord>>('Patent');
export const Trademark = builder.objectRef<Stored<TrademarkRecord>>('Trademark');
export const Copyright = builder.objectRef<Stored<CopyrightRecord>>('Copyright');

/** Loads an enterprise the caller may read: FORBIDDEN for another enterprise's key; null for none (a party outside the registry). */
export async function readableEnterprise(ctx: EnterprisesContext, id: string | null): Promise<Stored<EnterpriseRecord> | null> {
  const identity = requireIdentity(ctx);
  if (id === null) return null;
  if (identity.role === 'ENTERPRISE') requireActFor(ctx, id);
  return (await ctx.loaders.enterprise.load(id)) ?? null;
}

/** A patent the caller may read; null alike when there is none and when it is another enterprise's (no answer says which). */
export async function readablePatent(ctx: EnterprisesContext, applicationNumber: string): Promise<Stored<PatentRecord> | null> {
  const identity = requireIdentity(ctx);
  const patent = await ctx.loaders.patent.load(applicationNumber);
  if (patent === undefined || (identity.role === 'ENTERPRISE' && (patent.enterpriseId === null || !canActFor(identity, patent.enterpriseId)))) return null;
  return patent;
}

/** A trademark or copyright the caller may read: an enterprise its own; null alike for another's and for none. */
export async function readableRight<R extends { enterpriseId: string | null }>(ctx: EnterprisesContext, found: R | undefined): Promise<R | null> {
  const identity = requireIdentity(ctx);
  if (found === undefined || (identity.role === 'ENTERPRISE' && (found.enterpriseId === null || !canActFor(identity, found.enterpriseId)))) return null;
  return found;
}

/** A patent as it stands today (domain/standing.ts): every answer about a patent reads this, not the stored record. */
export const standing = (p: PatentRecord): PatentRecord => patentOn(p, today());

/** An application number in its canonical form, or INVALID_PATENT_NUMBER. */
export function canonicalPatentNumber(input: string): string {
  const parsed = parsePatentNumber(input);
  if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message);
  return parsed.canonical;
}
