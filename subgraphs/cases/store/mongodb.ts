// The cases subgraph's repositories on MongoDB (the distributed mode). A case's events live in
// its document, so a move and its event are one update; it and the notifications it reports (the
// outbox) are one transaction. A claim on a move is a field of the case, taken by one
// findOneAndUpdate. The Db belongs to the caller.
import type { AnyBulkWriteOperation, Db, Filter } from 'mongodb';

import type { Receipt } from '../../../ledger/index.js';
import { mongoOutbox } from '../../../outbox/mongodb.js';
import { hubTimeZone, monthOf } from '../../../platform/hub-calendar.js';
import {
  changedSince,
  COLLECTION_OPTIONS,
  createCollections,
  findByIds,
  findGrouped,
  inTransaction,
  listPage,
  type MongoStoreOptions,
  monthCountsInZone,
  monthInZone,
  reportingUnavailable,
} from '../../../platform/mongodb.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord, ResolutionRoute } from '../domain/model.js';
import type { PreExamState, ProtectionState } from '../domain/workflow.js';
import type { CasesStore, MoveClaim, PreExamFilter, ProtectionFilter } from './port.js';

interface PreExamDoc {
  _id: string;
  enterpriseId: string;
  applicationNumber: string;
  title: string;
  industry: string;
  state: PreExamCaseRecord['state'];
  receivedAt: string;
  decidedAt: string | null;
  decisionReceipt: Receipt | null;
  updatedAt: string;
  events: CaseEvent[];
  /** The claim on moving it, while one is held (CaseMoves.claimMove). */
  claim?: MoveClaim<PreExamState> | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ProtectionDoc = Mutable<Omit<ProtectionCaseRecord, 'id' | 'knownSince'>> & {
  knownSince?: string | null;
  _id: string;
  events: CaseEvent<ProtectionState>[];
  claim?: MoveClaim<ProtectionState> | null;
};

/** Protection cases in one state on one route (_id route:state), kept in the writer's transaction. */
interface RouteStateCountDoc {
  _id: string;
  route: ResolutionRoute;
  state: ProtectionState;
  n: number;
}
/** Protection cases applied for in one month (_id, YYYY-MM), likewise. */
interface MonthCountDoc {
  _id: string;
  n: number;
}

const routeState = (route: ResolutionRoute, state: ProtectionState, n: number): AnyBulkWriteOperation<RouteStateCountDoc> => ({
  updateOne: { filter: { _id: `${route}:${state}` }, update: { $inc: { n }, $setOnInsert: { route, state } }, upsert: true },
});

const toCase = ({ _id, events: _events, claim: _claim, ...rest }: PreExamDoc): PreExamCaseRecord => ({ id: _id, ...rest });
// A document from before the date of knowledge was asked (2026-12) has none.
const toProtection = ({ _id, events: _events, claim: _claim, knownSince, evaluationReportDigest, ...rest }: ProtectionDoc): ProtectionCaseRecord => ({
  id: _id,
  ...rest,
  knownSince: knownSince ?? null,
  evaluationReportDigest: evaluationReportDigest ?? null,
});

function preExamQuery(filter: PreExamFilter): Filter<PreExamDoc> {
  const query: Filter<PreExamDoc> = {};
  if (filter.state !== undefined) query.state = filter.state;
  if (filter.enterpriseId !== undefined) query.enterpriseId = filter.enterpriseId;
  return query;
}

function protectionQuery(filter: ProtectionFilter): Filter<ProtectionDoc> {
  const query: Filter<ProtectionDoc> = {};
  if (filter.state !== undefined) query.state = filter.state;
  if (filter.referredTo !== undefined) query.referredTo = filter.referredTo;
  if (filter.enterpriseId !== undefined) query['parties.enterpriseId'] = filter.enterpriseId;
  return query;
}

export async function openMongoCasesStore(db: Db, options: MongoStoreOptions = {}): Promise<CasesStore> {
  const cases = db.collection<PreExamDoc>(`${options.collectionPrefix ?? ''}pre_exam_cases`, COLLECTION_OPTIONS);
  await cases.createIndexes([
    { key: { enterpriseId: 1, receivedAt: -1, _id: 1 }, name: 'by_enterprise' },
    { key: { state: 1, _id: 1 }, name: 'by_state' },
    { key: { decidedAt: 1 }, name: 'by_decision' },
    { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
    { key: { state: 1, updatedAt: 1, _id: 1 }, name: 'by_state_change' },
    { key: { enterpriseId: 1, updatedAt: 1, _id: 1 }, name: 'by_enterprise_change' },
  ]);
  const noEvents = { projection: { events: 0 } };
  const protection = db.collection<ProtectionDoc>(`${options.collectionPrefix ?? ''}protection_cases`, COLLECTION_OPTIONS);
  await protection.createIndexes([
    { key: { 'parties.enterpriseId': 1, appliedAt: -1, _id: 1 }, name: 'by_party' },
    { key: { evidenceIds: 1, appliedAt: -1, _id: 1 }, name: 'by_evidence' },
    { key: { state: 1, _id: 1 }, name: 'by_state' },
    { key: { referredTo: 1, _id: 1 }, name: 'by_court' },
    { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
    { key: { state: 1, updatedAt: 1, _id: 1 }, name: 'by_state_change' },
    { key: { referredTo: 1, updatedAt: 1, _id: 1 }, name: 'by_court_change' },
    { key: { 'parties.enterpriseId': 1, updatedAt: 1, _id: 1 }, name: 'by_party_change' },
  ]);
  // Cases from before updatedAt are dated by their last change the document shows (a pipeline
  // update, idempotent: processes opening the store together may both run it).
  await cases.updateMany({ updatedAt: { $exists: false } }, [
    { $set: { updatedAt: { $max: ['$receivedAt', { $ifNull: ['$decidedAt', ''] }, { $max: '$events.at' }] } } },
  ]);
  await protection.updateMany({ updatedAt: { $exists: false } }, [
    { $set: { updatedAt: { $max: ['$appliedAt', { $ifNull: ['$outcomeAt', ''] }, { $max: '$events.at' }] } } },
  ]);
  const newestFirst = { ...noEvents, sort: { appliedAt: -1, _id: 1 } } as const;
  // Where the relay reads it (notifications/outbox/open.ts).
  const outbox = await mongoOutbox(db, options.collectionPrefix ?? '', 'cases');
  const eventsOnly = { projection: { events: 1 } };

  // Created here, so that no transaction creates them.
  const counterNames = {
    routeState: `${options.collectionPrefix ?? ''}protection_counts`,
    opened: `${options.collectionPrefix ?? ''}protection_opened_counts`,
  };
  await createCollections(db, Object.values(counterNames));
  const routeStateCounts = db.collection<RouteStateCountDoc>(counterNames.routeState, COLLECTION_OPTIONS);
  const openedCounts = db.collection<MonthCountDoc>(counterNames.opened, COLLECTION_OPTIONS);
  // Cases from before the counters are counted once, each counter when it is empty; idempotent
  // ($set), so processes opening the store together may both run it.
  const uncounted = (await protection.estimatedDocumentCount()) > 0;
  if (uncounted && (await routeStateCounts.estimatedDocumentCount()) === 0) {
    const pairs = await protection
      .aggregate<{ _id: { route: ResolutionRoute; state: ProtectionState }; n: number }>([
        { $group: { _id: { route: '$route', state: '$state' }, n: { $sum: 1 } } },
      ])
      .toArray();
    for (const { _id: k, n } of pairs) {
      await routeStateCounts.updateOne({ _id: `${k.route}:${k.state}` }, { $set: { route: k.route, state: k.state, n } }, { upsert: true });
    }
  }
  await monthCountsInZone(db, options.collectionPrefix ?? '', 'protection_opened_counts', hubTimeZone(), async (session) => {
    const months = await protection
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: monthInZone('appliedAt', hubTimeZone()), n: { $sum: 1 } } }], { session })
      .toArray();
    await openedCounts.deleteMany({}, { session });
    if (months.length > 0) await openedCounts.insertMany(months, { session });
  });

  return reportingUnavailable<CasesStore>({
    protection: {
      async insert(c, first, notify = []) {
        const { id, ...rest } = c;
        await inTransaction(db.client, async (session) => {
          await protection.insertOne({ _id: id, ...rest, updatedAt: c.appliedAt, events: [first] }, { session });
          await routeStateCounts.bulkWrite([routeState(c.route, c.state, 1)], { session });
          await openedCounts.updateOne({ _id: monthOf(c.appliedAt) }, { $inc: { n: 1 } }, { upsert: true, session });
          await outbox.write(notify, session);
        });
      },
      byIds: (ids) => findByIds(protection, ids, toProtection, noEvents),
      byEnterprises: (ids) => findGrouped(protection, 'parties.enterpriseId', ids, toProtection, newestFirst),
      byEvidence: (ids) => findGrouped(protection, 'evidenceIds', ids, toProtection, newestFirst),
      eventsOf: async (ids) => (await findByIds(protection, ids, (d) => d.events, eventsOnly)).map((events) => events ?? []),
      page: async (filter, read, limit) => (await listPage(protection, protectionQuery(filter), read, limit, noEvents)).map(toProtection),
      async count(filter, since) {
        // Every case, or those in one state: the counts kept per route and state say it in a few documents.
        if (since === undefined && filter.referredTo === undefined && filter.enterpriseId === undefined) {
          const [sum] = await routeStateCounts
            .aggregate<{ n: number }>([{ $match: filter.state === undefined ? {} : { state: filter.state } }, { $group: { _id: null, n: { $sum: '$n' } } }])
            .toArray();
          return sum?.n ?? 0;
        }
        return protection.countDocuments(changedSince(protectionQuery(filter), since));
      },
      async claimMove(id, from, claim, staleBefore) {
        // One atomic update: the case still in `from`, and no claim, or only a stale one, holding it.
        const before = await protection.findOneAndUpdate(
          { _id: id, state: from, $or: [{ claim: null }, { 'claim.at': { $lt: staleBefore } }] },
          { $set: { claim } },
          { returnDocument: 'before', projection: { claim: 1 } },
        );
        return before === null ? { ok: false } : { ok: true, replaced: before.claim ?? null };
      },
      async dropClaim(id, token) {
        await protection.updateOne({ _id: id, 'claim.token': token }, { $set: { claim: null } });
      },
      async transition(id, from, event, changes, notify, claim) {
        const set: Partial<ProtectionDoc> = { state: event.to, claim: null };
        if (changes.referredTo !== undefined) set.referredTo = changes.referredTo;
        if (changes.outcomeAt !== undefined) set.outcomeAt = changes.outcomeAt;
        if (changes.outcomeReceipt !== undefined) set.outcomeReceipt = changes.outcomeReceipt;
        // The move, its counts and its notifications in one transaction; the case's route comes from the case.
        return inTransaction(db.client, async (session) => {
          const before = await protection.findOneAndUpdate(
            { _id: id, state: from, 'claim.token': claim },
            { $set: set, $push: { events: event }, $max: { updatedAt: event.at } },
            { session, projection: { route: 1 } },
          );
          if (before === null) return false;
          await routeStateCounts.bulkWrite([routeState(before.route, from, -1), routeState(before.route, event.to, 1)], { session });
          await outbox.write(notify, session);
          return true;
        });
      },
      async countByRouteAndState() {
        const rows = await routeStateCounts.find({ n: { $gt: 0 } }, { sort: { route: 1, state: 1 } }).toArray();
        return rows.map((r) => ({ route: r.route, state: r.state, count: r.n }));
      },
      async countOpenedByMonth(from, to) {
        const rows = await openedCounts.find({ _id: { $gte: from, $lte: to } }, { sort: { _id: 1 } }).toArray();
        return rows.map((r) => ({ month: r._id, count: r.n }));
      },
    },
    preExam: {
      async insert(c, first, notify = []) {
        const { id, ...rest } = c;
        await inTransaction(db.client, async (session) => {
          await cases.insertOne({ _id: id, ...rest, updatedAt: c.receivedAt, events: [first] }, { session });
          await outbox.write(notify, session);
        });
      },
      byIds: (ids) => findByIds(cases, ids, toCase, noEvents),
      byEnterprises: (ids) => findGrouped(cases, 'enterpriseId', ids, toCase, { ...noEvents, sort: { receivedAt: -1, _id: 1 } }),
      eventsOf: async (ids) => (await findByIds(cases, ids, (d) => d.events, eventsOnly)).map((events) => events ?? []),
      page: async (filter, read, limit) => (await listPage(cases, preExamQuery(filter), read, limit, noEvents)).map(toCase),
      count: (filter, since) => cases.countDocuments(changedSince(preExamQuery(filter), since)),
      async claimMove(id, from, claim, staleBefore) {
        const before = await cases.findOneAndUpdate(
          { _id: id, state: from, $or: [{ claim: null }, { 'claim.at': { $lt: staleBefore } }] },
          { $set: { claim } },
          { returnDocument: 'before', projection: { claim: 1 } },
        );
        return before === null ? { ok: false } : { ok: true, replaced: before.claim ?? null };
      },
      async dropClaim(id, token) {
        await cases.updateOne({ _id: id, 'claim.token': token }, { $set: { claim: null } });
      },
      async transition(id, from, event, changes, notify, claim) {
        const set: Partial<PreExamDoc> = { state: event.to, claim: null };
        if (changes.decidedAt !== undefined) set.decidedAt = changes.decidedAt;
        if (changes.decisionReceipt !== undefined) set.decisionReceipt = changes.decisionReceipt;
        return inTransaction(db.client, async (session) => {
          const r = await cases.updateOne(
            { _id: id, state: from, 'claim.token': claim },
            { $set: set, $push: { events: event }, $max: { updatedAt: event.at } },
            { session },
          );
          if (r.modifiedCount !== 1) return false;
          await outbox.write(notify, session);
          return true;
        });
      },
      async decided() {
        const docs = await cases
          .find({ decidedAt: { $ne: null } }, { projection: { industry: 1, receivedAt: 1, decidedAt: 1 }, sort: { decidedAt: 1 } })
          .toArray();
        return docs.map((d) => ({ industry: d.industry, receivedAt: d.receivedAt, decidedAt: d.decidedAt! }));
      },
    },
    outbox: outbox.source,
    async close() {
      // The client belongs to the caller.
    },
  });
}
