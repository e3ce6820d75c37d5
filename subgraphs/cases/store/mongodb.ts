// The cases subgraph's repositories on MongoDB (the distributed mode). A case's events live in
// its document, so a move and its event are one atomic update. The Db belongs to the caller.
import type { Db, Filter } from 'mongodb';

import type { Receipt } from '../../../ledger/ledger.js';
import { COLLECTION_OPTIONS, findByIds, findGrouped, keysetPage, type MongoStoreOptions, reportingUnavailable } from '../../../platform/mongodb.js';
import type { ProtectionState } from '../workflow.js';
import type { CaseEvent, CasesStore, PreExamCaseRecord, ProtectionCaseRecord } from './port.js';

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

const toCase = ({ _id, events: _events, ...rest }: PreExamDoc): PreExamCaseRecord => ({ id: _id, ...rest });
const toProtection = ({ _id, events: _events, ...rest }: ProtectionDoc): ProtectionCaseRecord => ({ id: _id, ...rest });

export async function openMongoCasesStore(db: Db, options: MongoStoreOptions = {}): Promise<CasesStore> {
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
  const eventsOnly = { projection: { events: 1 } };

  return reportingUnavailable<CasesStore>({
    protection: {
      async insert(c, first) {
        const { id, ...rest } = c;
        await protection.insertOne({ _id: id, ...rest, events: [first] });
      },
      byIds: (ids) => findByIds(protection, ids, toProtection, noEvents),
      byEnterprises: (ids) => findGrouped(protection, 'parties.enterpriseId', ids, toProtection, newestFirst),
      byEvidence: (ids) => findGrouped(protection, 'evidenceIds', ids, toProtection, newestFirst),
      eventsOf: async (ids) => (await findByIds(protection, ids, (d) => d.events, eventsOnly)).map((events) => events ?? []),
      async page(filter, after, limit) {
        const query: Filter<ProtectionDoc> = {};
        if (filter.state !== undefined) query.state = filter.state;
        if (filter.referredTo !== undefined) query.referredTo = filter.referredTo;
        if (filter.enterpriseId !== undefined) query['parties.enterpriseId'] = filter.enterpriseId;
        return (await keysetPage(protection, query, after, limit, noEvents)).map(toProtection);
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
      byIds: (ids) => findByIds(cases, ids, toCase, noEvents),
      byEnterprises: (ids) => findGrouped(cases, 'enterpriseId', ids, toCase, { ...noEvents, sort: { receivedAt: -1, _id: 1 } }),
      eventsOf: async (ids) => (await findByIds(cases, ids, (d) => d.events, eventsOnly)).map((events) => events ?? []),
      async page(filter, after, limit) {
        const query: Filter<PreExamDoc> = {};
        if (filter.state !== undefined) query.state = filter.state;
        if (filter.enterpriseId !== undefined) query.enterpriseId = filter.enterpriseId;
        return (await keysetPage(cases, query, after, limit, noEvents)).map(toCase);
      },
      async transition(id, from, event, changes) {
        const set: Partial<PreExamDoc> = { state: event.to };
        if (changes.decidedAt !== undefined) set.decidedAt = changes.decidedAt;
        if (changes.decisionReceipt !== undefined) set.decisionReceipt = changes.decisionReceipt;
        const r = await cases.updateOne({ _id: id, state: from }, { $set: set, $push: { events: event } });
        return r.modifiedCount === 1;
      },
      async decided() {
        const docs = await cases
          .find({ decidedAt: { $ne: null } }, { projection: { industry: 1, receivedAt: 1, decidedAt: 1 }, sort: { decidedAt: 1 } })
          .toArray();
        return docs.map((d) => ({ industry: d.industry, receivedAt: d.receivedAt, decidedAt: d.decidedAt! }));
      },
    },
    async close() {
      // The client belongs to the caller.
    },
  });
}
