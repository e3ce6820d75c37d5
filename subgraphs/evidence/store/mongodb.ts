// The evidence subgraph's repository on MongoDB (the distributed mode). The Db comes from a client
// the caller owns: close() leaves it open.
import { createHash } from 'node:crypto';

import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';

import { hubTimeZone, monthOf } from '../../../platform/hub-calendar.js';
import {
  COLLECTION_OPTIONS,
  distinct,
  findByIds,
  inTransaction,
  type MongoStoreOptions,
  monthCountsInZone,
  monthInZone,
  reportingUnavailable,
} from '../../../platform/mongodb.js';
import { tally } from '../../common/tally.js';
import type { DataAssetRecord, EvidenceRecord } from '../domain/model.js';
import type { DepositPageRequest, EvidenceStore } from './port.js';

/** _id is the evidence id: MongoDB's unique _id index is the primary key. */
interface EvidenceDoc {
  _id: string;
  depositorId: string;
  title: string;
  category: EvidenceRecord['category'];
  contentDigest: string;
  depositedAt: string;
  receipt: { seq: number; entryHash: string; timestamp: number };
}

const toRecord = (d: EvidenceDoc): EvidenceRecord => ({
  id: d._id,
  depositorId: d.depositorId,
  title: d.title,
  category: d.category,
  contentDigest: d.contentDigest,
  depositedAt: d.depositedAt,
  receipt: { seq: d.receipt.seq, entryHash: d.receipt.entryHash, timestamp: d.receipt.timestamp },
});

const evidenceDoc = (e: EvidenceRecord): EvidenceDoc => ({
  _id: e.id,
  depositorId: e.depositorId,
  title: e.title,
  category: e.category,
  contentDigest: e.contentDigest,
  depositedAt: e.depositedAt,
  receipt: { seq: e.receipt.seq, entryHash: e.receipt.entryHash, timestamp: e.receipt.timestamp },
});

/**
 * Deposits in one month of deposit, kept in the writer's transaction. Every deposit of a month
 * would update one document, and concurrent transactions updating one document abort each other
 * (a write conflict, then a retry): so each month has SHARDS documents (_id month:shard, the
 * shard from the deposit's id), summed when read.
 */
interface CountDoc {
  _id: string;
  month: string;
  n: number;
}
const SHARDS = 16;
const counterOf = (e: EvidenceRecord): string =>
  `${monthOf(e.depositedAt)}:${parseInt(createHash('sha256').update(e.id).digest('hex').slice(0, 4), 16) % SHARDS}`;

/** +n for each counter the deposits fall in. */
const perCounter = (es: readonly EvidenceRecord[]): AnyBulkWriteOperation<CountDoc>[] =>
  [...tally(es.map(counterOf))].map(([id, n]) => ({
    updateOne: { filter: { _id: id }, update: { $inc: { n }, $setOnInsert: { month: id.slice(0, 7) } }, upsert: true },
  }));

/**
 * A $regex source matching `text` anywhere, as SQLite's LIKE does: ASCII letters in either case
 * ([aA]; the `i` option would fold other scripts too, which LIKE does not), ASCII digits and every
 * character beyond ASCII as they are, and every other ASCII character (the regex metacharacters
 * among them, and NUL, which a pattern may not hold) as a \xhh escape, so none of it is syntax.
 */
export function containingPattern(text: string): string {
  let pattern = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (/^[A-Za-z]$/.test(c)) pattern += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else if (/^[0-9]$/.test(c) || code > 0x7f) pattern += c;
    else pattern += `\\x${code.toString(16).padStart(2, '0')}`;
  }
  return pattern;
}

/** The deposits of one depositor after the cursor that match the search (port.ts DepositPageRequest). */
function depositFilter(depositorId: string, { search, after }: DepositPageRequest): Filter<EvidenceDoc> {
  const clauses: Filter<EvidenceDoc>[] = [{ depositorId }];
  // Newest first: older, or as old with a greater id. The $lte bounds the index range; the $or settles the tie.
  if (after !== undefined) {
    clauses.push({ depositedAt: { $lte: after.depositedAt } }, { $or: [{ depositedAt: { $lt: after.depositedAt } }, { _id: { $gt: after.id } }] });
  }
  if (search !== undefined) {
    const title: Filter<EvidenceDoc> = { title: { $regex: containingPattern(search.text) } };
    // digestPrefix is lower-case hex (the port's promise), so it is its own pattern.
    clauses.push(search.digestPrefix === undefined ? title : { $or: [title, { contentDigest: { $regex: `^${search.digestPrefix}` } }] });
  }
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

/** _id is the data asset id. */
type DataAssetDoc = Omit<DataAssetRecord, 'id'> & { _id: string };
const toDataAsset = ({ _id, ...rest }: DataAssetDoc): DataAssetRecord => ({
  id: _id,
  ...rest,
  receipt: { seq: rest.receipt.seq, entryHash: rest.receipt.entryHash, timestamp: rest.receipt.timestamp },
});

export async function openMongoEvidenceStore(db: Db, options: MongoStoreOptions = {}): Promise<EvidenceStore> {
  const prefix = options.collectionPrefix ?? '';
  const evidence: Collection<EvidenceDoc> = db.collection<EvidenceDoc>(`${prefix}evidence`, COLLECTION_OPTIONS);
  // A depositor's evidence newest first, ties by id, straight off the index.
  await evidence.createIndex({ depositorId: 1, depositedAt: -1, _id: 1 }, { name: 'by_depositor' });
  // A deposit by its ledger entry (GET /certificates/<seq>.pdf): one per entry.
  await evidence.createIndex({ 'receipt.seq': 1, _id: 1 }, { name: 'by_seq' });

  const assets: Collection<DataAssetDoc> = db.collection<DataAssetDoc>(`${prefix}data_assets`, COLLECTION_OPTIONS);
  await assets.createIndex({ ownerId: 1, registeredAt: -1, _id: 1 }, { name: 'by_owner' });

  // Created here (by its index), so that no transaction creates it.
  const counts: Collection<CountDoc> = db.collection<CountDoc>(`${prefix}evidence_counts`, COLLECTION_OPTIONS);
  await counts.createIndex({ month: 1 }, { name: 'by_month' });
  // Deposits counted in another time zone (or before the counters) are counted again, into each
  // month's first shard.
  await monthCountsInZone(db, prefix, 'evidence_counts', hubTimeZone(), async (session) => {
    const months = await evidence
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: monthInZone('depositedAt', hubTimeZone()), n: { $sum: 1 } } }], { session })
      .toArray();
    await counts.deleteMany({}, { session });
    if (months.length > 0)
      await counts.insertMany(
        months.map((m) => ({ _id: `${m._id}:0`, month: m._id, n: m.n })),
        { session },
      );
  });
  /** Stores the deposits and adds them to their months' counts, in one transaction. */
  const write = (es: readonly EvidenceRecord[]): Promise<void> =>
    inTransaction(db.client, async (session) => {
      await evidence.insertMany(es.map(evidenceDoc), { session });
      await counts.bulkWrite(perCounter(es), { session });
    });
  return reportingUnavailable<EvidenceStore>({
    dataAssets: {
      async insert({ id, ...rest }) {
        await assets.insertOne({ _id: id, ...rest });
      },
      byIds: (ids) => findByIds(assets, ids, toDataAsset),
      async byOwners(ids, after, limit) {
        // One bounded read along by_owner per owner, from the cursor on; limit(0) would be no limit to MongoDB.
        if (limit <= 0) return ids.map(() => []);
        const unique = distinct(ids);
        const from =
          after === undefined
            ? {}
            : { registeredAt: { $lte: after.registeredAt }, $or: [{ registeredAt: { $lt: after.registeredAt } }, { _id: { $gt: after.id } }] };
        const pages = await Promise.all(
          unique.map((owner) => assets.find({ ownerId: owner, ...from }, { sort: { registeredAt: -1, _id: 1 }, limit, hint: 'by_owner' }).toArray()),
        );
        const by = new Map(unique.map((owner, i) => [owner, pages[i]!.map(toDataAsset)]));
        return ids.map((owner) => by.get(owner)!);
      },
      async countByOwners(ids) {
        const counted = await assets
          .aggregate<{ _id: string; n: number }>([{ $match: { ownerId: { $in: distinct(ids) } } }, { $group: { _id: '$ownerId', n: { $sum: 1 } } }])
          .toArray();
        const by = new Map(counted.map((c) => [c._id, c.n]));
        return ids.map((owner) => by.get(owner) ?? 0);
      },
    },
    evidence: {
      async insert(e) {
        // A duplicate id fails with the driver's duplicate-key error (code 11000), as SQLite's
        // primary key fails with its constraint error: the port names no error for it.
        await write([e]);
      },
      async insertMany(es) {
        if (es.length === 0) return;
        await write(es);
      },
      byIds: (ids) => findByIds(evidence, ids, toRecord),
      async byReceiptSeqs(seqs) {
        if (seqs.length === 0) return [];
        // Lowest id first, so that the first found for a seq is the one SQLite answers with too.
        const docs = await evidence.find({ 'receipt.seq': { $in: [...new Set(seqs)] } }, { sort: { 'receipt.seq': 1, _id: 1 }, hint: 'by_seq' }).toArray();
        const bySeq = new Map<number, EvidenceRecord>();
        for (const d of docs) if (!bySeq.has(d.receipt.seq)) bySeq.set(d.receipt.seq, toRecord(d));
        return seqs.map((seq) => bySeq.get(seq));
      },
      async byDepositors(ids, limit) {
        // One bounded read along by_depositor per depositor, rather than all of theirs at once.
        const unique = distinct(ids);
        const pages = await Promise.all(unique.map((id) => evidence.find({ depositorId: id }, { sort: { depositedAt: -1, _id: 1 }, limit }).toArray()));
        const by = new Map(unique.map((id, i) => [id, pages[i]!.map(toRecord)]));
        return ids.map((id) => by.get(id)!);
      },
      async pageByDepositor(depositorId, request) {
        // limit(0) would be no limit to MongoDB. The hint holds the read to the depositor's range of
        // by_depositor, in the page's order, from the cursor on; the search is filtered on each document.
        if (request.limit <= 0) return [];
        const docs = await evidence
          .find(depositFilter(depositorId, request), { sort: { depositedAt: -1, _id: 1 }, limit: request.limit, hint: 'by_depositor' })
          .toArray();
        return docs.map(toRecord);
      },
      countByDepositor: (depositorId, search) =>
        evidence.countDocuments(depositFilter(depositorId, search === undefined ? { limit: 0 } : { search, limit: 0 })),
      async countByMonth(from, to) {
        const months = await counts
          .aggregate<{ _id: string; n: number }>([
            { $match: { month: { $gte: from, $lte: to } } },
            { $group: { _id: '$month', n: { $sum: '$n' } } },
            { $sort: { _id: 1 } },
          ])
          .toArray();
        return months.map((m) => ({ month: m._id, count: m.n }));
      },
      async count() {
        const [sum] = await counts.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$n' } } }]).toArray();
        return sum?.n ?? 0;
      },
    },
    async close() {
      // The client is the caller's: nothing of ours to release.
    },
  });
}
