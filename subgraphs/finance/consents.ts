// The pledgee's consent to a disposal of a pledged right (Civil Code art. 444: a pledged right is
// transferred or licensed only with the pledgee's consent). The pledgee bank (or centre staff)
// records it on a REGISTERED pledge, in the pledge's history too; before registering a transfer or
// licence, the enterprises subgraph asks for the asset's active pledge and its consents.

import { badInput, failure, notFound } from '../../platform/errors.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { requireIdentity } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { outsideParty } from '../common/outside-party.js';
import { mutationForms } from '../common/payload.js';
import { checkInput, optionalText, text } from '../common/validation.js';
import { workflowEvent } from '../common/workflow-event.js';
import { inPledgeScope, pledgeScope, requirePledgee } from './access.js';
import { IpAsset, IpAssetInput, oneAsset } from './assets.js';
import { builder, Enterprise } from './builder.js';
import type { FinanceContext } from './context.js';
import { assetKey, type AssetRef, type ConsentRecord, type PledgeRecord } from './domain/model.js';
import type { PledgeState } from './domain/pledge-rules.js';
import { consentNote, MAX_CONSENTS } from './domain/pledge-rules.js';
import { consentRecorded } from './notices.js';
import { OutsidePartyInput, OutsidePartyType } from './outside-parties.js';
import { DisposalEnum, Pledge } from './pledges.js';
import { type ConsentOutcome } from './store/port.js';

const Consent = builder.objectRef<ConsentRecord>('PledgeConsent').implement({
  description: "The pledgee's recorded consent to a transfer or licence of one asset of a pledge's collateral (Civil Code art. 444)",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The consent's id in the hub (a UUID)" }),
    asset: t.field({ type: IpAsset, description: "The asset of the pledge's collateral it lets the pledgor dispose of", resolve: (c) => c.asset }),
    disposal: t.field({ type: DisposalEnum, description: 'What it lets the pledgor do with the asset', resolve: (c) => c.disposal }),
    counterparty: t.field({
      type: Enterprise,
      nullable: true,
      description:
        'The transferee or licensee registered with the centre; null when it is outside the registry (outsideCounterparty), or for a caller who may read the consent but not that enterprise',
      resolve: (c) => (c.outsideCounterparty === null ? { id: c.counterpartyId } : null),
    }),
    outsideCounterparty: t.field({
      type: OutsidePartyType,
      nullable: true,
      description: 'The transferee or licensee outside the registry (a person or a foreign entity); null when it is an enterprise (counterparty)',
      resolve: (c) => c.outsideCounterparty,
    }),
    grantedAt: t.field({ type: 'DateTime', description: 'When it was recorded', resolve: (c) => c.grantedAt }),
    grantedBy: t.exposeString('grantedBy', { description: 'The key that granted it' }),
    note: t.exposeString('note', { nullable: true, description: "The pledgee's note; null when none was given" }),
  }),
});

builder.objectFields(Pledge, (t) => ({
  consents: t.field({
    type: [Consent],
    description: `The pledgee's consents to transfers and licences of the collateral, oldest first (${MAX_CONSENTS} at most)`,
    resolve: (p, _args, ctx) => ctx.loaders.consentsOf.load(p.id),
  }),
}));

const ConsentInput = builder.inputType('ConsentToDisposalInput', {
  description: "The pledgee's consent to record: which asset of which pledge, what disposal, to whom",
  fields: (t) => ({
    pledgeId: t.id({ required: true, description: "The pledge's id: a REGISTERED pledge the caller is pledgee of (centre staff: any)" }),
    asset: t.field({ type: IpAssetInput, required: true, description: "An asset of the pledge's collateral" }),
    disposal: t.field({ type: DisposalEnum, required: true, description: 'What the pledgee consents to: a transfer or a licence of the asset' }),
    counterpartyId: t.id({ description: 'The transferee or licensee registered with the centre; or give outsideCounterparty' }),
    outsideCounterparty: t.field({
      type: OutsidePartyInput,
      description: 'The transferee or licensee outside the registry (a person or a foreign entity); or give counterpartyId',
    }),
    note: t.string({ description: "The pledgee's note, 1 to 2000 characters: kept with the consent and in the pledge's history" }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('consent') }),
  }),
});

/** Why the store refused a consent the resolver had found acceptable: the pledge changed meanwhile. */
function refusedConsent(outcome: Exclude<ConsentOutcome, 'RECORDED'>, id: string): Error {
  switch (outcome) {
    case 'NOT_FOUND':
      return notFound(`pledge ${id}`);
    case 'NOT_REGISTERED':
      return failure('CONFLICT', `pledge ${id} was closed by someone else meanwhile; reload it`);
    case 'TOO_MANY':
      return failure('BAD_USER_INPUT', `pledge ${id} holds ${MAX_CONSENTS} consents already, the most one pledge keeps`, {
        field: 'pledgeId',
        limit: MAX_CONSENTS,
      });
  }
}

/** The asset among the pledge's collateral, else BAD_USER_INPUT in `asset`. */
function inCollateral(p: PledgeRecord, asset: AssetRef): void {
  if (!p.collateral.some((a) => assetKey(a) === assetKey(asset)))
    throw failure('BAD_USER_INPUT', `${assetKey(asset)} is not in the collateral of pledge ${p.id}`, { field: 'asset' });
}

/** The transferee or licensee: an enterprise registered with the centre, not the pledgor itself. */
async function counterparty(ctx: FinanceContext, p: PledgeRecord, id: string): Promise<void> {
  if (id === p.pledgorId)
    throw failure('BAD_USER_INPUT', 'the counterparty is the pledgor itself: name the transferee or licensee', { field: 'counterpartyId' });
  if (!(await ctx.loaders.enterpriseRegistered.load(id))) throw failure('NOT_FOUND', `enterprise ${id} does not exist`, { field: 'counterpartyId' });
}

// The payload's field is `pledge`: the mutation answers the pledge, its consents among them.
mutationForms(builder, {
  name: 'consentToDisposal',
  payload: 'pledgeConsentRecord',
  object: 'pledge',
  type: Pledge,
  description:
    "The pledgee bank (or centre staff) records its consent to a transfer or licence of an asset of a REGISTERED pledge's collateral; the pledge's history records it too",
  callers: ['CENTER_STAFF', 'BANK'],
  args: (t) => ({ input: t.field({ type: ConsentInput, required: true, description: 'The consent to record' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const id = String(input.pledgeId);
    const { asset, party, note } = await checkInput({
      asset: () => oneAsset(input.asset, 'asset'),
      party: () => {
        const given = (input.counterpartyId == null ? 0 : 1) + (input.outsideCounterparty == null ? 0 : 1);
        if (given !== 1) throw badInput('name the transferee or licensee once: counterpartyId or outsideCounterparty', 'counterpartyId');
        return input.outsideCounterparty == null
          ? { counterpartyId: text(String(input.counterpartyId), 'counterpartyId', 128), outsideCounterparty: null }
          : { counterpartyId: '', outsideCounterparty: outsideParty(input.outsideCounterparty, 'outsideCounterparty') };
      },
      note: () => optionalText(input.note, 'note', 2000),
    });
    const { counterpartyId } = party;
    const current = await ctx.loaders.pledge.load(id);
    if (current === undefined) throw notFound(`pledge ${id}`);
    requirePledgee(identity, current, 'consent to a disposal of its collateral');
    await createOnce<ConsentRecord>(identity, {
      mutation: 'consentToDisposal',
      what: 'consent',
      key: idempotencyKey(input.idempotencyKey),
      given: { pledgeId: id, asset, disposal: input.disposal, ...party, note },
      stored: async (consentId) => (await ctx.loaders.consentsOf.clear(id).load(id)).find((c) => c.id === consentId),
      create: async (consentId) => {
        if (current.state !== 'REGISTERED') {
          throw failure(
            'INVALID_TRANSITION',
            `pledge ${id} is ${current.state}: it binds its collateral no more, and only a REGISTERED pledge takes a consent`,
            { from: current.state },
          );
        }
        await checkInput({
          asset: () => inCollateral(current, asset),
          counterpartyId: () => (party.outsideCounterparty === null ? counterparty(ctx, current, counterpartyId) : undefined),
        });
        const at = new Date().toISOString();
        const consent: ConsentRecord = {
          id: consentId,
          pledgeId: id,
          asset,
          disposal: input.disposal,
          ...party,
          grantedAt: at,
          grantedBy: identity.keyId,
          note,
        };
        const outcome = await ctx.store.pledges.addConsent(
          consent,
          workflowEvent<PledgeState>(identity, at, 'REGISTERED', 'REGISTERED', consentNote(consent)),
          MAX_CONSENTS,
          [consentRecorded(current, consent)],
        );
        if (outcome !== 'RECORDED') throw refusedConsent(outcome, id);
        return consent;
      },
    });
    ctx.loaders.consentsOf.clear(id);
    ctx.loaders.pledgeEventsOf.clear(id);
    // The pledge as the consent left it (its updatedAt moved).
    return (await ctx.loaders.pledge.clear(id).load(id)) ?? current;
  },
});

builder.queryFields((t) => ({
  activePledgesOn: t.field({
    type: [Pledge],
    description:
      'The REGISTERED pledge an asset is collateral in (one at most), with its consents, if the caller is party to it: centre staff see any, a bank those it is pledgee of, an enterprise its own',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'BANK'),
    args: { asset: t.arg({ type: IpAssetInput, required: true, description: 'The asset: a patent by its application number in any accepted form' }) },
    resolve: async (_root, args, ctx) => {
      const scope = pledgeScope(requireIdentity(ctx));
      const found = await ctx.loaders.activePledgeOn.load(assetKey(oneAsset(args.asset, 'asset')));
      if (found === undefined || !inPledgeScope(found, scope)) return [];
      ctx.loaders.pledge.prime(found.id, found);
      return [found];
    },
  }),
}));
