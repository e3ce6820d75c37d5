// The IP assets pledges and policies name: their GraphQL types, and the checks that each is well
// formed, named once, registered and owned by the enterprise that offers it.
import { badInput, failure } from '../../platform/errors.js';
// The number formats are public standards, not the enterprises subgraph's data.
import { canonicalCopyrightNumber } from '../../standards/copyright-number.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { deprecatedKind, RIGHT_KIND_INPUT, type RightKind as RightKindValue, rightKindEnum, rightKindOf } from '../common/right-kind.js';
import { describedValues } from '../common/shared-types.js';
import { checkEach, checkInput, text } from '../common/validation.js';
import { builder, Copyright, DataAsset, Patent, Trademark } from './builder.js';
import type { FinanceContext } from './context.js';
import { ASSET_KIND_MEANINGS, ASSET_KINDS, assetKey, type AssetRef } from './domain/model.js';
import type { PatentFacts, TrademarkFacts } from './hub-facts.js';

const AssetKind = builder.enumType('IpAssetKind', {
  description: 'What kind of IP asset, and so which register its id is a key of (RightKind replaces it)',
  values: describedValues(ASSET_KINDS, ASSET_KIND_MEANINGS),
});
const RightKind = rightKindEnum(builder);

export const IpAsset = builder.objectRef<AssetRef>('IpAsset').implement({
  description: 'An IP asset, by its key in the subgraph that owns it',
  fields: (t) => ({
    kind: t.field({
      type: AssetKind,
      description: 'What kind of asset it is: which register id is a key of',
      deprecationReason: deprecatedKind('rightKind'),
      resolve: (a) => a.kind,
    }),
    rightKind: t.field({ type: RightKind, description: 'What kind of right it is: which register id is a key of', resolve: (a) => a.kind }),
    id: t.exposeString('id', {
      description: 'A patent: its canonical application number; a trademark or copyright: its registration number; a data asset: its id',
    }),
    patent: t.field({
      type: Patent,
      nullable: true,
      description: 'The patent, for a PATENT asset',
      resolve: (a) => (a.kind === 'PATENT' ? { applicationNumber: a.id } : null),
    }),
    trademark: t.field({
      type: Trademark,
      nullable: true,
      description: 'The trademark, for a TRADEMARK asset',
      resolve: (a) => (a.kind === 'TRADEMARK' ? { registrationNumber: a.id } : null),
    }),
    copyright: t.field({
      type: Copyright,
      nullable: true,
      description: 'The copyright, for a COPYRIGHT asset',
      resolve: (a) => (a.kind === 'COPYRIGHT' ? { registrationNumber: a.id } : null),
    }),
    dataAsset: t.field({
      type: DataAsset,
      nullable: true,
      description: 'The data asset, for a DATA_ASSET asset',
      resolve: (a) => (a.kind === 'DATA_ASSET' ? { id: a.id } : null),
    }),
  }),
});
export const IpAssetInput = builder.inputType('IpAssetInput', {
  description: 'An IP asset by its kind and its key in the subgraph that owns it',
  fields: (t) => ({
    rightKind: t.field({ type: RightKind, description: `${RIGHT_KIND_INPUT}: PATENT, TRADEMARK, COPYRIGHT or DATA_ASSET` }),
    kind: t.field({ type: AssetKind, description: 'What kind of asset it is: which register id is a key of', deprecationReason: deprecatedKind('rightKind') }),
    id: t.string({
      required: true,
      description:
        'A patent application number in any accepted form (stored canonical); a trademark or copyright registration number (a copyright without spaces, in capitals); a data asset id',
    }),
  }),
});

const MAX_ASSETS = 20;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An asset as the input names it: its kind by rightKind, or by the deprecated kind. */
export interface AssetInput {
  readonly rightKind?: RightKindValue | null;
  readonly kind?: AssetRef['kind'] | null;
  readonly id: string;
}

/** One checked asset: a patent by its canonical application number; problems in `field`. */
export function oneAsset(input: AssetInput, field: string): AssetRef {
  const kind = rightKindOf(input, ASSET_KINDS, field);
  const { id } = input;
  if (kind !== 'PATENT') {
    const v = text(id, field, 128);
    if (CONTROL.test(v)) throw badInput(`${field}: an asset id must not contain control characters`, field);
    return { kind, id: kind === 'COPYRIGHT' ? canonicalCopyrightNumber(v) : v };
  }
  const parsed = parsePatentNumber(id);
  if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field });
  return { kind, id: parsed.canonical };
}

/** Checked, distinct assets; patents by canonical application number. Every item's problem at `field[i]`; a repeat at its own index. */
export function assetList(input: readonly AssetInput[], field: string): AssetRef[] {
  if (input.length === 0 || input.length > MAX_ASSETS) throw badInput(`${field} must list 1 to ${MAX_ASSETS} assets`, field);
  const seen = new Set<string>();
  return checkEach(input, (item, i) => {
    const asset = oneAsset(item, `${field}[${i}]`);
    const key = assetKey(asset);
    if (seen.has(key)) throw badInput(`${field} lists ${key} twice`, `${field}[${i}]`);
    seen.add(key);
    return asset;
  });
}

/** The facts of the registered rights an offer names, by kind, in the order named. */
export interface OwnedFacts {
  readonly patents: readonly PatentFacts[];
  readonly trademarks: readonly TrademarkFacts[];
}

/**
 * The facts of the patents and trademarks among `assets`, once `ownerId` is a registered
 * enterprise (else NOT_FOUND in `ownerField`) and every patent, trademark, copyright and data asset
 * among them is registered (else NOT_FOUND) and belongs to it (else BAD_USER_INPUT): every such
 * problem at once, an asset's at its index in `field`.
 */
export async function ownedAssets(ctx: FinanceContext, ownerId: string, ownerField: string, assets: readonly AssetRef[], field: string): Promise<OwnedFacts> {
  // Every lookup started at once, so that each loader asks in one batch.
  const [registered, facts] = await Promise.all([
    ctx.loaders.enterpriseRegistered.load(ownerId),
    Promise.all(
      assets.map(async (a) => {
        const owned = (found: { enterprise: { id: string } | null } | null) => (found === null ? undefined : (found.enterprise?.id ?? null));
        switch (a.kind) {
          case 'PATENT': {
            const p = await ctx.loaders.patentFacts.load(a.id);
            return { what: `patent ${a.id}`, owner: owned(p), patent: p, trademark: null };
          }
          case 'TRADEMARK': {
            const m = await ctx.loaders.trademarkFacts.load(a.id);
            return { what: `trademark ${a.id}`, owner: owned(m), patent: null, trademark: m };
          }
          case 'COPYRIGHT':
            return { what: `copyright ${a.id}`, owner: owned(await ctx.loaders.copyrightFacts.load(a.id)), patent: null, trademark: null };
          case 'DATA_ASSET': {
            const d = await ctx.loaders.dataAssetFacts.load(a.id);
            return { what: `data asset ${a.id}`, owner: d === null ? undefined : d.owner.id, patent: null, trademark: null };
          }
        }
      }),
    ),
  ]);
  await checkInput({
    owner: () => {
      if (!registered) throw failure('NOT_FOUND', `enterprise ${ownerId} does not exist`, { field: ownerField });
    },
    assets: () =>
      checkEach(facts, (f, i) => {
        if (f.owner === undefined) throw failure('NOT_FOUND', `${f.what} does not exist`, { field: `${field}[${i}]` });
        // Belonging to an enterprise that does not exist is no further problem of the asset.
        if (registered && f.owner !== ownerId) throw badInput(`${f.what} does not belong to enterprise ${ownerId}`, `${field}[${i}]`);
      }),
  });
  return { patents: facts.flatMap((f) => (f.patent ? [f.patent] : [])), trademarks: facts.flatMap((f) => (f.trademark ? [f.trademark] : [])) };
}
