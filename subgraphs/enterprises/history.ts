// Every registered right's history: each change, in order, as the store recorded it with the change.
import { badInput } from '../../platform/errors.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { connectionType, describedValues, pageArgDescriptions } from '../common/shared-types.js';
import { builder, PageInfo, Patent, Role, Trademark } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { ASSET_EVENT_TYPE_MEANINGS, ASSET_EVENT_TYPES, type AssetEvent, patentAsset, rightKey } from './domain/model.js';

const EventType = builder.enumType('AssetEventType', {
  description: "What kind of change an entry of a right's history records",
  values: describedValues(ASSET_EVENT_TYPES, ASSET_EVENT_TYPE_MEANINGS),
});

const Event = builder.objectRef<AssetEvent>('AssetEvent').implement({
  description: 'One change to a registered right, in its append-only history',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: "1 for the right's first change, then one more each" }),
    at: t.field({ type: 'DateTime', description: 'When the change was recorded', resolve: (e) => e.at }),
    actor: t.exposeString('actor', { description: 'The key or account that made it' }),
    role: t.field({ type: Role, description: 'The role the actor acted as', resolve: (e) => e.role as never }),
    type: t.field({ type: EventType, description: 'What kind of change it was', resolve: (e) => e.type }),
    details: t.field({ type: 'JSON', description: 'What changed: the dates, numbers, parties and decisions of the operation', resolve: (e) => e.details }),
  }),
});
const EventConnection = connectionType(builder, 'AssetEvent', Event, PageInfo);

/** A page of a right's history; the cursor is the seq. */
async function historyOf(ctx: EnterprisesContext, asset: string, args: { first?: number | null; after?: string | null }) {
  const page = pageRequest(args.first, args.after);
  const after = page.after === undefined ? undefined : Number(page.after);
  if (after !== undefined && !Number.isSafeInteger(after)) throw badInput('after is not a cursor this API returned', 'after');
  const rows = await ctx.store.history.page(asset, after, page.first + 1);
  return toConnection(
    rows,
    page,
    (e) => String(e.seq),
    () => ctx.store.history.count(asset),
  );
}

const DESCRIPTION = 'Every change since registration, oldest first';
builder.objectFields(Patent, (t) => ({
  history: t.field({
    type: EventConnection,
    description: DESCRIPTION,
    args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
    resolve: (p, args, ctx) => historyOf(ctx, patentAsset(p.applicationNumber), args),
  }),
}));
builder.objectFields(Trademark, (t) => ({
  history: t.field({
    type: EventConnection,
    description: DESCRIPTION,
    args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
    resolve: (m, args, ctx) => historyOf(ctx, rightKey({ kind: 'TRADEMARK', number: m.registrationNumber }), args),
  }),
}));
