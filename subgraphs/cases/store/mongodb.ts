// The cases subgraph's repositories on MongoDB (the distributed mode). A case's events live in
// its document, so a move and its event are one atomic update. The Db belongs to the caller.
import { ReadConcern, ReadPreference, WriteConcern } from 'mongodb';
import type { CollectionOptions, Db, Filter } from 'mongodb';
import type { CaseEvent, CasesStore, PreExamCaseRecord, ProtectionCaseRecord } from './port.js';
import type { Receipt } from '../../../ledger/ledger.js';
import type { ProtectionState } from '../workflow.js';

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
  events: CaseEvent[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ProtectionDoc = Mutable<Omit<ProtectionCaseRecord, 'id'>> & { _id: string; events: CaseEvent<ProtectionState>[] };

const COLLECTION_OPTIONS: CollectionOptions = {
  writeConcern: new WriteConcern('majority', undefined, true),
  readConcern: new ReadConcern('majority'),
  readPreference: ReadPreference.PRIMARY,
};

const toCase = ({ _id, events: _events, ...rest }: PreExamDoc): PreExamCaseRecord => ({ id: _id, ...rest });
const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];
const toProtection = ({ _id, events: _events, ...rest }: ProtectionDoc): ProtectionCaseRecord => ({ id: _id, ...rest });

/** Groups docs under each id they belong to (a doc may belong to several), in the docs' order. */
function groupUnder<D, R>(ids: readonly string[], docs: D[], keysOf: (d: D) => readonly string[], map: (d: D) => R): R[][] {
  const by = new Map<string, R[]>(ids.map((id) => [id, []]));
  for (const d of docs) for (const k of new Set(keysOf(d))) by.get(k)?.push(map(d));
  return ids.map((id) => by.get(id)!);
}

export async function openMongoCasesStore(db: Db, options: { collectionPrefix?: string } = {}): Promise<CasesStore> {
  const cases = db.collection<PreExamDoc>(`${options.collectionPrefix ?? ''}pre_exam_cases`, COLLECTION_OPTIONS);
  await cases.createIndexes([
    { key: { enterpriseId: 1, receivedAt: -1, _id: 1 }, name: 'by_enterprise' },
    { key: { state: 1, _id: 1 }, name: 'by_state' },
    { key: { decidedAt: 1 }, name: 'by_decision' },
  ]);
  const noEvents = { projection: { events: 0 } };
  const protection = db.collection<ProtectionDoc>(`${options.collectionPrefix ?? ''}protection_cases`, COLLECTION_OPTIONS);
  await protection.createIndexes([
    { key: { 'parties.enterpriseId': 1, appliedAt: -1, _id: 1 }, name: 'by_party' },
    { key: { evidenceIds: 1, appliedAt: -1, _id: 1 }, name: 'by_evidence' },
    { key: { state: 1, _id: 1 }, name: 'by_state' },
    { key: { referredTo: 1, _id: 1 }, name: 'by_court' },
  ]);
  const newestFirst = { ...noEvents, sort: { appliedAt: -1, _id: 1 } } as const;

  return {
    protection: {
      async insert(c, first) {
        const { id, ...rest } = c;
        await protection.insertOne({ _id: id, ...rest, events: [first] });
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const docs = await protection.find({ _id: { $in: distinct(ids) } }, noEvents).toArray();
        const byId = new Map(docs.map((d) => [d._id, toProtection(d as ProtectionDoc)]));
        return ids.map((id) => byId.get(id));
      },
      async byEnterprises(ids) {
        if (ids.length === 0) return [];
        const docs = (await protection.find({ 'parties.enterpriseId': { $in: distinct(ids) } }, newestFirst).toArray()) as ProtectionDoc[];
        return groupUnder(ids, docs, (d) => d.parties.flatMap((p) => (p.enterpriseId === null ? [] : [p.enterpriseId])), toProtection);
      },
      async byEvidence(ids) {
        if (ids.length === 0) return [];
        const docs = (await protection.find({ evidenceIds: { $in: distinct(ids) } }, newestFirst).toArray()) as ProtectionDoc[];
        return groupUnder(ids, docs, (d) => d.evidenceIds, toProtection);
      },
      async eventsOf(ids) {
        if (ids.length === 0) return [];
        const docs = await protection.find({ _id: { $in: distinct(ids) } }, { projection: { events: 1 } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, d.events]));
        return ids.map((id) => byId.get(id) ?? []);
      },
      async page(filter, after, limit) {
        if (limit <= 0) return [];
        const query: Filter<ProtectionDoc> = {};
        if (filter.state !== undefined) query.state = filter.state;
        if (filter.referredTo !== undefined) query.referredTo = filter.referredTo;
        if (filter.enterpriseId !== undefined) query['parties.enterpriseId'] = filter.enterpriseId;
        if (after !== undefined) query._id = { $gt: after };
        return (await protection.find(query, { ...noEvents, sort: { _id: 1 }, limit }).toArray()).map((d) => toProtection(d as ProtectionDoc));
      },
      async transition(id, from, event, changes) {
        const set: Partial<ProtectionDoc> = { state: event.to };
        if (changes.referredTo !== undefined) set.referredTo = changes.referredTo;
        if (changes.outcomeAt !== undefined) set.outcomeAt = changes.outcomeAt;
        if (changes.outcomeReceipt !== undefined) set.outcomeReceipt = changes.outcomeReceipt;
        const r = await protection.updateOne({ _id: id, state: from }, { $set: set, $push: { events: event } });
        return r.modifiedCount === 1;
      },
    },
    preExam: {
      async insert(c, first) {
        const { id, ...rest } = c;
        await cases.insertOne({ _id: id, ...rest, events: [first] });
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const docs = await cases.find({ _id: { $in: distinct(ids) } }, noEvents).toArray();
        const byId = new Map(docs.map((d) => [d._id, toCase(d as PreExamDoc)]));
        return ids.map((id) => byId.get(id));
      },
      async byEnterprises(ids) {
        if (ids.length === 0) return [];
        const docs = await cases.find({ enterpriseId: { $in: distinct(ids) } }, { ...noEvents, sort: { receivedAt: -1, _id: 1 } }).toArray();
        const by = new Map<string, PreExamCaseRecord[]>(ids.map((id) => [id, []]));
        for (const d of docs) by.get(d.enterpriseId)?.push(toCase(d as PreExamDoc));
        return ids.map((id) => by.get(id)!);
      },
      async eventsOf(ids) {
        if (ids.length === 0) return [];
        const docs = await cases.find({ _id: { $in: distinct(ids) } }, { projection: { events: 1 } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, d.events]));
        return ids.map((id) => byId.get(id) ?? []);
      },
      async page(filter, after, limit) {
        if (limit <= 0) return [];
        const query: Filter<PreExamDoc> = {};
        if (filter.state !== undefined) query.state = filter.state;
        if (filter.enterpriseId !== undefined) query.enterpriseId = filter.enterpriseId;
        if (after !== undefined) query._id = { $gt: after };
        return (await cases.find(query, { ...noEvents, sort: { _id: 1 }, limit }).toArray()).map((d) => toCase(d as PreExamDoc));
      },
      async transition(id, from, event, changes) {
        const set: Partial<PreExamDoc> = { state: event.to };
        if (changes.decidedAt !== undefined) set.decidedAt = changes.decidedAt;
        if (changes.decisionReceipt !== undefined) set.decisionReceipt = changes.decisionReceipt;
        const r = await cases.updateOne({ _id: id, state: from }, { $set: set, $push: { events: event } });
        return r.modifiedCount === 1;
      },
      async decided() {
        const docs = await cases.find({ decidedAt: { $ne: null } }, { projection: { industry: 1, receivedAt: 1, decidedAt: 1 }, sort: { decidedAt: 1 } }).toArray();
        return docs.map((d) => ({ industry: d.industry, receivedAt: d.receivedAt, decidedAt: d.decidedAt! }));
      },
    },
    async close() {
      // The client belongs to the caller.
    },
  };
}
