// The IP assets pledges and policies name: their GraphQL types, and the checks that each is well
// formed, named once, registered and owned by the enterprise that offers it.
import { badInput, failure, notFound } from '../../platform/errors.js';
// The number format is a public standard, not the enterprises subgraph's data.
import { parsePatentNumber } from '../../standards/patent-number.js';
import { text } from '../common/validation.js';
import { builder, DataAsset, Patent } from './builder.js';
import type { FinanceContext } from './context.js';
import { ASSET_KINDS, assetKey, type AssetRef } from './domain/model.js';
import type { PatentFacts } from './hub-facts.js';

const AssetKind = builder.enumType('IpAssetKind', { values: ASSET_KINDS });

export const IpAsset = builder.objectRef<AssetRef>('IpAsset').implement({
  description: 'An IP asset, by its key in the subgraph that owns it',
  fields: (t) => ({
    kind: t.field({ type: AssetKind, resolve: (a) => a.kind }),
    id: t.exposeString('id', { description: 'A patent: its canonical application number; a trademark: its registration number; a data asset: its id' }),
    patent: t.field({
      type: Patent,
      nullable: true,
      description: 'The patent, for a PATENT asset',
      resolve: (a) => (a.kind === 'PATENT' ? { applicationNumber: a.id } : null),
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
  fields: (t) => ({
    kind: t.field({ type: AssetKind, required: true }),
    id: t.string({ required: true, description: 'A patent application number in any accepted form; it is stored canonical' }),
  }),
});

const MAX_ASSETS = 20;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checked, distinct assets; patents by canonical application number. */
export function assetList(input: readonly { kind: AssetRef['kind']; id: string }[], field: string): AssetRef[] {
  if (input.length === 0 || input.length > MAX_ASSETS) throw badInput(`${field} must list 1 to ${MAX_ASSETS} assets`, field);
  const assets = input.map(({ kind, id }): AssetRef => {
    if (kind !== 'PATENT') {
      const v = text(id, field, 128);
      if (CONTROL.test(v)) throw badInput(`${field}: an asset id must not contain control characters`, field);
      return { kind, id: v };
    }
    const parsed = parsePatentNumber(id);
    if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field });
    return { kind, id: parsed.canonical };
  });
  const keys = assets.map(assetKey);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) throw badInput(`${field} lists ${repeated} twice`, field);
  return assets;
}

/** One checked asset, as assetList checks each. */
export function oneAsset(input: { kind: AssetRef['kind']; id: string }, field: string): AssetRef {
  return assetList([input], field)[0]!;
}

export async function requireEnterprise(ctx: FinanceContext, id: string): Promise<void> {
  if (!(await ctx.loaders.enterpriseRegistered.load(id))) throw notFound(`enterprise ${id}`);
}

/**
 * The facts of the patents among `assets`, once every patent and data asset among them is known
 * to be registered (else NOT_FOUND) and to belong to `ownerId` (else BAD_USER_INPUT in `field`).
 * Trademarks are taken as given: the enterprises subgraph offers no trademark lookup.
 */
export async function ownedAssets(ctx: FinanceContext, assets: readonly AssetRef[], ownerId: string, field: string): Promise<PatentFacts[]> {
  const ids = (kind: AssetRef['kind']) => assets.filter((a) => a.kind === kind).map((a) => a.id);
  const [patentNumbers, dataAssetIds] = [ids('PATENT'), ids('DATA_ASSET')];
  const [patents, dataAssets] = await Promise.all([
    Promise.all(patentNumbers.map((n) => ctx.loaders.patentFacts.load(n))),
    Promise.all(dataAssetIds.map((id) => ctx.loaders.dataAssetFacts.load(id))),
  ]);
  const owners = [
    ...patents.map((p, i) => ({ asset: `patent ${patentNumbers[i]}`, owner: p === null ? undefined : (p.enterprise?.id ?? null) })),
    ...dataAssets.map((d, i) => ({ asset: `data asset ${dataAssetIds[i]}`, owner: d === null ? undefined : d.owner.id })),
  ];
  for (const { asset, owner } of owners) {
    if (owner === undefined) throw notFound(asset);
    if (owner !== ownerId) throw badInput(`${asset} does not belong to enterprise ${ownerId}`, field);
  }
  return patents.filter((p): p is PatentFacts => p !== null);
}
