// The enterprises subgraph's repositories on MongoDB (the distributed mode). The Db comes from a
// client the caller owns: close() leaves it open.
import { MongoServerError, ReadConcern, ReadPreference, WriteConcern } from 'mongodb';
import type { Collection, CollectionOptions, Db, Document, Filter } from 'mongodb';
import type { CopyrightRecord, EnterpriseFilter, EnterpriseRecord, EnterprisesStore, PatentRecord, TrademarkRecord } from './repository.js';
import { DuplicateKeyError } from './repository.js';

export interface MongoEnterprisesStoreOptions {
  /** Prepended to the collection names, e.g. to isolate test runs. */
  collectionPrefix?: string;
}

// _id is the record's own key (enterprise id, application number, registration number), so
// MongoDB's unique _id index is the primary key.
interface EnterpriseDoc {
  _id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industry: string;
  filingStatus: EnterpriseRecord['filingStatus'];
  registeredAt: string;
  creditCodeOverride: { approvedBy: string; reason: string } | null;
}

interface PatentDoc {
  _id: string;
  enterpriseId: string;
  type: PatentRecord['type'];
  pct: boolean;
  title: string;
  ipcClass: string | null;
  status: PatentRecord['status'];
  filingDate: string;
  grantDate: string | null;
  feesPaidThrough: string | null;
}

interface TrademarkDoc {
  _id: string;
  enterpriseId: string;
  mark: string;
  niceClass: number;
  registrationDate: string;
  expiryDate: string;
}

interface CopyrightDoc {
  _id: string;
  enterpriseId: string;
  title: string;
  kind: CopyrightRecord['kind'];
  registeredOn: string;
}

const DUPLICATE_KEY = 11000;
const LIVE_STATUSES: PatentRecord['status'][] = ['PENDING', 'GRANTED'];

// Acknowledged only once journaled on a majority: survives the loss of the primary. Majority
// reads from the primary: a read after an acknowledged insert sees it, and no read returns what a
// failover could roll back.
const COLLECTION_OPTIONS: CollectionOptions = {
  writeConcern: new WriteConcern('majority', undefined, true),
  readConcern: new ReadConcern('majority'),
  readPreference: ReadPreference.PRIMARY,
};

// Documents to records field by field: no _id, no stray fields, nulls stay null.
const toEnterprise = (d: EnterpriseDoc): EnterpriseRecord => ({
  id: d._id,
  uscc: d.uscc,
  name: d.name,
  regionCode: d.regionCode,
  industry: d.industry,
  filingStatus: d.filingStatus,
  registeredAt: d.registeredAt,
  creditCodeOverride: d.creditCodeOverride === null ? null : { approvedBy: d.creditCodeOverride.approvedBy, reason: d.creditCodeOverride.reason },
});

const toPatent = (d: PatentDoc): PatentRecord => ({
  applicationNumber: d._id,
  enterpriseId: d.enterpriseId,
  type: d.type,
  pct: d.pct,
  title: d.title,
  ipcClass: d.ipcClass,
  status: d.status,
  filingDate: d.filingDate,
  grantDate: d.grantDate,
  feesPaidThrough: d.feesPaidThrough,
});

const toTrademark = (d: TrademarkDoc): TrademarkRecord => ({
  registrationNumber: d._id,
  enterpriseId: d.enterpriseId,
  mark: d.mark,
  niceClass: d.niceClass,
  registrationDate: d.registrationDate,
  expiryDate: d.expiryDate,
});

const toCopyright = (d: CopyrightDoc): CopyrightRecord => ({
  registrationNumber: d._id,
  enterpriseId: d.enterpriseId,
  title: d.title,
  kind: d.kind,
  registeredOn: d.registeredOn,
});

const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === DUPLICATE_KEY;

/** Runs an insert, turning a unique-index violation (_id or uscc) into DuplicateKeyError. */
async function insertOnce(run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateKeyError(`${what} is registered already`, { cause: err });
    throw err;
  }
}

/** The rows of each asked id, in the asked order; an empty array for an id with none. */
function groupBy<T>(ids: readonly string[], rows: T[], idOf: (r: T) => string): T[][] {
  const by = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) by.get(idOf(r))?.push(r);
  return ids.map((id) => by.get(id)!);
}

const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Built key by key: an explicit `regionCode: undefined` must not become a match on null. */
function matchFilter(filter: EnterpriseFilter): Filter<EnterpriseDoc> {
  const matching: Filter<EnterpriseDoc> = {};
  if (filter.regionCode !== undefined) matching.regionCode = filter.regionCode;
  if (filter.industry !== undefined) matching.industry = filter.industry;
  return matching;
}

export async function openMongoEnterprisesStore(db: Db, options: MongoEnterprisesStoreOptions = {}): Promise<EnterprisesStore> {
  const prefix = options.collectionPrefix ?? '';
  const names = {
    enterprises: `${prefix}enterprises`,
    patents: `${prefix}patents`,
    trademarks: `${prefix}trademarks`,
    copyrights: `${prefix}copyrights`,
  };
  const enterprises: Collection<EnterpriseDoc> = db.collection<EnterpriseDoc>(names.enterprises, COLLECTION_OPTIONS);
  const patents: Collection<PatentDoc> = db.collection<PatentDoc>(names.patents, COLLECTION_OPTIONS);
  const trademarks: Collection<TrademarkDoc> = db.collection<TrademarkDoc>(names.trademarks, COLLECTION_OPTIONS);
  const copyrights: Collection<CopyrightDoc> = db.collection<CopyrightDoc>(names.copyrights, COLLECTION_OPTIONS);

  // Idempotent: every process opening the store asks for the same indexes. Each ends in _id so
  // that the matches come out in key order without an in-memory sort (and a $in on the leading
  // field merges sorted runs).
  await Promise.all([
    enterprises.createIndexes([
      { key: { uscc: 1 }, name: 'uscc_unique', unique: true },
      { key: { regionCode: 1, _id: 1 }, name: 'by_region' },
      { key: { industry: 1, _id: 1 }, name: 'by_industry' },
    ]),
    patents.createIndexes([
      { key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' },
      { key: { status: 1, _id: 1 }, name: 'by_status' },
    ]),
    trademarks.createIndexes([
      { key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' },
      { key: { expiryDate: 1, _id: 1 }, name: 'by_expiry' },
      { key: { enterpriseId: 1, expiryDate: 1, _id: 1 }, name: 'by_enterprise_expiry' },
    ]),
    copyrights.createIndexes([{ key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' }]),
  ]);

  return {
    enterprises: {
      async insert(e) {
        const o = e.creditCodeOverride;
        const doc: EnterpriseDoc = {
          _id: e.id,
          uscc: e.uscc,
          name: e.name,
          regionCode: e.regionCode,
          industry: e.industry,
          filingStatus: e.filingStatus,
          registeredAt: e.registeredAt,
          creditCodeOverride: o === null ? null : { approvedBy: o.approvedBy, reason: o.reason },
        };
        await insertOnce(() => enterprises.insertOne(doc), `credit code ${e.uscc}`);
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const docs = await enterprises.find({ _id: { $in: distinct(ids) } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, toEnterprise(d)]));
        return ids.map((id) => byId.get(id));
      },
      async byUscc(uscc) {
        const doc = await enterprises.findOne({ uscc });
        return doc === null ? undefined : toEnterprise(doc);
      },
      async page(filter, after, limit) {
        const matching = matchFilter(filter);
        const pageFilter: Filter<EnterpriseDoc> = after === undefined ? matching : { ...matching, _id: { $gt: after } };
        // limit(0) means no limit to MongoDB, LIMIT 0 no rows to SQLite; a negative LIMIT is no limit there.
        const rows =
          limit === 0
            ? Promise.resolve([])
            : enterprises.find(pageFilter, { sort: { _id: 1 }, ...(limit > 0 ? { limit } : {}) }).toArray();
        return (await rows).map(toEnterprise);
      },
      async count(filter) {
        return enterprises.countDocuments(matchFilter(filter));
      },
      async countBy(group) {
        const rows = await enterprises
          .aggregate<{ key: string; enterprises: number }>([
            { $group: { _id: `$${group}`, enterprises: { $sum: 1 } } },
            { $sort: { _id: 1 } },
            { $project: { _id: 0, key: '$_id', enterprises: 1 } },
          ])
          .toArray();
        return rows.map((r) => ({ key: r.key, enterprises: r.enterprises }));
      },
    },
    patents: {
      async insert(p) {
        const doc: PatentDoc = {
          _id: p.applicationNumber,
          enterpriseId: p.enterpriseId,
          type: p.type,
          pct: p.pct,
          title: p.title,
          ipcClass: p.ipcClass,
          status: p.status,
          filingDate: p.filingDate,
          grantDate: p.grantDate,
          feesPaidThrough: p.feesPaidThrough,
        };
        await insertOnce(() => patents.insertOne(doc), `patent ${p.applicationNumber}`);
      },
      async byNumbers(numbers) {
        if (numbers.length === 0) return [];
        const docs = await patents.find({ _id: { $in: distinct(numbers) } }).toArray();
        const byNumber = new Map(docs.map((d) => [d._id, toPatent(d)]));
        return numbers.map((n) => byNumber.get(n));
      },
      async byEnterprises(ids) {
        if (ids.length === 0) return [];
        const docs = await patents.find({ enterpriseId: { $in: distinct(ids) } }, { sort: { _id: 1 } }).toArray();
        return groupBy(ids, docs.map(toPatent), (p) => p.enterpriseId);
      },
      async live(enterpriseId) {
        const filter: Filter<PatentDoc> = { status: { $in: LIVE_STATUSES } };
        if (enterpriseId !== undefined) filter.enterpriseId = enterpriseId;
        return (await patents.find(filter, { sort: { _id: 1 } }).toArray()).map(toPatent);
      },
      async countBy(group) {
        // Region and industry belong to the enterprise: count per enterprise first, then look each
        // owner up once. The unwind drops patents whose enterprise is missing, as the SQL join does.
        const pipeline: Document[] = [
          { $group: { _id: '$enterpriseId', patents: { $sum: 1 } } },
          { $lookup: { from: names.enterprises, localField: '_id', foreignField: '_id', as: 'owner' } },
          { $unwind: '$owner' },
          { $group: { _id: `$owner.${group}`, patents: { $sum: '$patents' } } },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, key: '$_id', patents: 1 } },
        ];
        const rows = await patents.aggregate<{ key: string; patents: number }>(pipeline).toArray();
        return rows.map((r) => ({ key: r.key, patents: r.patents }));
      },
    },
    trademarks: {
      async insert(t) {
        const doc: TrademarkDoc = {
          _id: t.registrationNumber,
          enterpriseId: t.enterpriseId,
          mark: t.mark,
          niceClass: t.niceClass,
          registrationDate: t.registrationDate,
          expiryDate: t.expiryDate,
        };
        await insertOnce(() => trademarks.insertOne(doc), `trademark ${t.registrationNumber}`);
      },
      async byEnterprises(ids) {
        if (ids.length === 0) return [];
        const docs = await trademarks.find({ enterpriseId: { $in: distinct(ids) } }, { sort: { _id: 1 } }).toArray();
        return groupBy(ids, docs.map(toTrademark), (t) => t.enterpriseId);
      },
      async expiringBy(date, enterpriseId) {
        const filter: Filter<TrademarkDoc> = { expiryDate: { $lte: date } };
        if (enterpriseId !== undefined) filter.enterpriseId = enterpriseId;
        return (await trademarks.find(filter, { sort: { expiryDate: 1, _id: 1 } }).toArray()).map(toTrademark);
      },
    },
    copyrights: {
      async insert(c) {
        const doc: CopyrightDoc = {
          _id: c.registrationNumber,
          enterpriseId: c.enterpriseId,
          title: c.title,
          kind: c.kind,
          registeredOn: c.registeredOn,
        };
        await insertOnce(() => copyrights.insertOne(doc), `copyright ${c.registrationNumber}`);
      },
      async byEnterprises(ids) {
        if (ids.length === 0) return [];
        const docs = await copyrights.find({ enterpriseId: { $in: distinct(ids) } }, { sort: { _id: 1 } }).toArray();
        return groupBy(ids, docs.map(toCopyright), (c) => c.enterpriseId);
      },
    },
    async close() {
      // The client is the caller's: nothing of ours to release.
    },
  };
}
