// Data assets (数据知识产权): a registered data set's fingerprint timestamped on the ledger.
import { randomUUID } from 'node:crypto';

import { badInput } from '../../platform/errors.js';
import { requireActFor, requireIdentity } from '../common/auth.js';
import { appendOrFail } from '../common/ledger-append.js';
import { text } from '../common/validation.js';
import { actingFor, readableDataAsset } from './access.js';
import { builder, contentDigest, DataAsset, Enterprise, isoTime, LedgerReceipt } from './builder.js';
import type { DataAssetRecord } from './domain/model.js';

builder.objectFields(Enterprise, (t) => ({
  dataAssets: t.field({
    type: [DataAsset],
    description: "The enterprise's registered data assets, newest first",
    resolve: (e, _args, ctx) => {
      const identity = requireIdentity(ctx);
      if (identity.role === 'ENTERPRISE') requireActFor(ctx, e.id);
      return ctx.loaders.dataAssetsOf.load(e.id);
    },
  }),
}));

DataAsset.implement({
  description: 'A registered data set (数据知识产权): its SHA-256 fingerprint, timestamped on the ledger',
  fields: (t) => ({
    id: t.exposeID('id'),
    owner: t.field({ type: Enterprise, resolve: (a) => ({ id: a.ownerId }) }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    fingerprint: t.exposeString('fingerprint', { description: 'SHA-256 of the data set, hex' }),
    registeredAt: t.field({ type: 'DateTime', resolve: (a) => a.registeredAt }),
    receipt: t.field({ type: LedgerReceipt, resolve: (a) => a.receipt }),
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
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => readableDataAsset(ctx, String(id)),
  }),
}));

const RegisterDataAssetInput = builder.inputType('RegisterDataAssetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    fingerprint: t.string({ required: true, description: 'SHA-256 of the data set, 64 hex characters' }),
    ownerId: t.id({ description: 'Centre staff: the enterprise registering. Enterprise keys: omit, or their own id' }),
  }),
});

builder.mutationFields((t) => ({
  registerDataAsset: t.field({
    type: DataAsset,
    args: { input: t.arg({ type: RegisterDataAssetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ownerId = actingFor(ctx, input.ownerId, 'ownerId');
      const fingerprint = contentDigest(input.fingerprint, 'fingerprint');
      const name = text(input.name, 'name', 200);
      const description = input.description.trim();
      if (description.length > 2000) throw badInput('description must be at most 2000 characters', 'description');
      const id = randomUUID();
      const receipt = await appendOrFail(
        ctx.ledger,
        { kind: 'DATA_ASSET_REGISTRATION', subject: `data-asset:${id}`, contentDigest: fingerprint, depositor: ownerId, metadata: { name, description } },
        'registration',
      );
      const record: DataAssetRecord = { id, ownerId, name, description, fingerprint, registeredAt: isoTime(receipt.timestamp), receipt };
      await ctx.store.dataAssets.insert(record);
      return record;
    },
  }),
}));
