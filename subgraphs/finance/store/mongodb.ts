// The finance subgraph's repositories on MongoDB (the distributed mode; transactions need a
// replica set). An asset is in at most one active pledge because active_pledged_assets has it as
// _id, written in the pledge's own transaction. The writes that report events put their
// notifications in the outbox in that same transaction. The Db belongs to the caller.
import type { AnyBulkWriteOperation, ClientSession, Db, Filter } from 'mongodb';

import { mongoOutbox } from '../../../outbox/mongodb.js';
import { hubTimeZone, monthOf } from '../../../platform/hub-calendar.js';
import {
  changedSince,
  COLLECTION_OPTIONS,
  createCollections,
  distinct,
  findByIds,
  findGrouped,
  inTransaction,
  isDuplicateKeyOn,
  listPage,
  type MongoStoreOptions,
  monthCountsInZone,
  monthInZone,
  reportingUnavailable,
} from '../../../platform/mongodb.js';
import type { ClaimRecord, ConsentRecord, PledgeEvent, PledgeRecord, PolicyRecord } from '../domain/model.js';
import { assetKey, MAX_AMENDMENTS } from '../domain/model.js';
import { type CollateralKind, collateralKind, formatRegistrationNumber, type PledgeState, registrationYear } from '../domain/pledge-rules.js';
import type { FinanceStore, PledgeFilter, PolicyFilter } from './port.js';
import type { CloseClaim } from './port.js';
import { AssetAlreadyPledgedError } from './port.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

type JointFields = 'acknowledgedRisks' | 'pledgeeKind' | 'application' | 'authorityRegistration' | 'pendingAmendment' | 'amendments';
interface PledgeDoc extends Writable<Omit<PledgeRecord, 'id' | JointFields>> {
  _id: string;
  /** Absent from a document written before risks were acknowledged: none. */
  acknowledgedRisks?: PledgeRecord['acknowledgedRisks'];
  /** These absent from a document written before joint applications (2026-12): a bank's, applied for alone, never amended. */
  pledgeeKind?: PledgeRecord['pledgeeKind'];
  application?: PledgeRecord['application'];
  authorityRegistration?: PledgeRecord['authorityRegistration'];
  pendingAmendment?: PledgeRecord['pendingAmendment'];
  amendments?: PledgeRecord['amendments'];
  /** The claim on closing it, while one is held (FinanceStore.claimClose). */
  closing?: CloseClaim | null;
  /** assetKey of each collateral asset, indexed: an asset's pledge history. */
  assetKeys: string[];
  events: PledgeEvent[];
  /** The pledgee's consents, oldest first; absent from a document written before them. */
  consents?: Omit<ConsentRecord, 'pledgeId'>[];
}

interface ActiveAssetDoc {
  /** assetKey: the unique _id index is what keeps an asset in one active pledge. */
  _id: string;
  pledgeId: string;
}

interface CounterDoc {
  /** The registration year. */
  _id: number;
  n: number;
}

/** Pledges registered in one month with one pledgee (_id month:pledgee), kept in the writer's transaction. */
interface MonthCountDoc {
  _id: string;
  month: string;
  pledgee: string;
  n: number;
  amountFen: number;
}

/** Pledges in one state (_id), likewise. */
interface StateCountDoc {
  _id: PledgeState;
  n: number;
}

/** Pledges registered, and their secured amounts, by the kind of their collateral (_id), likewise. */
interface KindCountDoc {
  _id: CollateralKind;
  n: number;
  amountFen: number;
}

const stateCount = (state: PledgeState, n: number): AnyBulkWriteOperation<StateCountDoc> => ({
  updateOne: { filter: { _id: state }, update: { $inc: { n } }, upsert: true },
});

interface PolicyDoc extends Writable<Omit<PolicyRecord, 'id'>> {
  _id: string;
  /** assetKey of each covered asset, indexed: the policies covering an asset. */
  coveredKeys: string[];
  /** Sum of the claims paid: the condition that keeps payments within the sum insured. */
  paidFen: number;
  claims: Omit<ClaimRecord, 'policyId'>[];
}

/** The unique index that keeps an asset in one active pledge. */
const ONE_ACTIVE_PLEDGE = { name: '_id_', key: { _id: 1 } };

const toPledge = ({
  _id,
  assetKeys: _keys,
  events: _events,
  consents: _consents,
  closing: _closing,
  acknowledgedRisks,
  pledgeeKind,
  application,
  authorityRegistration,
  pendingAmendment,
  amendments,
  ...rest
}: PledgeDoc): PledgeRecord => ({
  id: _id,
  ...rest,
  acknowledgedRisks: acknowledgedRisks ?? [],
  pledgeeKind: pledgeeKind ?? 'BANK',
  application: application ?? null,
  authorityRegistration: authorityRegistration ?? null,
  pendingAmendment: pendingAmendment ?? null,
  amendments: amendments ?? [],
});
const toPolicy = ({ _id, paidFen: _paid, claims: _claims, coveredKeys: _keys, ...rest }: PolicyDoc): PolicyRecord => ({ id: _id, ...rest });
const noEvents = { projection: { events: 0, consents: 0 } };
const noClaims = { projection: { claims: 0 } };

function pledgeQuery(filter: PledgeFilter): Filter<PledgeDoc> {
  const query: Filter<PledgeDoc> = {};
  if (filter.state !== undefined) query.state = filter.state;
  if (filter.pledgorId !== undefined) query.pledgorId = filter.pledgorId;
  if (filter.pledgee !== undefined) query.pledgee = filter.pledgee;
  // A document from before kinds has none: a bank's.
  if (filter.pledgeeKind !== undefined) query.pledgeeKind = filter.pledgeeKind === 'BANK' ? { $in: ['BANK', null as unknown as 'BANK'] } : filter.pledgeeKind;
  return query;
}

function policyQuery(filter: PolicyFilter): Filter<PolicyDoc> {
  const query: Filter<PolicyDoc> = {};
  if (filter.insurer !== undefined) query.insurer = filter.insurer;
  if (filter.insuredId !== undefined) query.insuredId = filter.insuredId;
  return query;
}

export async function openMongoFinanceStore(db: Db, options: MongoStoreOptions = {}): Promise<FinanceStore> {
  const prefix = options.collectionPrefix ?? '';
  const names = {
    pledges: 'pledges',
    active: 'active_pledged_assets',
    counters: 'pledge_registration_counters',
    policies: 'insurance_policies',
    monthCounts: 'pledge_month_counts',
    stateCounts: 'pledge_state_counts',
    kindCounts: 'pledge_kind_counts',
  };
  await createCollections(
    db,
    Object.values(names).map((name) => prefix + name),
  );
  const pledges = db.collection<PledgeDoc>(prefix + names.pledges, COLLECTION_OPTIONS);
  const active = db.collection<ActiveAssetDoc>(prefix + names.active, COLLECTION_OPTIONS);
  const counters = db.collection<CounterDoc>(prefix + names.counters, COLLECTION_OPTIONS);
  const policies = db.collection<PolicyDoc>(prefix + names.policies, COLLECTION_OPTIONS);
  const monthCounts = db.collection<MonthCountDoc>(prefix + names.monthCounts, COLLECTION_OPTIONS);
  const stateCounts = db.collection<StateCountDoc>(prefix + names.stateCounts, COLLECTION_OPTIONS);
  const kindCounts = db.collection<KindCountDoc>(prefix + names.kindCounts, COLLECTION_OPTIONS);
  /**
   * Adds a registration to the counts by month and kind (n 1) or takes it off them (-1), in the
   * writer's session; n 0 moves the amount alone (an amendment). A proposal is in neither.
   */
  const countRegistration = async (
    p: Pick<PledgeRecord, 'registeredAt' | 'pledgee' | 'securedAmountFen' | 'collateral'>,
    n: 1 | 0 | -1,
    amountFen: number,
    session: ClientSession,
  ) => {
    const month = monthOf(p.registeredAt);
    await monthCounts.updateOne(
      { _id: `${month}:${p.pledgee}` },
      { $inc: { n, amountFen }, $setOnInsert: { month, pledgee: p.pledgee } },
      { upsert: true, session },
    );
    await kindCounts.updateOne({ _id: collateralKind(p.collateral) }, { $inc: { n, amountFen } }, { upsert: true, session });
  };
  const moveState = (from: PledgeState, to: PledgeState, session: ClientSession) =>
    stateCounts.bulkWrite([stateCount(from, -1), stateCount(to, 1)], { session });
  /** Claims each asset for pledge `id` in the session: AssetAlreadyPledgedError (after the transaction rolled back) when one is taken. */
  const claimingAssets = async <T>(keys: readonly string[], work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!isDuplicateKeyOn(err, active, ONE_ACTIVE_PLEDGE)) throw err;
      const taken = (await active.find({ _id: { $in: [...keys] } }).toArray()).map((d) => d._id);
      throw new AssetAlreadyPledgedError(taken.length > 0 ? taken : keys);
    }
  };
  await pledges.createIndexes([
    { key: { registrationNumber: 1 }, name: 'by_registration_number', unique: true },
    { key: { pledgorId: 1, registeredAt: -1, _id: 1 }, name: 'by_pledgor' },
    { key: { assetKeys: 1, registeredAt: -1 }, name: 'by_asset' },
    { key: { pledgee: 1, _id: 1 }, name: 'by_pledgee' },
    { key: { state: 1, _id: 1 }, name: 'by_state' },
    { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
    { key: { pledgee: 1, updatedAt: 1, _id: 1 }, name: 'by_pledgee_change' },
  ]);
  // Pledges and policies from before updatedAt are dated by their last change the document shows
  // (a pipeline update, idempotent: processes opening the store together may both run it).
  await pledges.updateMany({ updatedAt: { $exists: false } }, [
    { $set: { updatedAt: { $max: ['$registeredAt', { $ifNull: ['$closedAt', ''] }, { $max: '$events.at' }] } } },
  ]);
  await policies.updateMany({ updatedAt: { $exists: false } }, [
    { $set: { updatedAt: { $max: ['$issuedAt', { $max: '$claims.filedAt' }, { $max: '$claims.settledAt' }] } } },
  ]);
  await active.createIndex({ pledgeId: 1 }, { name: 'by_pledge' });
  await monthCounts.createIndex({ month: 1, pledgee: 1 }, { name: 'by_month' });
  // Pledges from before the counters are counted once, each counter when it is empty; idempotent
  // ($set), so processes opening the store together may both run it.
  const uncounted = (await pledges.estimatedDocumentCount()) > 0;
  await monthCountsInZone(db, options.collectionPrefix ?? '', 'pledge_month_counts', hubTimeZone(), async (session) => {
    const months = await pledges
      .aggregate<{ _id: { month: string; pledgee: string }; n: number; amountFen: number }>(
        [
          {
            $group: {
              _id: { month: monthInZone('registeredAt', hubTimeZone()), pledgee: '$pledgee' },
              n: { $sum: 1 },
              amountFen: { $sum: '$securedAmountFen' },
            },
          },
        ],
        { session },
      )
      .toArray();
    await monthCounts.deleteMany({}, { session });
    const docs = months.map(({ _id: k, n, amountFen }) => ({ _id: `${k.month}:${k.pledgee}`, month: k.month, pledgee: k.pledgee, n, amountFen }));
    if (docs.length > 0) await monthCounts.insertMany(docs, { session });
  });
  if (uncounted && (await kindCounts.estimatedDocumentCount()) === 0) {
    // Idempotent ($set of sums computed from the pledges), as the state counts below.
    const sums = new Map<CollateralKind, { n: number; amountFen: number }>();
    for await (const p of pledges.find({}, { projection: { collateral: 1, securedAmountFen: 1 } })) {
      const kind = collateralKind(p.collateral);
      const sum = sums.get(kind) ?? { n: 0, amountFen: 0 };
      sums.set(kind, { n: sum.n + 1, amountFen: sum.amountFen + p.securedAmountFen });
    }
    for (const [kind, sum] of sums) await kindCounts.updateOne({ _id: kind }, { $set: sum }, { upsert: true });
  }
  if (uncounted && (await stateCounts.estimatedDocumentCount()) === 0) {
    const states = await pledges.aggregate<{ _id: PledgeState; n: number }>([{ $group: { _id: '$state', n: { $sum: 1 } } }]).toArray();
    for (const st of states) await stateCounts.updateOne({ _id: st._id }, { $set: { n: st.n } }, { upsert: true });
  }
  // Where the relay reads it (notifications/outbox/open.ts).
  const outbox = await mongoOutbox(db, prefix, 'finance');
  await policies.createIndexes([
    { key: { insuredId: 1, issuedAt: -1, _id: 1 }, name: 'by_insured' },
    { key: { insurer: 1, _id: 1 }, name: 'by_insurer' },
    { key: { coveredKeys: 1, issuedAt: -1, _id: 1 }, name: 'by_covered_asset' },
    { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
    { key: { insurer: 1, updatedAt: 1, _id: 1 }, name: 'by_insurer_change' },
    { key: { 'claims.id': 1 }, name: 'by_claim' },
  ]);

  return reportingUnavailable<FinanceStore>({
    pledges: {
      async register(p, first, notify = () => []) {
        const keys = p.collateral.map(assetKey);
        const year = registrationYear(p.registeredAt);
        return claimingAssets(keys, () =>
          inTransaction(db.client, async (session) => {
            if (p.state === 'REGISTERED') await active.insertMany(keys.map((k) => ({ _id: k, pledgeId: p.id }), { session }));
            const counter = await counters.findOneAndUpdate({ _id: year }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after', session });
            const record: PledgeRecord = { ...p, registrationNumber: formatRegistrationNumber(year, counter!.n), updatedAt: p.registeredAt };
            const { id, ...rest } = record;
            await pledges.insertOne({ _id: id, ...rest, assetKeys: keys, events: [first], consents: [] }, { session });
            await stateCounts.bulkWrite([stateCount(p.state, 1)], { session });
            if (p.state === 'REGISTERED') await countRegistration(record, 1, record.securedAmountFen, session);
            await outbox.write(notify(record), session);
            return record;
          }),
        );
      },
      async confirm(id, c, event) {
        const found = await pledges.findOne({ _id: id }, noEvents);
        if (found === null) return undefined;
        const before = toPledge(found);
        const keys = before.collateral.map(assetKey);
        return claimingAssets(keys, () =>
          inTransaction(db.client, async (session) => {
            const application = before.application === null ? null : { ...before.application, confirmedAt: c.at, confirmedBy: c.by };
            const confirmed = await pledges.updateOne(
              { _id: id, state: 'PROPOSED' },
              {
                $set: { state: 'REGISTERED', registeredAt: c.at, application },
                $push: { events: event },
                $max: { updatedAt: c.at },
              },
              { session },
            );
            if (confirmed.modifiedCount !== 1) return undefined;
            await active.insertMany(keys.map((k) => ({ _id: k, pledgeId: id }), { session }));
            await moveState('PROPOSED', 'REGISTERED', session);
            const after: PledgeRecord = {
              ...before,
              state: 'REGISTERED',
              registeredAt: c.at,
              application,
              updatedAt: c.at > before.updatedAt ? c.at : before.updatedAt,
            };
            await countRegistration(after, 1, after.securedAmountFen, session);
            return after;
          }),
        );
      },
      async answerProposal(id, event, notify) {
        return inTransaction(db.client, async (session) => {
          const answered = await pledges.updateOne(
            { _id: id, state: 'PROPOSED' },
            { $set: { state: event.to, closedAt: event.at }, $push: { events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (answered.modifiedCount !== 1) return false;
          await moveState('PROPOSED', event.to, session);
          await outbox.write(notify, session);
          return true;
        });
      },
      async recordAuthorityRegistration(id, registration, event) {
        const recorded = await pledges.updateOne(
          { _id: id, state: { $in: ['REGISTERED', 'RELEASED', 'ENFORCED'] }, authorityRegistration: null },
          { $set: { authorityRegistration: registration }, $push: { events: event }, $max: { updatedAt: event.at } },
        );
        if (recorded.modifiedCount === 1) return 'RECORDED';
        const now = await pledges.findOne({ _id: id }, { projection: { state: 1 } });
        if (now === null) return 'NOT_FOUND';
        return ['REGISTERED', 'RELEASED', 'ENFORCED'].includes(now.state) ? 'RECORDED_ALREADY' : 'NOT_REGISTERED';
      },
      async proposeAmendment(id, amendment, event, notify) {
        const added = await inTransaction(db.client, async (session) => {
          const proposed = await pledges.updateOne(
            { _id: id, state: 'REGISTERED', pendingAmendment: null, [`amendments.${MAX_AMENDMENTS - 1}`]: { $exists: false } },
            { $set: { pendingAmendment: amendment }, $push: { events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (proposed.modifiedCount !== 1) return false;
          await outbox.write(notify, session);
          return true;
        });
        if (added) return 'RECORDED';
        const now = await pledges.findOne({ _id: id }, { projection: { state: 1, pendingAmendment: 1 } });
        if (now === null) return 'NOT_FOUND';
        if (now.state !== 'REGISTERED') return 'NOT_REGISTERED';
        return now.pendingAmendment == null ? 'TOO_MANY' : 'PENDING';
      },
      async dropAmendment(id, event, notify) {
        return inTransaction(db.client, async (session) => {
          const dropped = await pledges.updateOne(
            { _id: id, state: 'REGISTERED', pendingAmendment: { $ne: null } },
            { $set: { pendingAmendment: null }, $push: { events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (dropped.modifiedCount !== 1) return false;
          await outbox.write(notify, session);
          return true;
        });
      },
      async amend(id, applied, event, notify, claim) {
        return inTransaction(db.client, async (session) => {
          const held = { _id: id, state: 'REGISTERED' as const, 'pendingAmendment.proposedAt': applied.proposedAt, 'closing.token': claim };
          const before = await pledges.findOne(held, { ...noEvents, session });
          if (before === null) return false;
          const securedAmountFen = applied.changes.securedAmountFen ?? before.securedAmountFen;
          const term = applied.changes.term ?? before.term;
          const amended = await pledges.updateOne(
            held,
            {
              $set: { securedAmountFen, term, pendingAmendment: null, closing: null },
              $push: { amendments: applied, events: event },
              $max: { updatedAt: event.at },
            },
            { session },
          );
          if (amended.modifiedCount !== 1) return false;
          // The counts carry the secured amount as it now stands, in the month and kind it was registered under.
          await countRegistration(before, 0, securedAmountFen - before.securedAmountFen, session);
          await outbox.write(notify, session);
          return true;
        });
      },
      async recordRegistration(id, receipt, notify = []) {
        await inTransaction(db.client, async (session) => {
          const recorded = await pledges.updateOne(
            { _id: id },
            { $set: { registrationReceipt: receipt }, $max: { updatedAt: new Date(receipt.timestamp).toISOString() } },
            { session },
          );
          if (recorded.matchedCount === 1) await outbox.write(notify, session);
        });
      },
      async discard(id) {
        await inTransaction(db.client, async (session) => {
          const unanchored = { _id: id, state: 'REGISTERED' as const, registrationReceipt: null };
          const found = await pledges.findOne(unanchored, { session });
          if (found === null) return;
          const discarded = toPledge(found);
          if (found.events[0]?.to === 'PROPOSED' && discarded.application !== null) {
            // A confirmation the ledger never recorded: the proposal stands again, as the pledgor found it.
            const reverted = await pledges.updateOne(
              unanchored,
              {
                $set: {
                  state: 'PROPOSED',
                  registeredAt: discarded.application.proposedAt,
                  application: { ...discarded.application, confirmedAt: null, confirmedBy: null },
                  events: found.events.slice(0, -1),
                },
                $max: { updatedAt: new Date().toISOString() },
              },
              { session },
            );
            if (reverted.modifiedCount !== 1) return;
            await moveState('REGISTERED', 'PROPOSED', session);
          } else {
            if ((await pledges.deleteOne(unanchored, { session })).deletedCount !== 1) return;
            await stateCounts.bulkWrite([stateCount('REGISTERED', -1)], { session });
          }
          await active.deleteMany({ pledgeId: id }, { session });
          await countRegistration(discarded, -1, -discarded.securedAmountFen, session);
        });
      },
      byIds: (ids) => findByIds(pledges, ids, toPledge, noEvents),
      async byRegistrationNumbers(numbers) {
        const docs = await pledges.find({ registrationNumber: { $in: distinct(numbers) } }, { ...noEvents, hint: 'by_registration_number' }).toArray();
        const by = new Map(docs.map((d) => [d.registrationNumber, toPledge(d)]));
        return numbers.map((n) => by.get(n));
      },
      byPledgors: (ids) => findGrouped(pledges, 'pledgorId', ids, toPledge, { ...noEvents, sort: { registeredAt: -1, _id: 1 } }),
      byAssets: (keys) => findGrouped(pledges, 'assetKeys', keys, toPledge, { ...noEvents, sort: { registeredAt: -1, _id: 1 } }),
      eventsOf: async (ids) => (await findByIds(pledges, ids, (d) => d.events, { projection: { events: 1 } })).map((events) => events ?? []),
      async activeOn(keys) {
        // The claim on each asset (its _id), then the pledges: a pledge closed in between is none.
        const claimed = await findByIds(active, keys, (d) => d.pledgeId);
        const ids = [...new Set(claimed.filter((id): id is string => id !== undefined))];
        const found = new Map((await findByIds(pledges, ids, toPledge, noEvents)).map((p, i) => [ids[i], p]));
        return claimed.map((id) => {
          const p = id === undefined ? undefined : found.get(id);
          return p?.state === 'REGISTERED' ? p : undefined;
        });
      },
      async addConsent(c, event, cap, notify = []) {
        if (cap < 1) return 'TOO_MANY';
        const { pledgeId, ...consent } = c;
        // One document, one update: still REGISTERED, and fewer than `cap` consents; its
        // notifications in the same transaction.
        const added = await inTransaction(db.client, async (session) => {
          const pushed = await pledges.updateOne(
            { _id: pledgeId, state: 'REGISTERED', [`consents.${cap - 1}`]: { $exists: false } },
            { $push: { consents: consent, events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (pushed.modifiedCount !== 1) return false;
          await outbox.write(notify, session);
          return true;
        });
        if (added) return 'RECORDED';
        const now = await pledges.findOne({ _id: pledgeId }, { projection: { state: 1 } });
        if (now === null) return 'NOT_FOUND';
        return now.state === 'REGISTERED' ? 'TOO_MANY' : 'NOT_REGISTERED';
      },
      consentsOf: async (ids) =>
        (await findByIds(pledges, ids, (d) => (d.consents ?? []).map((c) => ({ ...c, pledgeId: d._id })), { projection: { consents: 1 } })).map(
          (consents) => consents ?? [],
        ),
      page: async (filter: PledgeFilter, read, limit) => (await listPage(pledges, pledgeQuery(filter), read, limit, noEvents)).map(toPledge),
      count: (filter: PledgeFilter, since) => pledges.countDocuments(changedSince(pledgeQuery(filter), since)),
      async claimClose(id, from, claim, staleBefore) {
        // One atomic update: the pledge still in `from`, and no claim, or only a stale one, holding it.
        const before = await pledges.findOneAndUpdate(
          { _id: id, state: from, $or: [{ closing: null }, { 'closing.at': { $lt: staleBefore } }] },
          { $set: { closing: claim } },
          { returnDocument: 'before', projection: { closing: 1 } },
        );
        return before === null ? { ok: false } : { ok: true, replaced: before.closing ?? null };
      },
      async dropClaim(id, token) {
        await pledges.updateOne({ _id: id, 'closing.token': token }, { $set: { closing: null } });
      },
      async transition(id, from, event, changes, notify, claim) {
        return inTransaction(db.client, async (session) => {
          const set: Partial<PledgeDoc> = { state: event.to, closedAt: changes.closedAt, closing: null };
          if (changes.releaseReceipt !== undefined) set.releaseReceipt = changes.releaseReceipt;
          if (changes.enforcement !== undefined) set.enforcement = changes.enforcement;
          const moved = await pledges.updateOne(
            { _id: id, state: from, 'closing.token': claim },
            { $set: set, $push: { events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (moved.modifiedCount !== 1) return false;
          await active.deleteMany({ pledgeId: id }, { session });
          await stateCounts.bulkWrite([stateCount(from, -1), stateCount(event.to, 1)], { session });
          await outbox.write(notify, session);
          return true;
        });
      },
      async countByMonthAndPledgee(from, to) {
        const rows = await monthCounts.find({ month: { $gte: from, $lte: to }, n: { $gt: 0 } }, { sort: { month: 1, pledgee: 1 } }).toArray();
        return rows.map((r) => ({ month: r.month, pledgee: r.pledgee, count: r.n, amountFen: r.amountFen }));
      },
      async countByCollateralKind() {
        const rows = await kindCounts.find({ n: { $gt: 0 } }, { sort: { _id: 1 } }).toArray();
        return rows.map((r) => ({ kind: r._id, count: r.n, amountFen: r.amountFen }));
      },
      async countByState() {
        const rows = await stateCounts.find({ n: { $gt: 0 } }, { sort: { _id: 1 } }).toArray();
        return rows.map((r) => ({ state: r._id, count: r.n }));
      },
    },
    policies: {
      async insert(p) {
        const { id, ...rest } = p;
        await policies.insertOne({ _id: id, ...rest, updatedAt: p.issuedAt, coveredKeys: p.coveredAssets.map(assetKey), paidFen: 0, claims: [] });
      },
      byIds: (ids) => findByIds(policies, ids, toPolicy, noClaims),
      byInsured: (ids) => findGrouped(policies, 'insuredId', ids, toPolicy, { ...noClaims, sort: { issuedAt: -1, _id: 1 } }),
      byCoveredAssets: (keys) => findGrouped(policies, 'coveredKeys', keys, toPolicy, { ...noClaims, sort: { issuedAt: -1, _id: 1 } }),
      page: async (filter: PolicyFilter, read, limit) => (await listPage(policies, policyQuery(filter), read, limit, noClaims)).map(toPolicy),
      count: (filter: PolicyFilter, since) => policies.countDocuments(changedSince(policyQuery(filter), since)),
      async addClaim(c) {
        const { policyId, ...claim } = c;
        await policies.updateOne({ _id: policyId }, { $push: { claims: claim }, $max: { updatedAt: c.filedAt } });
      },
      async claimsByIds(ids) {
        const docs = await policies.find({ 'claims.id': { $in: distinct(ids) } }, { projection: { claims: 1 }, hint: 'by_claim' }).toArray();
        const by = new Map(docs.flatMap((d) => d.claims.map((c) => [c.id, { ...c, policyId: d._id }] as const)));
        return ids.map((id) => by.get(id));
      },
      claimsOf: async (ids) =>
        (await findByIds(policies, ids, (d) => d.claims.map((c) => ({ ...c, policyId: d._id })), { projection: { claims: 1 } })).map((claims) => claims ?? []),
      async settleClaim(policyId, claimId, to, at, by, notify = []) {
        const filed = async () => {
          const doc = await policies.findOne({ _id: policyId }, { projection: { sumInsuredFen: 1, claims: { $elemMatch: { id: claimId } } } });
          // The projection leaves claims out when none matches.
          const claim = doc?.claims?.[0];
          return doc === null || claim?.status !== 'FILED' ? undefined : { sumInsuredFen: doc.sumInsuredFen, amountFen: claim.amountFen };
        };
        const before = await filed();
        if (before === undefined) return 'NOT_FILED';
        // One document, one update: the claim is still FILED and paying it keeps within the sum
        // insured; its notifications in the same transaction.
        const query: Filter<PolicyDoc> = { _id: policyId, claims: { $elemMatch: { id: claimId, status: 'FILED' } } };
        if (to === 'PAID') query.paidFen = { $lte: before.sumInsuredFen - before.amountFen };
        const settled = await inTransaction(db.client, async (session) => {
          const updated = await policies.updateOne(
            query,
            {
              $set: { 'claims.$.status': to, 'claims.$.settledAt': at, 'claims.$.settledBy': by },
              $inc: { paidFen: to === 'PAID' ? before.amountFen : 0 },
              $max: { updatedAt: at },
            },
            { session },
          );
          if (updated.modifiedCount !== 1) return false;
          await outbox.write(notify, session);
          return true;
        });
        if (settled) return 'SETTLED';
        return (await filed()) === undefined ? 'NOT_FILED' : 'SUM_INSURED_EXCEEDED';
      },
    },
    outbox: outbox.source,
    async close() {
      // The client belongs to the caller.
    },
  });
}
