// Data assets (数据知识产权): a registered data set's fingerprint timestamped on the ledger.
import { badInput } from '../../platform/errors.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../../platform/pagination.js';
import { requireActFor, requireIdentity } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { createAnchored, idempotencyKeyHelp } from '../common/create-once.js';
import { ownerConnection } from '../common/page-loader.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, pageArgDescriptions } from '../common/shared-types.js';
import { checkInput, text } from '../common/validation.js';
import { actingFor, readableDataAsset } from './access.js';
import { builder, contentDigest, DataAsset, Enterprise, isoTime, LedgerReceipt, PageInfo } from './builder.js';
import type { DataAssetRecord } from './domain/model.js';
import type { DataAssetKey } from './store/port.js';

const DataAssetConnection = connectionType(builder, 'DataAsset', DataAsset, PageInfo);

/** The place a data-asset cursor names: its registration time and id. */
function assetKey(after: string): DataAssetKey {
  let key: unknown;
  try {
    key = JSON.parse(after);
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string')
    throw badInput('after is not a cursor this API returned', 'after');
  return { registeredAt: key[0], id: key[1] };
}

builder.objectFields(Enterprise, (t) => ({
  dataAssets: t.field({
    type: DataAssetConnection,
    description: `The enterprise's registered data assets, newest first, a page at a time (first: ${DEFAULT_PAGE} unless given, ${MAX_PAGE} at most)`,
    args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
    resolve: async (e, args, ctx) => {
      const identity = requireIdentity(ctx);
      if (identity.role === 'ENTERPRISE') requireActFor(ctx, e.id);
      return ownerConnection(ctx.loaders.dataAssetsOf, ctx.loaders.dataAssetCounts, e.id, args, (a) => JSON.stringify([a.registeredAt, a.id]), assetKey);
    },
  }),
}));

DataAsset.implement({
  description: 'A registered data set (数据知识产权): its SHA-256 fingerprint, timestamped on the ledger',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The data asset's id in the hub (a UUID)" }),
    owner: t.field({ type: Enterprise, description: 'The enterprise that registered the data set and holds it', resolve: (a) => ({ id: a.ownerId }) }),
    name: t.exposeString('name', { description: "The data set's name, as registered (1 to 200 characters)" }),
    description: t.exposeString('description', { description: 'What the data set holds, as registered (at most 2,000 characters; may be empty)' }),
    fingerprint: t.exposeString('fingerprint', { description: 'SHA-256 of the data set, hex' }),
    registeredAt: t.field({
      type: 'DateTime',
      description: "When the ledger timestamped the registration: its receipt's timestamp",
      resolve: (a) => a.registeredAt,
    }),
    receipt: t.field({ type: LedgerReceipt, description: 'The DATA_ASSET_REGISTRATION ledger entry that timestamps it', resolve: (a) => a.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'The registration certificate that ledger/verify checks offline',
      resolve: (a, _args, ctx) => ctx.ledger.certificate(a.receipt.seq),
    }),
  }),
});
builder.asEntity(DataAsset, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableDataAsset(ctx, ref.id),
});

builder.queryFields((t) => ({
  dataAsset: t.field({
    type: DataAsset,
    nullable: true,
    description: 'A registered data asset by its id: its owner, staff and institutions read it; null otherwise, as for none',
    tag: calledBy(...ANY_ROLE),
    args: { id: t.arg.id({ required: true, description: "The data asset's id" }) },
    resolve: (_root, { id }, ctx) => readableDataAsset(ctx, String(id)),
  }),
}));

const RegisterDataAssetInput = builder.inputType('RegisterDataAssetInput', {
  description: 'A data set to register, by its SHA-256 fingerprint (the data stays with its owner), with its name and description',
  fields: (t) => ({
    name: t.string({ required: true, description: "The data set's name, 1 to 200 characters once trimmed; recorded on the ledger" }),
    description: t.string({
      required: true,
      description: 'What the data set holds, at most 2,000 characters once trimmed (may be empty); recorded on the ledger',
    }),
    fingerprint: t.string({ required: true, description: 'SHA-256 of the data set, 64 hex characters' }),
    ownerId: t.id({ description: 'Centre staff: the enterprise registering. Enterprise keys: omit, or their own id' }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('registration') }),
  }),
});

mutationForms(builder, {
  name: 'registerDataAsset',
  payload: 'dataAssetRegister',
  object: 'dataAsset',
  type: DataAsset,
  description: 'Registers a data set (数据知识产权) by its SHA-256 fingerprint: one ledger entry, with a certificate that verifies offline',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({
    input: t.field({ type: RegisterDataAssetInput, required: true, description: "The data set's fingerprint, name and description, and its owner" }),
  }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const { ownerId, fingerprint, name, description } = await checkInput({
      ownerId: () => actingFor(ctx, input.ownerId, 'ownerId'),
      fingerprint: () => contentDigest(input.fingerprint, 'fingerprint'),
      name: () => text(input.name, 'name', 200),
      description: () => {
        const trimmed = input.description.trim();
        if (trimmed.length > 2000) throw badInput('description must be at most 2000 characters', 'description');
        return trimmed;
      },
    });
    return createAnchored<DataAssetRecord>(ctx.ledger, identity, {
      mutation: 'registerDataAsset',
      what: 'data asset registration',
      key: idempotencyKey(input.idempotencyKey),
      entry: { kind: 'DATA_ASSET_REGISTRATION', contentDigest: fingerprint, depositor: ownerId, metadata: { name, description } },
      subject: (id) => `data-asset:${id}`,
      stored: async (id) => (await ctx.store.dataAssets.byIds([id]))[0],
      build: (id, receipt) => ({ id, ownerId, name, description, fingerprint, registeredAt: isoTime(receipt.timestamp), receipt }),
      insert: (record) => ctx.store.dataAssets.insert(record),
      given: { ownerId, fingerprint, name, description },
    });
  },
});
