// The enterprises subgraph's repositories on MongoDB (the distributed mode). The Db comes from a
// client the caller owns: close() leaves it open.
import type { AnyBulkWriteOperation, ClientSession, Collection, Db, Document, Filter, WithId } from 'mongodb';

import { mongoOutbox } from '../../../outbox/mongodb.js';
import { hubDateOf } from '../../../platform/hub-calendar.js';
import {
  changedSince,
  COLLECTION_OPTIONS,
  createCollections,
  distinct,
  duplicateKeyOf,
  findByIds,
  inTransaction,
  isDuplicateKeyOn,
  keysetPage,
  keysetPages,
  listPage,
  type MongoStoreOptions,
  reportingUnavailable,
} from '../../../platform/mongodb.js';
import type { ListRead } from '../../../platform/pagination.js';
import { tally } from '../../common/tally.js';
import { DEADLINE_RULES, patentDeadlines } from '../domain/deadlines.js';
import { overlappingLicence } from '../domain/licences.js';
import type {
  AssetEvent,
  CopyrightRecord,
  EnterpriseRecord,
  LicenceRecord,
  NewAssetEvent,
  OpenLicenceRecord,
  OutsideParty,
  PatentFreeze,
  PatentInvalidation,
  PatentRecord,
  RightKind,
  RightRef,
  Stored,
  TermCompensation,
  TrademarkRecord,
  TransferRecord,
  WaitingFreeze,
} from '../domain/model.js';
import { movedTo, patentAsset, rightKey, transferParts } from '../domain/model.js';
import { foldName, NAME_INDEX_VERSION, nameGrams, searchPlan } from '../domain/name-search.js';
import { importPlan } from '../domain/patent-changes.js';
import { markKey } from '../domain/trademark.js';
import type {
  DatedKey,
  DateWindow,
  EnterpriseFilter,
  EnterpriseListFilter,
  EnterprisesStore,
  ImportResult,
  LicenceRefusal,
  OwnerFilter,
  PatentFilter,
  RightClaim,
} from './port.js';
import { DuplicateKeyError } from './port.js';

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
  /** When it last changed, for syncs: each write of a record keeps its own ($max where times may cross). */
  updatedAt: string;
  // For the search by name (domain/name-search.ts): the name folded, and its bigrams, indexed
  // (by_name_gram). Absent on documents from before the search until the store's opening sets them.
  nameFolded?: string;
  nameGrams?: string[];
}

/** How many enterprises' names have a gram (the _id): a search walks its rarest gram. */
interface GramCountDoc {
  _id: string;
  n: number;
}

interface PatentDoc {
  _id: string;
  /** Null once held outside the registry (outsideOwner): its region and industry '', its deadlines null. */
  enterpriseId: string | null;
  /** Who holds it outside the registry; absent or null while an enterprise does. */
  outsideOwner?: OutsideParty | null;
  type: PatentRecord['type'];
  pct: boolean;
  title: string;
  ipcClass: string | null;
  status: PatentRecord['status'];
  filingDate: string;
  grantDate: string | null;
  feesPaidThrough: string | null;
  grantPublicationNumber: string | null;
  lapsedOn: string | null;
  freeze: PatentFreeze | null;
  invalidation: PatentInvalidation | null;
  version: number;
  // Absent on documents from before the registry's dates (store opening backfills them).
  priorityDate?: string | null;
  parentApplicationNumber?: string | null;
  examinationRequestedOn?: string | null;
  terminationNoticeOn?: string | null;
  termCompensation?: TermCompensation[];
  waitingFreezes?: WaitingFreeze[];
  declared?: boolean;
  // For the warnings: the owner's region and industry (copied at registration; an enterprise's
  // never change) and the patent's deadlines (domain/deadlines.ts), null when not live.
  regionCode: string;
  industry: string;
  feeDue: string | null;
  feeGraceEnds: string | null;
  protectionEnds: string | null;
  examinationDue: string | null;
  updatedAt: string;
  /** The claim on it (RightsRepository.claim) while one is held; absent or null otherwise. */
  claim?: RightClaim | null;
}

interface TrademarkDoc {
  _id: string;
  /** As PatentDoc's: its region and industry '' then (its expiry date kept, but counted for no day). */
  enterpriseId: string | null;
  outsideOwner?: OutsideParty | null;
  mark: string;
  niceClass: number;
  goods?: string[];
  registrationDate: string;
  expiryDate: string;
  version?: number;
  regionCode: string;
  industry: string;
  updatedAt: string;
  /** domain/trademark.ts markKey of the mark, for its registrations in one class (by_mark); absent on documents from before it until backfilled. */
  markKey?: string;
  /** As PatentDoc's. */
  claim?: RightClaim | null;
  /** A court's preservation; absent or null when none. */
  freeze?: PatentFreeze | null;
}

/** Enterprises and patents per region or industry, kept in the writer's transaction. */
interface CountDoc {
  _id: string;
  dimension: 'regionCode' | 'industry';
  key: string;
  enterprises?: number;
  patents?: number;
}

/** `_id` is `<asset>#<seq>`, unique: two writers cannot both add an asset's next event. */
interface AssetEventDoc {
  _id: string;
  asset: string;
  seq: number;
  at: string;
  actor: string;
  role: string;
  type: AssetEvent['type'];
  details: AssetEvent['details'];
}

interface CopyrightDoc {
  _id: string;
  enterpriseId: string;
  title: string;
  kind: CopyrightRecord['kind'];
  author?: string | null;
  completedOn?: string | null;
  registeredOn: string;
  updatedAt: string;
}

/** A transfer or a licence, kept whole, found by its right and its order. */
interface RightRecordDoc<R> {
  _id: string;
  rightKey: string;
  registeredAt: string;
  record: R;
}

/**
 * A licence: its contract digest beside the record, unique per right (by_contract: 专利实施许可合同备案办法
 * art. 12(2)(viii)); null on a licence recorded with a digest recorded before (before the rule),
 * absent until backfilled on one from before the field. A record from before the effective date
 * has none: its contract date is its effective date.
 */
interface LicenceDoc extends RightRecordDoc<Omit<LicenceRecord, 'effectiveDate'> & { effectiveDate?: string }> {
  contractDigest?: string | null;
}

/**
 * A transfer: its state and effective date beside the record, for the pending ones (by_pending);
 * absent on one from before effective dates, which moved its right the day it was recorded.
 */
interface TransferDoc extends RightRecordDoc<Omit<TransferRecord, 'effectiveDate' | 'state'> & Partial<TransferRecord>> {
  state?: TransferRecord['state'];
  effectiveDate?: string;
}
const toTransfer = (d: TransferDoc): TransferRecord => ({
  ...d.record,
  effectiveDate: d.record.effectiveDate ?? hubDateOf(d.record.registeredAt),
  state: d.record.state ?? 'EFFECTIVE',
});

const toLicence = (d: LicenceDoc): LicenceRecord => ({ ...d.record, effectiveDate: d.record.effectiveDate ?? d.record.contractDate });
const BY_CONTRACT = { name: 'by_contract', key: { rightKey: 1, contractDigest: 1 } } as const;

/** An open licence declaration (Patent Law art. 50), kept whole; `standing` until withdrawn, at most one standing per patent. */
interface OpenLicenceDoc {
  _id: string;
  applicationNumber: string;
  declaredAt: string;
  standing: boolean;
  record: OpenLicenceRecord;
}
const STANDING_OPEN_LICENCE = { name: 'standing', key: { applicationNumber: 1 } } as const;

// Documents to records field by field: no _id, no stray fields, nulls stay null.
const toEnterprise = (d: EnterpriseDoc): Stored<EnterpriseRecord> => ({
  id: d._id,
  uscc: d.uscc,
  name: d.name,
  regionCode: d.regionCode,
  industry: d.industry,
  filingStatus: d.filingStatus,
  registeredAt: d.registeredAt,
  creditCodeOverride: d.creditCodeOverride === null ? null : { approvedBy: d.creditCodeOverride.approvedBy, reason: d.creditCodeOverride.reason },
  updatedAt: d.updatedAt,
});

/** The holder outside the registry: absent when none, as on a record registered without one. */
const outsideOwnerOf = (d: { outsideOwner?: OutsideParty | null }) => (d.outsideOwner == null ? {} : { outsideOwner: d.outsideOwner });
/** None for a patent held outside the registry: no enterprise is warned of it, no count holds it. */
const NO_DEADLINES = { feeDue: null, feeGraceEnds: null, protectionEnds: null, examinationDue: null } as const;
/** The day a trademark's registration ends, as counted: none once held outside the registry. */
const expiryCounted = (t: TrademarkRecord): string | null => (t.enterpriseId === null ? null : t.expiryDate);
/** The region and industry a right is listed under: its owner's, or none ('') once held outside the registry. */
const placeOf = (owners: ReadonlyMap<string, { regionCode: string; industry: string }>, id: string | null) =>
  id === null ? { regionCode: '', industry: '' } : owners.get(id)!;

const toPatent = (d: PatentDoc): Stored<PatentRecord> => ({
  ...outsideOwnerOf(d),
  applicationNumber: d._id,
  enterpriseId: d.enterpriseId,
  type: d.type,
  pct: d.pct,
  title: d.title,
  ipcClass: d.ipcClass,
  status: d.status,
  filingDate: d.filingDate,
  priorityDate: d.priorityDate ?? null,
  parentApplicationNumber: d.parentApplicationNumber ?? null,
  examinationRequestedOn: d.examinationRequestedOn ?? null,
  grantDate: d.grantDate,
  feesPaidThrough: d.feesPaidThrough,
  // Documents from before the lifecycle have none of these.
  grantPublicationNumber: d.grantPublicationNumber ?? null,
  lapsedOn: d.lapsedOn ?? null,
  terminationNoticeOn: d.terminationNoticeOn ?? null,
  termCompensation: (d.termCompensation ?? []).map((c) => ({
    ground: c.ground,
    days: c.days,
    decidedOn: c.decidedOn,
    marketingApprovedOn: c.marketingApprovedOn,
  })),
  declared: d.declared ?? false,
  freeze:
    d.freeze == null
      ? null
      : {
          court: d.freeze.court,
          orderNumber: d.freeze.orderNumber,
          frozenOn: d.freeze.frozenOn,
          ...(d.freeze.endsOn === undefined ? {} : { endsOn: d.freeze.endsOn }),
        },
  waitingFreezes: (d.waitingFreezes ?? []).map((w) => ({ court: w.court, orderNumber: w.orderNumber, registeredOn: w.registeredOn, termDays: w.termDays })),
  invalidation:
    d.invalidation == null
      ? null
      : {
          requestedOn: d.invalidation.requestedOn,
          requester: d.invalidation.requester,
          decision: d.invalidation.decision,
          decidedOn: d.invalidation.decidedOn,
          // Invalidations stored before court actions have neither key, as SQLite reads them back.
          ...(d.invalidation.courtAction === undefined
            ? {}
            : {
                courtAction:
                  d.invalidation.courtAction === null ? null : { filedOn: d.invalidation.courtAction.filedOn, court: d.invalidation.courtAction.court },
              }),
          ...(d.invalidation.judgment === undefined
            ? {}
            : {
                judgment: d.invalidation.judgment === null ? null : { outcome: d.invalidation.judgment.outcome, decidedOn: d.invalidation.judgment.decidedOn },
              }),
        },
  version: d.version ?? 1,
  updatedAt: d.updatedAt,
});

const toAssetEvent = (d: AssetEventDoc): AssetEvent => ({
  asset: d.asset,
  seq: d.seq,
  at: d.at,
  actor: d.actor,
  role: d.role,
  type: d.type,
  details: d.details,
});

const toTrademark = (d: TrademarkDoc): Stored<TrademarkRecord> => ({
  ...outsideOwnerOf(d),
  registrationNumber: d._id,
  enterpriseId: d.enterpriseId,
  mark: d.mark,
  niceClass: d.niceClass,
  // Documents from before goods and versions have neither.
  goods: d.goods ?? [],
  registrationDate: d.registrationDate,
  expiryDate: d.expiryDate,
  version: d.version ?? 1,
  updatedAt: d.updatedAt,
  // Absent when none, as on a record registered without one.
  ...(d.freeze == null ? {} : { freeze: d.freeze }),
});

/** Thrown inside a transaction to abort it: a write of several rights found one changed meanwhile. */
class Unwritten extends Error {}
/** What `write` returns; false when it threw Unwritten, its transaction aborted. */
async function unlessUnwritten(write: () => Promise<boolean>): Promise<boolean> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof Unwritten) return false;
    throw err;
  }
}

const toCopyright = (d: CopyrightDoc): Stored<CopyrightRecord> => ({
  registrationNumber: d._id,
  enterpriseId: d.enterpriseId,
  title: d.title,
  kind: d.kind,
  author: d.author ?? null,
  completedOn: d.completedOn ?? null,
  registeredOn: d.registeredOn,
  updatedAt: d.updatedAt,
});

/**
 * Runs an insert, turning a unique-index violation (_id or uscc) of the records' own collection
 * into DuplicateKeyError; one on a counter is a fault, not a registration made twice.
 */
async function insertOnce(into: { readonly namespace: string }, run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (duplicateKeyOf(err)?.namespace === into.namespace) throw new DuplicateKeyError(`${what} is registered already`, { cause: err });
    throw err;
  }
}

/** Adds each owner's rights to its region's and its industry's row of one counter. */
function counted(owners: readonly { regionCode: string; industry: string }[], field: 'enterprises' | 'patents'): AnyBulkWriteOperation<CountDoc>[] {
  return (['regionCode', 'industry'] as const).flatMap((dimension) =>
    [...tally(owners.map((o) => o[dimension]))].map(([key, n]) => ({
      updateOne: { filter: { _id: `${dimension}:${key}` }, update: { $inc: { [field]: n }, $setOnInsert: { dimension, key } }, upsert: true },
    })),
  );
}

/** The same counter updates taking away instead of adding. */
function negated<T extends Document>(op: AnyBulkWriteOperation<T>): AnyBulkWriteOperation<T> {
  const one = (op as { updateOne: { filter: Filter<T>; update: { $inc: Record<string, number>; $setOnInsert: object }; upsert: boolean } }).updateOne;
  const inc = Object.fromEntries(Object.entries(one.update.$inc).map(([k, v]) => [k, -v]));
  return { updateOne: { ...one, update: { ...one.update, $inc: inc } } } as AnyBulkWriteOperation<T>;
}

/** The deadlines counted per day, and their counts. */
type Deadline = 'fee' | 'protection' | 'examination' | 'trademark';
interface DeadlineCountDoc {
  _id: string;
  deadline: Deadline;
  day: string;
  n: number;
}

/** +n for each day of the deadline, n the times it is named (null: no deadline). */
function perDay(deadline: Deadline, days: readonly (string | null)[]): AnyBulkWriteOperation<DeadlineCountDoc>[] {
  return [...tally(days)].map(([day, added]) => ({
    updateOne: { filter: { _id: `${deadline}:${day}` }, update: { $inc: { n: added }, $setOnInsert: { deadline, day } }, upsert: true },
  }));
}

/** Rows of one owner, region or industry with `field` in the window, strictly after `after` in (field, _id) order. */
function dated<T extends { _id: string }>(field: string, owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined): Filter<T> {
  const f: Record<string, unknown> = { [field]: { $gte: window.from, $lte: window.to } };
  if (owner.enterpriseId !== undefined) f.enterpriseId = owner.enterpriseId;
  if (owner.regionCode !== undefined) f.regionCode = owner.regionCode;
  if (owner.industry !== undefined) f.industry = owner.industry;
  // A trademark held outside the registry keeps its expiry date: no enterprise's list holds it (a
  // patent's has no deadline then; its region and industry, '', match no filter).
  if (field === 'expiryDate' && owner.enterpriseId === undefined && owner.regionCode === undefined && owner.industry === undefined)
    f.enterpriseId = { $ne: null };
  if (after !== undefined) f.$or = [{ [field]: { $gt: after.date } }, { [field]: after.date, _id: { $gt: after.number } }];
  return f as Filter<T>;
}

/** Up to `limit` of those rows, in (field, _id) order. */
async function datedPage<T extends { _id: string }>(
  rows: Collection<T>,
  field: string,
  owner: OwnerFilter,
  window: DateWindow,
  after: DatedKey | undefined,
  limit: number,
): Promise<WithId<T>[]> {
  return limit <= 0 ? [] : rows.find(dated<T>(field, owner, window, after), { sort: { [field]: 1, _id: 1 }, limit }).toArray();
}

/** A name's fields for the search: the name folded, and its bigrams. */
const nameIndexed = (name: string): { nameFolded: string; nameGrams: string[] } => {
  const nameFolded = foldName(name);
  return { nameFolded, nameGrams: nameGrams(nameFolded) };
};

/** Adds each enterprise to its name's grams' counts. */
const gramsCounted = (docs: readonly EnterpriseDoc[]): AnyBulkWriteOperation<GramCountDoc>[] =>
  [...tally(docs.flatMap((d) => d.nameGrams ?? []))].map(([gram, n]) => ({
    updateOne: { filter: { _id: gram }, update: { $inc: { n } }, upsert: true },
  }));

/** A search's rarest gram, how many enterprises have it, and the folded search when a name must still be checked for it. */
interface SearchGram {
  readonly gram: string;
  readonly n: number;
  readonly check: string | undefined;
}

/** Text matched as it is by a regular expression: every character the syntax gives a meaning escaped. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The enterprises having the gram whose folded name holds the search, in the region and industry
 * asked: read along by_name_gram in _id order, the rest checked on the documents it finds.
 */
function searchFilter(filter: EnterpriseListFilter, rarest: SearchGram): Filter<EnterpriseDoc> {
  const matching: Filter<EnterpriseDoc> = { nameGrams: rarest.gram, ...matchFilter(filter) };
  if (rarest.check !== undefined) matching.nameFolded = { $regex: literally(rarest.check) };
  return matching;
}
const BY_NAME_GRAM = { hint: 'by_name_gram' } as const;

/** Built key by key: an explicit `regionCode: undefined` must not become a match on null. */
function matchFilter(filter: EnterpriseFilter): Filter<EnterpriseDoc> {
  const matching: Filter<EnterpriseDoc> = {};
  if (filter.regionCode !== undefined) matching.regionCode = filter.regionCode;
  if (filter.industry !== undefined) matching.industry = filter.industry;
  return matching;
}

const enterpriseDoc = (e: EnterpriseRecord): EnterpriseDoc => ({
  ...nameIndexed(e.name),
  _id: e.id,
  uscc: e.uscc,
  name: e.name,
  regionCode: e.regionCode,
  industry: e.industry,
  filingStatus: e.filingStatus,
  registeredAt: e.registeredAt,
  creditCodeOverride: e.creditCodeOverride === null ? null : { approvedBy: e.creditCodeOverride.approvedBy, reason: e.creditCodeOverride.reason },
  updatedAt: e.registeredAt,
});

/** Patents of one enterprise, with a recorded status, or all. */
function patentQuery(filter: PatentFilter): Filter<PatentDoc> {
  const query: Filter<PatentDoc> = {};
  if (filter.enterpriseId !== undefined) query.enterpriseId = filter.enterpriseId;
  if (filter.status !== undefined) query.status = filter.status;
  return query;
}

/**
 * Without the owner's region and industry, which the writer reads in its transaction, nor when it
 * changed, which each write sets as it changes it (recomputed deadlines are no change).
 */
const patentDoc = (p: PatentRecord): Omit<PatentDoc, 'regionCode' | 'industry' | 'updatedAt'> => ({
  _id: p.applicationNumber,
  enterpriseId: p.enterpriseId,
  type: p.type,
  pct: p.pct,
  title: p.title,
  ipcClass: p.ipcClass,
  status: p.status,
  filingDate: p.filingDate,
  priorityDate: p.priorityDate,
  parentApplicationNumber: p.parentApplicationNumber,
  examinationRequestedOn: p.examinationRequestedOn,
  grantDate: p.grantDate,
  feesPaidThrough: p.feesPaidThrough,
  grantPublicationNumber: p.grantPublicationNumber,
  lapsedOn: p.lapsedOn,
  terminationNoticeOn: p.terminationNoticeOn,
  termCompensation: [...p.termCompensation],
  declared: p.declared,
  freeze: p.freeze,
  waitingFreezes: [...p.waitingFreezes],
  invalidation: p.invalidation,
  version: p.version,
  outsideOwner: p.outsideOwner ?? null,
  ...(p.enterpriseId === null ? NO_DEADLINES : patentDeadlines(p)),
});

const trademarkDoc = (t: TrademarkRecord): Omit<TrademarkDoc, 'regionCode' | 'industry' | 'updatedAt'> => ({
  _id: t.registrationNumber,
  enterpriseId: t.enterpriseId,
  mark: t.mark,
  niceClass: t.niceClass,
  goods: [...t.goods],
  registrationDate: t.registrationDate,
  expiryDate: t.expiryDate,
  version: t.version,
  markKey: markKey(t.mark),
  freeze: t.freeze ?? null,
  outsideOwner: t.outsideOwner ?? null,
});

const copyrightDoc = (c: CopyrightRecord, at: string): CopyrightDoc => ({
  _id: c.registrationNumber,
  enterpriseId: c.enterpriseId,
  title: c.title,
  kind: c.kind,
  author: c.author,
  completedOn: c.completedOn,
  registeredOn: c.registeredOn,
  updatedAt: at,
});

/** How many documents each enterprise has, through the collection's by_enterprise index, in the order asked (0 for none). */
async function countsByEnterprise<D extends { _id: string; enterpriseId: string | null }>(rows: Collection<D>, ids: readonly string[]): Promise<number[]> {
  const counted = await rows
    .aggregate<{ _id: string; n: number }>([{ $match: { enterpriseId: { $in: distinct(ids) } } }, { $group: { _id: '$enterpriseId', n: { $sum: 1 } } }])
    .toArray();
  const by = new Map(counted.map((c) => [c._id, c.n]));
  return ids.map((id) => by.get(id) ?? 0);
}

export async function openMongoEnterprisesStore(db: Db, options: MongoStoreOptions = {}): Promise<EnterprisesStore> {
  const prefix = options.collectionPrefix ?? '';
  const names = {
    enterprises: `${prefix}enterprises`,
    patents: `${prefix}patents`,
    trademarks: `${prefix}trademarks`,
    copyrights: `${prefix}copyrights`,
    counts: `${prefix}registry_counts`,
    deadlineCounts: `${prefix}deadline_counts`,
    history: `${prefix}asset_events`,
    transfers: `${prefix}transfers`,
    licences: `${prefix}licences`,
    openLicences: `${prefix}open_licences`,
    gramCounts: `${prefix}enterprise_gram_counts`,
    nameIndex: `${prefix}name_index`,
  };
  const enterprises: Collection<EnterpriseDoc> = db.collection<EnterpriseDoc>(names.enterprises, COLLECTION_OPTIONS);
  const patents: Collection<PatentDoc> = db.collection<PatentDoc>(names.patents, COLLECTION_OPTIONS);
  const trademarks: Collection<TrademarkDoc> = db.collection<TrademarkDoc>(names.trademarks, COLLECTION_OPTIONS);
  const copyrights: Collection<CopyrightDoc> = db.collection<CopyrightDoc>(names.copyrights, COLLECTION_OPTIONS);
  const counts: Collection<CountDoc> = db.collection<CountDoc>(names.counts, COLLECTION_OPTIONS);
  // Rights by deadline and day, for counting a window's warnings by its days.
  const deadlineCounts: Collection<DeadlineCountDoc> = db.collection(names.deadlineCounts, COLLECTION_OPTIONS);
  const history: Collection<AssetEventDoc> = db.collection<AssetEventDoc>(names.history, COLLECTION_OPTIONS);
  const transfers: Collection<TransferDoc> = db.collection(names.transfers, COLLECTION_OPTIONS);
  const licences: Collection<LicenceDoc> = db.collection(names.licences, COLLECTION_OPTIONS);
  const openLicences: Collection<OpenLicenceDoc> = db.collection(names.openLicences, COLLECTION_OPTIONS);
  // Enterprises per gram of their names, kept in the writer's transaction.
  const gramCounts: Collection<GramCountDoc> = db.collection<GramCountDoc>(names.gramCounts, COLLECTION_OPTIONS);
  const outbox = await mongoOutbox(db, prefix, 'enterprises');
  /** An unfiltered count from the days' counts; a filtered one from the index. */
  const countWithin = async <T extends { _id: string }>(
    deadline: Deadline,
    rows: Collection<T>,
    field: string,
    owner: OwnerFilter,
    window: DateWindow,
  ): Promise<number> => {
    if (owner.enterpriseId !== undefined || owner.regionCode !== undefined || owner.industry !== undefined)
      return rows.countDocuments(dated<T>(field, owner, window, undefined));
    const match = { deadline, day: { $gte: window.from, $lte: window.to } };
    const [sum] = await deadlineCounts.aggregate<{ n: number }>([{ $match: match }, { $group: { _id: null, n: { $sum: '$n' } } }]).toArray();
    return sum?.n ?? 0;
  };
  /** The window's days' counts summed per month (the day's first seven characters), by month. */
  const byMonth = async (deadline: Deadline, window: DateWindow) => {
    const months = await deadlineCounts
      .aggregate<{ _id: string; n: number }>([
        { $match: { deadline, day: { $gte: window.from, $lte: window.to } } },
        { $group: { _id: { $substrBytes: ['$day', 0, 7] }, n: { $sum: '$n' } } },
        { $match: { n: { $gt: 0 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return months.map((m) => ({ month: m._id, count: m.n }));
  };

  // Re-run from the top on transient errors (write conflicts on a counter).
  const transaction = (work: (session: ClientSession) => Promise<void>): Promise<void> => inTransaction(db.client, work);
  /** Each owner's region and industry, read in the writer's transaction; an error when one is missing. */
  const ownersOf = async (rights: readonly { enterpriseId: string | null }[], session: ClientSession) => {
    const ids = distinct(rights.flatMap((r) => (r.enterpriseId === null ? [] : [r.enterpriseId])));
    const found = await enterprises.find({ _id: { $in: ids } }, { session, projection: { regionCode: 1, industry: 1 } }).toArray();
    const owners = new Map(found.map((o) => [o._id, { regionCode: o.regionCode, industry: o.industry }]));
    const missing = ids.find((id) => !owners.has(id));
    if (missing !== undefined) throw new Error(`no enterprise ${missing}`);
    return owners;
  };

  const insertEnterprises = async (es: readonly EnterpriseRecord[]): Promise<void> => {
    if (es.length === 0) return;
    const docs = es.map(enterpriseDoc);
    await insertOnce(
      enterprises,
      () =>
        transaction(async (session) => {
          await enterprises.insertMany(docs, { session });
          await counts.bulkWrite(counted(es, 'enterprises'), { session });
          await gramCounts.bulkWrite(gramsCounted(docs), { session });
        }),
      es.length === 1 ? `credit code ${es[0]!.uscc}` : `a credit code or id of these ${es.length} enterprises`,
    );
  };
  /** Inserts patents registered `at` with their counters, in the caller's transaction. */
  const addPatents = async (ps: readonly PatentRecord[], at: string, session: ClientSession): Promise<void> => {
    if (ps.length === 0) return;
    const owners = await ownersOf(ps, session);
    const docs = ps.map((p) => ({ ...patentDoc(p), ...placeOf(owners, p.enterpriseId), version: 1, updatedAt: at }));
    await patents.insertMany(docs, { session });
    await counts.bulkWrite(counted(docs, 'patents'), { session });
    const days = [
      ...perDay(
        'fee',
        docs.map((d) => d.feeDue),
      ),
      ...perDay(
        'protection',
        docs.map((d) => d.protectionEnds),
      ),
      ...perDay(
        'examination',
        docs.map((d) => d.examinationDue),
      ),
    ];
    if (days.length > 0) await deadlineCounts.bulkWrite(days, { session });
  };
  const insertPatents = async (ps: readonly PatentRecord[], at: string): Promise<void> => {
    if (ps.length === 0) return;
    await insertOnce(
      patents,
      () => transaction((session) => addPatents(ps, at, session)),
      ps.length === 1 ? `patent ${ps[0]!.applicationNumber}` : `one of these ${ps.length} patents`,
    );
  };
  const insertTrademarks = async (ts: readonly TrademarkRecord[], at: string): Promise<void> => {
    if (ts.length === 0) return;
    await insertOnce(
      trademarks,
      () =>
        transaction(async (session) => {
          const owners = await ownersOf(ts, session);
          await trademarks.insertMany(
            ts.map((t) => ({ ...trademarkDoc(t), ...placeOf(owners, t.enterpriseId), version: 1, updatedAt: at })),
            { session },
          );
          await deadlineCounts.bulkWrite(
            perDay(
              'trademark',
              ts.map((t) => t.expiryDate),
            ),
            { session },
          );
        }),
      ts.length === 1 ? `trademark ${ts[0]!.registrationNumber}` : `one of these ${ts.length} trademarks`,
    );
  };
  /**
   * Replaces a patent at `before.version` and records the event, moving its deadlines' counts and,
   * when its owner changes, its owner's counters; false when another change came first. In the
   * caller's transaction.
   */
  const changePatent = async (before: PatentRecord, after: PatentRecord, event: NewAssetEvent, session: ClientSession): Promise<boolean> => {
    const owners = await ownersOf([before, after], session);
    const doc = { ...patentDoc(after), ...placeOf(owners, after.enterpriseId), version: before.version + 1 };
    const { _id, ...fields } = doc;
    const replaced = await patents.updateOne({ _id, version: before.version }, { $set: fields, $max: { updatedAt: event.at } }, { session });
    if (replaced.matchedCount === 0) return false;
    const old = patentDoc(before);
    const days: AnyBulkWriteOperation<DeadlineCountDoc>[] = [];
    for (const [deadline, was, now] of [
      ['fee', old.feeDue, doc.feeDue],
      ['protection', old.protectionEnds, doc.protectionEnds],
      ['examination', old.examinationDue, doc.examinationDue],
    ] as const) {
      if (was === now) continue;
      days.push(...perDay(deadline, [was]).map(negated), ...perDay(deadline, [now]));
    }
    if (days.length > 0) await deadlineCounts.bulkWrite(days, { session });
    if (before.enterpriseId !== after.enterpriseId) {
      // Counted for its owner enterprise's region and industry; for none once held outside the registry.
      const moved = [
        ...(before.enterpriseId === null ? [] : counted([owners.get(before.enterpriseId)!], 'patents').map(negated)),
        ...(after.enterpriseId === null ? [] : counted([owners.get(after.enterpriseId)!], 'patents')),
      ];
      await counts.bulkWrite(moved, { session });
    }
    await record(patentAsset(after.applicationNumber), event, session);
    return true;
  };
  /** Adds the event after the asset's last, in the caller's transaction. */
  const record = async (asset: string, event: NewAssetEvent, session: ClientSession): Promise<void> => {
    const [last] = await history.find({ asset }, { session, sort: { seq: -1 }, limit: 1, projection: { seq: 1 } }).toArray();
    const seq = (last?.seq ?? 0) + 1;
    await history.insertOne({ _id: `${asset}#${seq}`, asset, seq, ...event }, { session });
  };
  /** As changePatent, for a trademark: its expiry's count moves with it. */
  const changeTrademark = async (before: TrademarkRecord, after: TrademarkRecord, event: NewAssetEvent, session: ClientSession): Promise<boolean> => {
    const owners = await ownersOf([after], session);
    const { _id, ...fields } = { ...trademarkDoc(after), ...placeOf(owners, after.enterpriseId), version: before.version + 1 };
    if ((await trademarks.updateOne({ _id, version: before.version }, { $set: fields, $max: { updatedAt: event.at } }, { session })).matchedCount === 0)
      return false;
    const [was, now] = [expiryCounted(before), expiryCounted(after)];
    if (was !== now) {
      const days = [...perDay('trademark', [was]).map(negated), ...perDay('trademark', [now])];
      if (days.length > 0) await deadlineCounts.bulkWrite(days, { session });
    }
    await record(rightKey({ kind: 'TRADEMARK', number: after.registrationNumber }), event, session);
    return true;
  };
  /** The right as stored in the transaction, if the claim `token` holds it and `owner` owns it. */
  const claimedRight = async (
    right: RightRef,
    token: string,
    owner: string,
    session: ClientSession,
  ): Promise<Stored<PatentRecord> | Stored<TrademarkRecord> | undefined> => {
    const filter = { _id: right.number, 'claim.token': token };
    const found =
      right.kind === 'PATENT'
        ? await patents.findOne(filter, { session }).then((d) => (d === null ? undefined : toPatent(d)))
        : await trademarks.findOne(filter, { session }).then((d) => (d === null ? undefined : toTrademark(d)));
    return found?.enterpriseId === owner ? found : undefined;
  };
  /** Changes a claimed right to `after` at its version and drops its claim, in the caller's transaction: the act is recorded. */
  const changeClaimed = async (
    before: PatentRecord | TrademarkRecord,
    after: PatentRecord | TrademarkRecord,
    event: NewAssetEvent,
    session: ClientSession,
  ): Promise<boolean> => {
    if ('applicationNumber' in before) {
      if (!(await changePatent(before, after as PatentRecord, event, session))) return false;
      await patents.updateOne({ _id: before.applicationNumber }, { $set: { claim: null } }, { session });
      return true;
    }
    if (!(await changeTrademark(before, after as TrademarkRecord, event, session))) return false;
    await trademarks.updateOne({ _id: before.registrationNumber }, { $set: { claim: null } }, { session });
    return true;
  };
  const insertCopyrights = async (cs: readonly CopyrightRecord[], at: string): Promise<void> => {
    if (cs.length === 0) return;
    const docs = cs.map((c) => copyrightDoc(c, at));
    await insertOnce(
      copyrights,
      () => transaction(async (session) => void (await copyrights.insertMany(docs, { session }))),
      cs.length === 1 ? `copyright ${cs[0]!.registrationNumber}` : `one of these ${cs.length} copyrights`,
    );
  };

  /**
   * Once per version of the deadline rules (domain/deadlines.ts DEADLINE_RULES): every patent's
   * stored deadlines computed again, then the patents' day counts from them. Run as the store opens;
   * a patent written by another process meanwhile may be counted twice, so a deployment upgrades
   * with its writers stopped (docs/mongodb.md).
   */
  const recomputeDeadlines = async (): Promise<void> => {
    const rules = db.collection<{ _id: string; version: number }>(`${prefix}deadline_rules`, COLLECTION_OPTIONS);
    if ((await rules.findOne({ _id: 'patents' }))?.version === DEADLINE_RULES) return;
    await createCollections(db, [rules.collectionName]);
    // A thousand documents a round trip, only those whose stored deadlines or fields differ.
    let batch: AnyBulkWriteOperation<PatentDoc>[] = [];
    const flush = async () => {
      if (batch.length > 0) await patents.bulkWrite(batch, { ordered: false });
      batch = [];
    };
    for await (const d of patents.find({})) {
      const { _id, ...fields } = patentDoc(toPatent(d));
      const stale = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => JSON.stringify(d[k] ?? null) !== JSON.stringify(fields[k] ?? null));
      if (stale) batch.push({ updateOne: { filter: { _id, version: d.version }, update: { $set: fields } } });
      if (batch.length >= 1_000) await flush();
    }
    await flush();
    await inTransaction(db.client, async (session) => {
      await deadlineCounts.deleteMany({ deadline: { $in: ['fee', 'protection', 'examination'] } }, { session });
      for (const [deadline, field] of [
        ['fee', 'feeDue'],
        ['protection', 'protectionEnds'],
        ['examination', 'examinationDue'],
      ] as const) {
        const days = await patents
          .aggregate<{ _id: string; n: number }>([{ $match: { [field]: { $type: 'string' } } }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }], { session })
          .toArray();
        if (days.length > 0)
          await deadlineCounts.insertMany(
            days.map((x) => ({ _id: `${deadline}:${x._id}`, deadline, day: x._id, n: x.n })),
            { session },
          );
      }
      await rules.updateOne({ _id: 'patents' }, { $set: { version: DEADLINE_RULES } }, { upsert: true, session });
    });
  };

  /**
   * Documents from before updatedAt dated by the latest change they show (pipeline updates and
   * writes filtered on its absence: idempotent, and a change written meanwhile is kept), as the
   * SQLite store dates them: an enterprise by its registration; a patent or trademark by its
   * history's last event, or its grant, filing or registration day (midnight UTC) when later; a
   * copyright by its day of registration.
   */
  const dateFromRows = async (): Promise<void> => {
    await enterprises.updateMany({ updatedAt: { $exists: false } }, [{ $set: { updatedAt: '$registeredAt' } }]);
    await copyrights.updateMany({ updatedAt: { $exists: false } }, [{ $set: { updatedAt: { $concat: ['$registeredOn', 'T00:00:00.000Z'] } } }]);
    await datedByHistory(patents, 'PATENT', (d) => d.grantDate ?? d.filingDate);
    await datedByHistory(trademarks, 'TRADEMARK', (d) => d.registrationDate);
  };
  /** A thousand rights a round trip: each dated by the later of its history's last event and its day. */
  const datedByHistory = async <D extends PatentDoc | TrademarkDoc>(rows: Collection<D>, kind: RightKind, dayOf: (d: D) => string): Promise<void> => {
    const undated = rows.find({ updatedAt: { $exists: false } } as Filter<D>) as unknown as AsyncIterable<D>;
    let batch: D[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const keys = batch.map((d) => rightKey({ kind, number: d._id }));
      const last = await history
        .aggregate<{ _id: string; at: string }>([{ $match: { asset: { $in: keys } } }, { $group: { _id: '$asset', at: { $max: '$at' } } }])
        .toArray();
      const lastAt = new Map(last.map((e) => [e._id, e.at]));
      const dated = batch.map((d, i) => {
        const [day, at] = [`${dayOf(d)}T00:00:00.000Z`, lastAt.get(keys[i]!) ?? ''];
        return { updateOne: { filter: { _id: d._id, updatedAt: { $exists: false } }, update: { $set: { updatedAt: at > day ? at : day } } } };
      });
      await rows.bulkWrite(dated as unknown as AnyBulkWriteOperation<D>[], { ordered: false });
      batch = [];
    };
    for await (const d of undated) {
      batch.push(d);
      if (batch.length >= 1_000) await flush();
    }
    await flush();
  };

  /**
   * Licences from before the effective date take their contract date; those from before their
   * contract digest was indexed get it, oldest first, the first of a right's licences with a
   * digest keeping it and a later one (recorded twice before the rule) null. Trademarks from before
   * the mark key get it from their mark. Idempotent, as backfill.
   */
  const keyLicencesAndMarks = async (): Promise<void> => {
    await licences.updateMany({ 'record.effectiveDate': { $exists: false } }, [{ $set: { 'record.effectiveDate': '$record.contractDate' } }]);
    for await (const d of licences.find({ contractDigest: { $exists: false } }, { sort: { registeredAt: 1, _id: 1 } })) {
      try {
        await licences.updateOne({ _id: d._id, contractDigest: { $exists: false } }, { $set: { contractDigest: d.record.contractDigest } });
      } catch (err) {
        if (!isDuplicateKeyOn(err, licences, BY_CONTRACT)) throw err;
        await licences.updateOne({ _id: d._id, contractDigest: { $exists: false } }, { $set: { contractDigest: null } });
      }
    }
    for await (const d of trademarks.find({ markKey: { $exists: false } }, { projection: { mark: 1 } })) {
      await trademarks.updateOne({ _id: d._id, markKey: { $exists: false } }, { $set: { markKey: markKey(d.mark) } });
    }
  };

  /**
   * Documents written before the warnings' fields and the counters get them, once: idempotent, so
   * processes opening the store together may both run it.
   */
  const backfill = async (): Promise<void> => {
    const owner = async (id: string | null) =>
      (id === null ? null : await enterprises.findOne({ _id: id }, { projection: { regionCode: 1, industry: 1 } })) ?? { regionCode: '', industry: '' };
    for await (const d of patents.find({ feeDue: { $exists: false } })) {
      const { regionCode, industry } = await owner(d.enterpriseId);
      await patents.updateOne({ _id: d._id }, { $set: { regionCode, industry, ...patentDoc(toPatent(d)) } });
    }
    // A change applies to the version it read: patents from before versions are at 1.
    await patents.updateMany(
      { version: { $exists: false } },
      { $set: { version: 1, grantPublicationNumber: null, lapsedOn: null, freeze: null, invalidation: null } },
    );
    await trademarks.updateMany({ version: { $exists: false } }, { $set: { version: 1, goods: [] } });
    await dateFromRows();
    await keyLicencesAndMarks();
    for await (const d of trademarks.find({ regionCode: { $exists: false } })) {
      const { regionCode, industry } = await owner(d.enterpriseId);
      await trademarks.updateOne({ _id: d._id }, { $set: { regionCode, industry } });
    }
    if ((await deadlineCounts.estimatedDocumentCount()) === 0) {
      const countFrom = async <T extends Document>(deadline: Deadline, from: Collection<T>, field: string) => {
        const days = await from
          .aggregate<{ _id: string; n: number }>([{ $match: { [field]: { $type: 'string' } } }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }])
          .toArray();
        for (const d of days) await deadlineCounts.updateOne({ _id: `${deadline}:${d._id}` }, { $set: { deadline, day: d._id, n: d.n } }, { upsert: true });
      };
      await countFrom('fee', patents, 'feeDue');
      await countFrom('protection', patents, 'protectionEnds');
      await countFrom('trademark', trademarks, 'expiryDate');
    }
    await recomputeDeadlines();
    if ((await counts.estimatedDocumentCount()) > 0 || (await enterprises.estimatedDocumentCount()) === 0) return;
    for (const dimension of ['regionCode', 'industry'] as const) {
      const byKey = [{ $group: { _id: `$${dimension}`, n: { $sum: 1 } } }];
      const tallies = [
        ['enterprises', await enterprises.aggregate<{ _id: string; n: number }>(byKey).toArray()],
        ['patents', await patents.aggregate<{ _id: string; n: number }>(byKey).toArray()],
      ] as const;
      for (const [field, rows] of tallies) {
        for (const r of rows) await counts.updateOne({ _id: `${dimension}:${r._id}` }, { $set: { dimension, key: r._id, [field]: r.n } }, { upsert: true });
      }
    }
  };

  /**
   * Once per version of the fold (domain/name-search.ts NAME_INDEX_VERSION): every enterprise's
   * folded name and grams set from its name where they differ (those from before the search have
   * none), a thousand a round trip, then the grams counted again from the documents, in one
   * transaction. Idempotent, as recomputeDeadlines, and likewise run with the writers stopped.
   */
  const indexNames = async (): Promise<void> => {
    const marker = db.collection<{ _id: string; version: number }>(names.nameIndex, COLLECTION_OPTIONS);
    if ((await marker.findOne({ _id: 'enterprises' }))?.version === NAME_INDEX_VERSION) return;
    let batch: AnyBulkWriteOperation<EnterpriseDoc>[] = [];
    const flush = async () => {
      if (batch.length > 0) await enterprises.bulkWrite(batch, { ordered: false });
      batch = [];
    };
    for await (const d of enterprises.find({}, { projection: { name: 1, nameFolded: 1, nameGrams: 1 } })) {
      const indexed = nameIndexed(d.name);
      if (d.nameFolded === indexed.nameFolded && JSON.stringify(d.nameGrams) === JSON.stringify(indexed.nameGrams)) continue;
      batch.push({ updateOne: { filter: { _id: d._id }, update: { $set: indexed } } });
      if (batch.length >= 1_000) await flush();
    }
    await flush();
    await inTransaction(db.client, async (session) => {
      await gramCounts.deleteMany({}, { session });
      const grams = await enterprises
        .aggregate<GramCountDoc>([{ $unwind: '$nameGrams' }, { $group: { _id: '$nameGrams', n: { $sum: 1 } } }], { session })
        .toArray();
      if (grams.length > 0) await gramCounts.insertMany(grams, { session });
      await marker.updateOne({ _id: 'enterprises' }, { $set: { version: NAME_INDEX_VERSION } }, { upsert: true, session });
    });
  };

  /**
   * A search's rarest gram by the counts (a gram no name has: undefined, nothing matches), and
   * whether a name having it must still be checked for the whole search.
   */
  const rarestGram = async (search: string): Promise<SearchGram | undefined> => {
    const { grams, gramIsSearch } = searchPlan(search);
    const found = await gramCounts.find({ _id: { $in: [...grams] } }).toArray();
    if (found.length < grams.length) return undefined;
    const rarest = found.reduce((a, b) => (b.n < a.n || (b.n === a.n && b._id < a._id) ? b : a));
    return rarest.n <= 0 ? undefined : { gram: rarest._id, n: rarest.n, check: gramIsSearch ? undefined : search };
  };
  const searchPage = async (filter: EnterpriseListFilter & { search: string }, read: ListRead, limit: number): Promise<WithId<EnterpriseDoc>[]> => {
    if (read.order !== 'ID') throw new Error('a name search reads in id order only (EnterpriseListFilter.search)');
    const rarest = await rarestGram(filter.search);
    return rarest === undefined ? [] : keysetPage(enterprises, searchFilter(filter, rarest), read.after, Math.max(limit, 0), BY_NAME_GRAM);
  };
  const searchCount = async (filter: EnterpriseListFilter & { search: string }, since: string | undefined): Promise<number> => {
    const rarest = await rarestGram(filter.search);
    if (rarest === undefined) return 0;
    // A two-character search is its gram: every enterprise counted with the gram matches.
    if (rarest.check === undefined && filter.regionCode === undefined && filter.industry === undefined && since === undefined) return rarest.n;
    return enterprises.countDocuments(changedSince(searchFilter(filter, rarest), since), BY_NAME_GRAM);
  };
  const searching = (filter: EnterpriseListFilter): filter is EnterpriseListFilter & { search: string } => filter.search !== undefined;

  // Idempotent: every process opening the store asks for the same indexes. Each ends in _id so
  // that the matches come out in key order without an in-memory sort (and a $in on the leading
  // field merges sorted runs).
  await Promise.all([
    enterprises.createIndexes([
      { key: { uscc: 1 }, name: 'uscc_unique', unique: true },
      { key: { regionCode: 1, _id: 1 }, name: 'by_region' },
      { key: { industry: 1, _id: 1 }, name: 'by_industry' },
      // Synced by change, within a region or an industry too.
      { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
      { key: { regionCode: 1, updatedAt: 1, _id: 1 }, name: 'by_region_change' },
      { key: { industry: 1, updatedAt: 1, _id: 1 }, name: 'by_industry_change' },
      // Searched by name: a gram's enterprises in _id order (multikey: one entry per gram).
      { key: { nameGrams: 1, _id: 1 }, name: 'by_name_gram' },
    ]),
    // The warnings read each deadline in date order, filtering on the index's own keys; an
    // enterprise's few rights are read through by_enterprise.
    patents.createIndexes([
      { key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' },
      { key: { feeDue: 1, _id: 1, regionCode: 1, industry: 1 }, name: 'by_fee_due' },
      { key: { regionCode: 1, feeDue: 1, _id: 1, industry: 1 }, name: 'by_region_fee_due' },
      { key: { industry: 1, feeDue: 1, _id: 1, regionCode: 1 }, name: 'by_industry_fee_due' },
      { key: { protectionEnds: 1, _id: 1, regionCode: 1, industry: 1 }, name: 'by_protection_end' },
      { key: { examinationDue: 1, _id: 1, regionCode: 1, industry: 1 }, name: 'by_examination_due' },
      // The register (allPatents): by number or by change, of one enterprise or one recorded status.
      { key: { updatedAt: 1, _id: 1 }, name: 'by_change' },
      { key: { enterpriseId: 1, updatedAt: 1, _id: 1 }, name: 'by_enterprise_change' },
      { key: { status: 1, _id: 1 }, name: 'by_status' },
      { key: { status: 1, updatedAt: 1, _id: 1 }, name: 'by_status_change' },
    ]),
    trademarks.createIndexes([
      { key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' },
      { key: { expiryDate: 1, _id: 1, regionCode: 1, industry: 1 }, name: 'by_expiry_date' },
      // An owner's registrations of one mark in one class (sameMark).
      { key: { enterpriseId: 1, niceClass: 1, markKey: 1, _id: 1 }, name: 'by_mark' },
    ]),
    copyrights.createIndexes([{ key: { enterpriseId: 1, _id: 1 }, name: 'by_enterprise' }]),
    history.createIndex({ asset: 1, seq: 1 }, { name: 'by_asset_seq', unique: true }),
    transfers.createIndexes([
      { key: { rightKey: 1, registeredAt: 1, _id: 1 }, name: 'by_right' },
      // The transfers waiting for their effective date (pendingTransfers).
      { key: { effectiveDate: 1, _id: 1 }, name: 'by_pending', partialFilterExpression: { state: 'PENDING' } },
    ]),
    licences.createIndexes([
      { key: { rightKey: 1, registeredAt: 1, _id: 1 }, name: 'by_right' },
      // One contract recorded once per right; a licence with a null digest (recorded twice before the rule) is left out.
      { key: BY_CONTRACT.key, name: BY_CONTRACT.name, unique: true, partialFilterExpression: { contractDigest: { $type: 'string' } } },
    ]),
    openLicences.createIndexes([
      { key: { applicationNumber: 1, declaredAt: -1, _id: -1 }, name: 'by_patent' },
      // One standing declaration per patent: of two racing, one is recorded.
      { key: STANDING_OPEN_LICENCE.key, name: STANDING_OPEN_LICENCE.name, unique: true, partialFilterExpression: { standing: true } },
    ]),
    counts.createIndex({ dimension: 1, key: 1 }, { name: 'by_dimension' }),
    deadlineCounts.createIndex({ deadline: 1, day: 1 }, { name: 'by_deadline_day' }),
  ]);

  // Written in transactions, which must not be the ones to create them.
  await createCollections(db, [names.gramCounts, names.nameIndex]);
  await backfill();
  await indexNames();

  return reportingUnavailable<EnterprisesStore>({
    enterprises: {
      async insert(e) {
        await insertEnterprises([e]);
      },
      insertMany: insertEnterprises,
      byIds: (ids) => findByIds(enterprises, ids, toEnterprise),
      async byUscc(uscc) {
        const doc = await enterprises.findOne({ uscc });
        return doc === null ? undefined : toEnterprise(doc);
      },
      async byUsccs(usccs) {
        const found = await enterprises.find({ uscc: { $in: distinct(usccs) } }).toArray();
        const byUscc = new Map(found.map((d) => [d.uscc, toEnterprise(d)]));
        return usccs.map((u) => byUscc.get(u));
      },
      page: async (filter, read, limit) =>
        (searching(filter) ? await searchPage(filter, read, limit) : await listPage(enterprises, matchFilter(filter), read, limit)).map(toEnterprise),
      count: (filter, since) => (searching(filter) ? searchCount(filter, since) : enterprises.countDocuments(changedSince(matchFilter(filter), since))),
      async countBy(group) {
        const rows = await counts.find({ dimension: group, enterprises: { $gt: 0 } }, { sort: { key: 1 } }).toArray();
        return rows.map((r) => ({ key: r.key, enterprises: r.enterprises ?? 0 }));
      },
    },
    patents: {
      async insert(p, at = new Date().toISOString()) {
        await insertPatents([p], at);
      },
      insertMany: (ps, at = new Date().toISOString()) => insertPatents(ps, at),
      async update(before, after, event) {
        let done = false;
        await transaction(async (session) => {
          done = await changePatent(before, after, event, session);
        });
        return done;
      },
      async importMany(ps, at, actor, role, options = {}) {
        let result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, refused: [] };
        if (ps.length === 0) return result;
        await insertOnce(
          patents,
          () =>
            transaction(async (session) => {
              const found = await patents.find({ _id: { $in: ps.map((p) => p.applicationNumber) } }, { session }).toArray();
              const plan = importPlan(ps, new Map(found.map((d) => [d._id, toPatent(d)])), { at, allowRollback: options.allowRollback ?? false });
              for (const c of plan.changed) {
                if (!(await changePatent(c.before, c.after, { at, actor, role, type: c.event, details: c.changes }, session))) {
                  throw new Error(`patent ${c.after.applicationNumber} changed during the import`);
                }
                await outbox.write(c.notify, session);
              }
              await addPatents(plan.fresh, at, session);
              const { fresh, changed, refused } = plan;
              result = { inserted: fresh.length, updated: changed.length, unchanged: ps.length - fresh.length - changed.length - refused.length, refused };
            }),
          `one of these ${ps.length} patents`,
        );
        return result;
      },
      byNumbers: (numbers) => findByIds(patents, numbers, toPatent),
      byEnterprises: (ids, after, limit) => keysetPages(patents, 'enterpriseId', ids, after, limit, toPatent, { hint: 'by_enterprise' }),
      countByEnterprises: (ids) => countsByEnterprise(patents, ids),
      page: async (filter, read, limit) => (await listPage(patents, patentQuery(filter), read, limit)).map(toPatent),
      async count(filter, since) {
        if (filter.enterpriseId !== undefined || filter.status !== undefined || since !== undefined) {
          return patents.countDocuments(changedSince(patentQuery(filter), since));
        }
        // The whole register: its counters by region, not a scan, and those held outside the registry (counted for no region).
        const [[sum], outside] = await Promise.all([
          counts.aggregate<{ n: number }>([{ $match: { dimension: 'regionCode' } }, { $group: { _id: null, n: { $sum: '$patents' } } }]).toArray(),
          patents.countDocuments({ enterpriseId: null }, { hint: 'by_enterprise' }),
        ]);
        return (sum?.n ?? 0) + outside;
      },
      feesDue: async (owner, window, after, limit) => (await datedPage(patents, 'feeDue', owner, window, after, limit)).map(toPatent),
      async countFeesDue(owner, window) {
        return countWithin('fee', patents, 'feeDue', owner, window);
      },
      protectionEnding: async (owner, window, after, limit) => (await datedPage(patents, 'protectionEnds', owner, window, after, limit)).map(toPatent),
      examinationRequestsDue: async (owner, window, after, limit) => (await datedPage(patents, 'examinationDue', owner, window, after, limit)).map(toPatent),
      async countProtectionEnding(owner, window) {
        return countWithin('protection', patents, 'protectionEnds', owner, window);
      },
      countFeesDueByMonth: (window) => byMonth('fee', window),
      countProtectionEndingByMonth: (window) => byMonth('protection', window),
      async countBy(group) {
        const rows = await counts.find({ dimension: group, patents: { $gt: 0 } }, { sort: { key: 1 } }).toArray();
        return rows.map((r) => ({ key: r.key, patents: r.patents ?? 0 }));
      },
    },
    trademarks: {
      async insert(t, at = new Date().toISOString()) {
        await insertTrademarks([t], at);
      },
      insertMany: (ts, at = new Date().toISOString()) => insertTrademarks(ts, at),
      byEnterprises: (ids, after, limit) => keysetPages(trademarks, 'enterpriseId', ids, after, limit, toTrademark, { hint: 'by_enterprise' }),
      countByEnterprises: (ids) => countsByEnterprise(trademarks, ids),
      byNumbers: (numbers) => findByIds(trademarks, numbers, toTrademark),
      async update(before, after, event) {
        let done = false;
        await transaction(async (session) => {
          done = await changeTrademark(before, after, event, session);
        });
        return done;
      },
      expiring: async (owner, window, after, limit) => (await datedPage(trademarks, 'expiryDate', owner, window, after, limit)).map(toTrademark),
      async countExpiring(owner, window) {
        return countWithin('trademark', trademarks, 'expiryDate', owner, window);
      },
      countExpiringByMonth: (window) => byMonth('trademark', window),
      async sameMark(enterpriseId, mark, niceClass, limit) {
        const docs = await trademarks
          .find({ enterpriseId, niceClass, markKey: markKey(mark) }, { projection: { _id: 1 }, sort: { _id: 1 }, limit: Math.max(limit, 0), hint: 'by_mark' })
          .toArray();
        return docs.map((d) => d._id);
      },
    },
    copyrights: {
      async insert(c, at = new Date().toISOString()) {
        await insertCopyrights([c], at);
      },
      insertMany: (cs, at = new Date().toISOString()) => insertCopyrights(cs, at),
      byEnterprises: (ids, after, limit) => keysetPages(copyrights, 'enterpriseId', ids, after, limit, toCopyright, { hint: 'by_enterprise' }),
      countByEnterprises: (ids) => countsByEnterprise(copyrights, ids),
      byNumbers: (numbers) => findByIds(copyrights, numbers, toCopyright),
    },
    rights: {
      async claim(right, version, claim, staleBefore) {
        // One atomic update: the right still at `version`, and no claim, or only a stale one, holding it.
        const filter = { _id: right.number, version, $or: [{ claim: null }, { 'claim.at': { $lt: staleBefore } }] };
        const options = { returnDocument: 'before', projection: { claim: 1 } } as const;
        const before =
          right.kind === 'PATENT'
            ? await patents.findOneAndUpdate(filter, { $set: { claim } }, options)
            : await trademarks.findOneAndUpdate(filter, { $set: { claim } }, options);
        return before === null ? { ok: false } : { ok: true, replaced: before.claim ?? null };
      },
      async dropClaim(right, token) {
        const filter = { _id: right.number, 'claim.token': token };
        if (right.kind === 'PATENT') await patents.updateOne(filter, { $set: { claim: null } });
        else await trademarks.updateOne(filter, { $set: { claim: null } });
      },
      async transfer(t, claim, event, notify = []) {
        const events = [event].flat();
        return unlessUnwritten(async () => {
          await transaction(async (session) => {
            // Every right of the act held by the claim and the transferor's, or nothing written (Trademark Law art. 42(2): together).
            const parts = transferParts(t);
            const befores: (PatentRecord | TrademarkRecord | undefined)[] = [];
            for (const part of parts) befores.push(await claimedRight(part.right, claim, t.fromEnterpriseId, session));
            if (befores.some((b) => b === undefined)) throw new Unwritten();
            for (const [i, part] of parts.entries()) {
              const before = befores[i]!;
              // A transfer in effect moves the right; a pending one leaves it where it is until effectTransfer.
              const after = t.state === 'EFFECTIVE' ? movedTo(before, t) : before;
              if (!(await changeClaimed(before, after, events[i] ?? events[0]!, session))) throw new Unwritten();
              await transfers.insertOne(
                {
                  _id: part.id,
                  rightKey: rightKey(part.right),
                  registeredAt: part.registeredAt,
                  state: part.state,
                  effectiveDate: part.effectiveDate,
                  record: part,
                },
                { session },
              );
            }
            await outbox.write(notify, session);
          });
          return true;
        });
      },
      async pendingTransfers(through, limit) {
        const docs = await transfers.find({ state: 'PENDING', effectiveDate: { $lte: through } }, { sort: { effectiveDate: 1, _id: 1 }, limit }).toArray();
        return docs.map(toTransfer);
      },
      async effectTransfer(id, event, notify = []) {
        const events = [event].flat();
        return unlessUnwritten(async () => {
          await transaction(async (session) => {
            const found = await transfers.findOne({ _id: id, state: 'PENDING' }, { session });
            if (found === null) throw new Unwritten();
            // The registrations moved together move together on the day: every one still PENDING, or none.
            for (const [i, part] of transferParts(toTransfer(found)).entries()) {
              const row = await transfers.findOne({ _id: part.id, state: 'PENDING' }, { session });
              if (row === null) throw new Unwritten();
              const t = toTransfer(row);
              const before =
                t.right.kind === 'PATENT'
                  ? await patents.findOne({ _id: t.right.number }, { session }).then((d) => (d === null ? undefined : toPatent(d)))
                  : await trademarks.findOne({ _id: t.right.number }, { session }).then((d) => (d === null ? undefined : toTrademark(d)));
              if (before?.enterpriseId !== t.fromEnterpriseId) throw new Unwritten();
              const moved =
                'applicationNumber' in before
                  ? await changePatent(before, movedTo(before, t), events[i] ?? events[0]!, session)
                  : await changeTrademark(before, movedTo(before, t), events[i] ?? events[0]!, session);
              if (!moved) throw new Unwritten();
              await transfers.updateOne({ _id: t.id, state: 'PENDING' }, { $set: { state: 'EFFECTIVE', record: { ...t, state: 'EFFECTIVE' } } }, { session });
            }
            await outbox.write(notify, session);
          });
          return true;
        });
      },
      async license(l, claim, event, notify = []) {
        let refusal: LicenceRefusal | undefined;
        const key = rightKey(l.right);
        try {
          await transaction(async (session) => {
            refusal = undefined;
            // A contract recorded already is refused whatever the claim: a racing twin loses as a duplicate.
            const recorded = await licences.findOne({ rightKey: key, contractDigest: l.contractDigest }, { session });
            if (recorded !== null) return void (refusal = { reason: 'DUPLICATE', with: toLicence(recorded) });
            const before = await claimedRight(l.right, claim, l.licensorId, session);
            if (before === undefined) return void (refusal = { reason: 'STALE' });
            const registered = await licences.find({ rightKey: key }, { session, sort: { registeredAt: 1, _id: 1 } }).toArray();
            const overlapping = overlappingLicence(l, registered.map(toLicence));
            if (overlapping !== undefined) return void (refusal = { reason: 'OVERLAP', with: overlapping });
            // The version moves on: a licence registered meanwhile makes this transaction retry, and see it.
            if (!(await changeClaimed(before, before, event, session))) return void (refusal = { reason: 'STALE' });
            // by_contract holds even against a writer this transaction did not see.
            await licences.insertOne({ _id: l.id, rightKey: key, registeredAt: l.registeredAt, contractDigest: l.contractDigest, record: l }, { session });
            await outbox.write(notify, session);
          });
        } catch (err) {
          if (!isDuplicateKeyOn(err, licences, BY_CONTRACT)) throw err;
          const recorded = await licences.findOne({ rightKey: key, contractDigest: l.contractDigest });
          if (recorded === null) throw err;
          return { reason: 'DUPLICATE', with: toLicence(recorded) };
        }
        return refusal;
      },
      async licenceByContract(key, contractDigest) {
        const d = await licences.findOne({ rightKey: key, contractDigest });
        return d === null ? undefined : toLicence(d);
      },
      async transfersOf(keys) {
        const docs = await transfers.find({ rightKey: { $in: distinct(keys) } }, { sort: { registeredAt: 1, _id: 1 } }).toArray();
        const byKey = new Map<string, TransferRecord[]>(keys.map((k) => [k, []]));
        for (const d of docs) byKey.get(d.rightKey)?.push(toTransfer(d));
        return keys.map((k) => byKey.get(k)!);
      },
      transfersByIds: (ids) => findByIds(transfers, ids, toTransfer),
      licencesByIds: (ids) => findByIds(licences, ids, toLicence),
      async licencesOf(key, after, limit) {
        const filter: Filter<LicenceDoc> = { rightKey: key };
        if (after !== undefined) filter.$or = [{ registeredAt: { $gt: after.registeredAt } }, { registeredAt: after.registeredAt, _id: { $gt: after.id } }];
        const docs = await licences.find(filter, { sort: { registeredAt: 1, _id: 1 }, limit }).toArray();
        return docs.map(toLicence);
      },
      countLicencesOf: (key) => licences.countDocuments({ rightKey: key }),
      async declareOpenLicence(d, claim, event) {
        let done = false;
        try {
          await transaction(async (session) => {
            done = false;
            const before = await claimedRight({ kind: 'PATENT', number: d.applicationNumber }, claim, d.patenteeId, session);
            if (before === undefined || (await openLicences.findOne({ applicationNumber: d.applicationNumber, standing: true }, { session })) !== null) return;
            // The version moves on: a licence checked against the patent before cannot claim it.
            if (!(await changeClaimed(before, before, event, session))) return;
            await openLicences.insertOne(
              { _id: d.id, applicationNumber: d.applicationNumber, declaredAt: d.declaredAt, standing: true, record: d },
              { session },
            );
            done = true;
          });
        } catch (err) {
          // Another writer's standing declaration, which this transaction did not see: nothing written.
          if (isDuplicateKeyOn(err, openLicences, STANDING_OPEN_LICENCE)) return false;
          throw err;
        }
        return done;
      },
      async withdrawOpenLicence(id, withdrawal, ownerId, claim, event) {
        let done = false;
        await transaction(async (session) => {
          done = false;
          const found = await openLicences.findOne({ _id: id, standing: true }, { session });
          if (found === null) return;
          const before = await claimedRight({ kind: 'PATENT', number: found.applicationNumber }, claim, ownerId, session);
          if (before === undefined || !(await changeClaimed(before, before, event, session))) return;
          const { matchedCount } = await openLicences.updateOne(
            { _id: id, standing: true },
            { $set: { standing: false, record: { ...found.record, withdrawal } } },
            { session },
          );
          done = matchedCount === 1;
        });
        return done;
      },
      async openLicencesOf(numbers) {
        const latest = await openLicences
          .aggregate<{ _id: string; record: OpenLicenceRecord }>([
            { $match: { applicationNumber: { $in: distinct(numbers) } } },
            { $sort: { applicationNumber: 1, declaredAt: -1, _id: -1 } },
            { $group: { _id: '$applicationNumber', record: { $first: '$record' } } },
          ])
          .toArray();
        const by = new Map(latest.map((d) => [d._id, d.record]));
        return numbers.map((n) => by.get(n));
      },
    },
    outbox: outbox.source,
    async warn(ns) {
      await transaction((session) => outbox.write(ns, session));
    },
    history: {
      async page(asset, after, limit) {
        const rows = await history.find({ asset, seq: { $gt: after ?? 0 } }, { sort: { seq: 1 }, limit }).toArray();
        return rows.map(toAssetEvent);
      },
      count: (asset) => history.countDocuments({ asset }),
    },
    async close() {
      // The client is the caller's: nothing of ours to release.
    },
  });
}
