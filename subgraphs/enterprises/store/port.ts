// The enterprises subgraph's aggregates and their storage port. Adapters: sqlite.ts,
// mongodb.ts; both pass contract.ts (run by store.test.ts).
import type { Receipt } from '../../../ledger/ledger.js';
import type { Notification } from '../../../notifications/notification.js';
import type { OutboxSource } from '../../../notifications/outbox/port.js';
import type { JsonValue } from '../../../platform/json.js';
import type { MonthCount } from '../../common/months.js';
import type { ImportRefusal } from '../domain/patent-changes.js';

export const FILING_STATUSES = ['FILED', 'SUSPENDED', 'WITHDRAWN'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export interface CreditCodeOverride {
  /** The staff key that registered a code failing its check character. */
  readonly approvedBy: string;
  readonly reason: string;
}

export interface EnterpriseRecord {
  readonly id: string;
  readonly uscc: string;
  readonly name: string;
  /** GB/T 2260 administrative division, 6 digits. */
  readonly regionCode: string;
  readonly industry: string;
  readonly filingStatus: FilingStatus;
  readonly registeredAt: string;
  readonly creditCodeOverride: CreditCodeOverride | null;
}

export const PATENT_TYPES = ['INVENTION', 'UTILITY_MODEL', 'DESIGN'] as const;
export type PatentType = (typeof PATENT_TYPES)[number];
export const PATENT_STATUSES = ['PENDING', 'GRANTED', 'LAPSED', 'EXPIRED', 'INVALIDATED', 'REJECTED', 'WITHDRAWN'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];

export const INVALIDATION_DECISIONS = ['MAINTAINED', 'PARTLY_INVALIDATED', 'INVALIDATED'] as const;
export type InvalidationDecision = (typeof INVALIDATION_DECISIONS)[number];

/** A court's preservation order on a patent: it may not be transferred, licensed or pledged. */
export interface PatentFreeze {
  /** The court that froze it, as its COURT identity names it. */
  readonly court: string;
  readonly orderNumber: string;
  /** The day it took effect: its order's date, or for a waiting freeze the day the one before it ended. */
  readonly frozenOn: string;
  /**
   * The first day it no longer holds, unless the court renews it before: at most three years on
   * (domain/freezes.ts). Absent on freezes recorded before terms were: three years on.
   */
  readonly endsOn?: string;
}

/** A second court's freeze registered while another holds (轮候冻结): it takes effect when the one before it ends. */
export interface WaitingFreeze {
  readonly court: string;
  readonly orderNumber: string;
  readonly registeredOn: string;
  /** Its term in days from the day it takes effect. */
  readonly termDays: number;
}

export const INVALIDATION_JUDGMENTS = ['UPHELD', 'REVOKED'] as const;
/** A court's final judgment on an action against an invalidation decision. */
export type InvalidationJudgment = (typeof INVALIDATION_JUDGMENTS)[number];

/** The latest request to invalidate a patent, its decision once there is one, and any court action against it. */
export interface PatentInvalidation {
  readonly requestedOn: string;
  readonly requester: string;
  readonly decision: InvalidationDecision | null;
  readonly decidedOn: string | null;
  /** An action against the decision (Patent Law art. 46(2)): the decision is not final until judged. */
  readonly courtAction?: { readonly filedOn: string; readonly court: string } | null;
  /** The final judgment: UPHELD makes the decision final on its date; REVOKED annuls it (CNIPA decides again). */
  readonly judgment?: { readonly outcome: InvalidationJudgment; readonly decidedOn: string } | null;
}

export const TERM_COMPENSATION_GROUNDS = ['GRANT_DELAY', 'NEW_DRUG'] as const;
/** Patent Law art. 42(2): unreasonable delay in granting an invention; art. 42(3): a new drug's review. */
export type TermCompensationGround = (typeof TERM_COMPENSATION_GROUNDS)[number];

/** A compensation of the term CNIPA decided: days added to the protection end (domain/protection.ts). */
export interface TermCompensation {
  readonly ground: TermCompensationGround;
  readonly days: number;
  readonly decidedOn: string;
  /** NEW_DRUG: the day the drug was approved for marketing (the 14-year cap counts from it). */
  readonly marketingApprovedOn: string | null;
}

export interface PatentRecord {
  /** Canonical form, e.g. 202310123456.7 */
  readonly applicationNumber: string;
  readonly enterpriseId: string;
  readonly type: PatentType;
  /** Filed through the PCT route. */
  readonly pct: boolean;
  readonly title: string;
  readonly ipcClass: string | null;
  readonly status: PatentStatus;
  /**
   * The date the term and the fee years run from (Patent Law art. 42): for a PCT national-phase
   * entry the international filing date, for a divisional application its parent's.
   */
  readonly filingDate: string;
  /** The earliest priority claimed (Patent Law arts. 29-30), or null: art. 35's three years run from it. */
  readonly priorityDate: string | null;
  /** A divisional application's parent (Implementing Regulations rules 42-43, cited by their 2010 numbers), canonical, or null. */
  readonly parentApplicationNumber: string | null;
  /** An invention's request for substantive examination (Patent Law art. 35), or null while none. */
  readonly examinationRequestedOn: string | null;
  readonly grantDate: string | null;
  /**
   * The last annual-fee due date paid, or null when none has been recorded; the fee of the year of
   * grant counts as paid with the grant whatever this says (domain/annual-fee.ts paidThroughOf).
   */
  readonly feesPaidThrough: string | null;
  /** The grant's announcement number (授权公告号), e.g. CN115123456B. */
  readonly grantPublicationNumber: string | null;
  /** For a LAPSED patent: the missed due date it lapsed from. */
  readonly lapsedOn: string | null;
  /** For a LAPSED patent: the day CNIPA's notice of termination was issued, when recorded (rule 6's two months run from it). */
  readonly terminationNoticeOn: string | null;
  /** Compensations of the term, in the order recorded. */
  readonly termCompensation: readonly TermCompensation[];
  /** The freeze registered first and not lifted; whether it still holds on a day is domain/freezes.ts's. */
  readonly freeze: PatentFreeze | null;
  /**
   * Declared by its owner enterprise (a PENDING application, nothing more) rather than recorded by
   * centre staff or the registry feed, either of which supersedes it.
   */
  readonly declared: boolean;
  /** Freezes waiting behind it, in the order registered. */
  readonly waitingFreezes: readonly WaitingFreeze[];
  readonly invalidation: PatentInvalidation | null;
  /** 1 when registered, one more with each change: a change applies only to the version it read. */
  readonly version: number;
}

/** A patent's facts that a registration without them leaves empty: no priority, parent, request, compensation or waiting freeze. */
export const UNRECORDED_PATENT_FACTS = {
  priorityDate: null,
  parentApplicationNumber: null,
  examinationRequestedOn: null,
  terminationNoticeOn: null,
  termCompensation: [],
  declared: false,
  waitingFreezes: [],
} as const satisfies Partial<PatentRecord>;

/** What can happen to a registered right; each is one entry in its history. */
export const ASSET_EVENT_TYPES = [
  'TRANSFERRED',
  'LICENSED',
  'RENEWED',
  'GRANTED',
  'ANNUAL_FEE_PAID',
  'LAPSED',
  'RESTORED',
  'INVALIDATION_REQUESTED',
  'INVALIDATION_DECIDED',
  'FROZEN',
  'UNFROZEN',
  'FREEZE_RENEWED',
  'FREEZE_WAITING',
  'IMPORTED',
  'EXAMINATION_REQUESTED',
  'TERM_COMPENSATED',
  'INVALIDATION_APPEALED',
  'INVALIDATION_JUDGED',
  'SUPERSEDED',
] as const;
export type AssetEventType = (typeof ASSET_EVENT_TYPES)[number];

/** One change to a right, in the order they happened: seq counts from 1 per right. */
export interface AssetEvent {
  /** `PATENT:<application number>`, `TRADEMARK:<registration number>`... */
  readonly asset: string;
  readonly seq: number;
  readonly at: string;
  /** The key or account that made the change. */
  readonly actor: string;
  readonly role: string;
  readonly type: AssetEventType;
  readonly details: { readonly [key: string]: JsonValue };
}

export type NewAssetEvent = Omit<AssetEvent, 'asset' | 'seq'>;

export const patentAsset = (applicationNumber: string): string => rightKey({ kind: 'PATENT', number: applicationNumber });

/** What an import did with its rows. */
export interface ImportCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** What importMany did, and the rows it refused (not counted above). */
export interface ImportResult extends ImportCounts {
  readonly refused: readonly ImportRefusal[];
}

export interface TrademarkRecord {
  readonly registrationNumber: string;
  readonly enterpriseId: string;
  readonly mark: string;
  /** Nice classification, 1..45. */
  readonly niceClass: number;
  /** The goods or services designated in that class. */
  readonly goods: readonly string[];
  readonly registrationDate: string;
  /** Ten years from registration, renewable. */
  readonly expiryDate: string;
  /** As PatentRecord's. */
  readonly version: number;
}

/** Software, and the kinds of work the Copyright Law names (art. 3), in its order; WORK: any other. */
export const COPYRIGHT_KINDS = [
  'SOFTWARE',
  'LITERARY',
  'ORAL',
  'MUSICAL',
  'DRAMATIC',
  'QUYI',
  'CHOREOGRAPHIC',
  'ACROBATIC',
  'ARTISTIC',
  'ARCHITECTURAL',
  'PHOTOGRAPHIC',
  'AUDIOVISUAL',
  'GRAPHIC',
  'MODEL',
  'WORK',
] as const;
export type CopyrightKind = (typeof COPYRIGHT_KINDS)[number];

export interface CopyrightRecord {
  readonly registrationNumber: string;
  readonly enterpriseId: string;
  readonly title: string;
  readonly kind: CopyrightKind;
  /** Null for a registration recorded before authors were. */
  readonly author: string | null;
  readonly completedOn: string | null;
  readonly registeredOn: string;
}

/** The rights that are transferred and licensed through the centre. */
export const RIGHT_KINDS = ['PATENT', 'TRADEMARK'] as const;
export type RightKind = (typeof RIGHT_KINDS)[number];
export interface RightRef {
  readonly kind: RightKind;
  /** Application number (canonical) or registration number. */
  readonly number: string;
}
/** `PATENT:<number>`: the key of a right's history, transfers and licences. */
export const rightKey = (r: RightRef): string => `${r.kind}:${r.number}`;

export interface TransferRecord {
  readonly id: string;
  readonly right: RightRef;
  readonly fromEnterpriseId: string;
  readonly toEnterpriseId: string;
  readonly contractDate: string;
  /** SHA-256 of the signed contract, hex. */
  readonly contractDigest: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** The RIGHT_TRANSFER entry. */
  readonly receipt: Receipt;
}

export const LICENCE_KINDS = ['EXCLUSIVE', 'SOLE', 'ORDINARY'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export interface LicenceRecord {
  readonly id: string;
  readonly right: RightRef;
  readonly licensorId: string;
  readonly licenseeId: string;
  readonly kind: LicenceKind;
  /** GB/T 2260 codes, or CN for the whole country. */
  readonly territory: readonly string[];
  readonly startDate: string;
  readonly endDate: string;
  /** The royalty in fen, when a sum; the terms in words either way. */
  readonly royaltyFen: number | null;
  readonly royaltyTerms: string | null;
  readonly contractDate: string;
  readonly contractDigest: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** The LICENCE_REGISTRATION entry. */
  readonly receipt: Receipt;
}

export interface EnterpriseFilter {
  readonly regionCode?: string;
  readonly industry?: string;
}

/** Whose rights a warning list covers: one enterprise, or its region and industry, or all. */
export interface OwnerFilter extends EnterpriseFilter {
  readonly enterpriseId?: string;
}

/** Days from `from` to `to`, both included. */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

/** A place in a list ordered by date, then by number: a page starts strictly after it. */
export interface DatedKey {
  readonly date: string;
  readonly number: string;
}

/** A unique key (credit code or application number) is taken. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
}

export interface EnterpriseRepository {
  /** Throws DuplicateKeyError when the credit code is registered already. */
  insert(e: EnterpriseRecord): Promise<void>;
  /** All or none, in one transaction: a registry import or the demo's seed. */
  insertMany(es: readonly EnterpriseRecord[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(EnterpriseRecord | undefined)[]>;
  byUscc(uscc: string): Promise<EnterpriseRecord | undefined>;
  /** One per credit code asked, in that order; undefined where none is registered. */
  byUsccs(usccs: readonly string[]): Promise<(EnterpriseRecord | undefined)[]>;
  /** Up to `limit` enterprises matching the filter with id > after, by id. */
  page(filter: EnterpriseFilter, after: string | undefined, limit: number): Promise<EnterpriseRecord[]>;
  /** How many enterprises match the filter. */
  count(filter: EnterpriseFilter): Promise<number>;
  /** Enterprises by region or industry: counters kept on write, not a scan. */
  countBy(group: 'regionCode' | 'industry'): Promise<{ key: string; enterprises: number }[]>;
}

export interface PatentRepository {
  /**
   * Throws DuplicateKeyError when the application number is registered already. The patent's
   * deadlines and its owner's region and industry are stored with it, for the warnings.
   */
  insert(p: PatentRecord): Promise<void>;
  /** All or none, in one transaction. */
  insertMany(ps: readonly PatentRecord[]): Promise<void>;
  /**
   * One change, all or nothing: `after` replaces the patent if it is still at `before.version`
   * (false, and nothing written, otherwise), stored at the next version with its deadlines and
   * their counts, and the event goes into its history.
   */
  update(before: PatentRecord, after: PatentRecord, event: NewAssetEvent): Promise<boolean>;
  /**
   * A registry feed's rows (one per application number: the import drops repeats first), all or
   * none, as domain/patent-changes.ts importPlan plans them against the patents as they are in
   * the transaction: new patents inserted, registered ones that differ updated with an IMPORTED
   * event naming what changed (a declaration superseded with a SUPERSEDED one, its owner moved and
   * the centre told), the rows it refuses left out and given back. Every owner must be registered.
   */
  importMany(ps: readonly PatentRecord[], at: string, actor: string, role: string, options?: { allowRollback?: boolean }): Promise<ImportResult>;
  byNumbers(numbers: readonly string[]): Promise<(PatentRecord | undefined)[]>;
  /** Each enterprise's patents, by application number. */
  byEnterprises(ids: readonly string[]): Promise<PatentRecord[][]>;
  /**
   * Up to `limit` live patents whose next annual fee is due within the window (see
   * domain/deadlines.ts), by due date, then application number, after `after`.
   */
  feesDue(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<PatentRecord[]>;
  /** Without an owner filter, from counts kept per due date: the number of days, not of patents. */
  countFeesDue(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /** Up to `limit` live patents whose term ends within the window, by that day, then number, after `after`. */
  protectionEnding(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<PatentRecord[]>;
  /** Without an owner filter, from counts kept per day, as countFeesDue. */
  countProtectionEnding(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /**
   * Up to `limit` pending inventions whose examination must be requested within the window (the
   * stored three years, domain/deadlines.ts), by that day, then number, after `after`.
   */
  examinationRequestsDue(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<PatentRecord[]>;
  /**
   * Live patents whose next annual fee is due within the window, per month (YYYY-MM) of the due
   * date, by month; months with none left out. From the counts kept per day: the window's days.
   */
  countFeesDueByMonth(window: DateWindow): Promise<MonthCount[]>;
  /** Live patents whose term ends within the window, per month, likewise. */
  countProtectionEndingByMonth(window: DateWindow): Promise<MonthCount[]>;
  /** Patents by their enterprise's region or industry: counters kept on write, not a scan. */
  countBy(group: 'regionCode' | 'industry'): Promise<{ key: string; patents: number }[]>;
}

export interface TrademarkRepository {
  insert(t: TrademarkRecord): Promise<void>;
  /** All or none, in one transaction. */
  insertMany(ts: readonly TrademarkRecord[]): Promise<void>;
  byNumbers(numbers: readonly string[]): Promise<(TrademarkRecord | undefined)[]>;
  /** As PatentRepository.update: a renewal. */
  update(before: TrademarkRecord, after: TrademarkRecord, event: NewAssetEvent): Promise<boolean>;
  byEnterprises(ids: readonly string[]): Promise<TrademarkRecord[][]>;
  /** Up to `limit` registrations ending within the window, by expiry date, then number, after `after`. */
  expiring(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<TrademarkRecord[]>;
  /** Without an owner filter, from counts kept per day, as countFeesDue. */
  countExpiring(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /** Registrations ending within the window, per month, as PatentRepository.countFeesDueByMonth. */
  countExpiringByMonth(window: DateWindow): Promise<MonthCount[]>;
}

export interface CopyrightRepository {
  insert(c: CopyrightRecord): Promise<void>;
  /** All or none, in one transaction. */
  insertMany(cs: readonly CopyrightRecord[]): Promise<void>;
  byEnterprises(ids: readonly string[]): Promise<CopyrightRecord[][]>;
}

/** Why a licence was not stored. */
export type LicenceRefusal = { readonly reason: 'STALE' } | { readonly reason: 'OVERLAP'; readonly with: LicenceRecord };

export interface RightsRepository {
  /**
   * Moves a right to its new owner, all or nothing: if the right is still at `version` and owned by
   * the transferor (false, nothing written, otherwise), its owner (and a patent's counters by
   * region and industry) moves, the transfer is stored, and the event goes into its history.
   */
  transfer(t: TransferRecord, version: number, event: NewAssetEvent, notify?: readonly Notification[]): Promise<boolean>;
  /**
   * Stores a licence, all or nothing, if the right is still at `version` and owned by the licensor
   * and no licence it may not overlap (domain/licences.ts) is registered; the right's version moves
   * on, so that two licences of one right are decided one after the other.
   */
  license(l: LicenceRecord, version: number, event: NewAssetEvent, notify?: readonly Notification[]): Promise<LicenceRefusal | undefined>;
  /** Each right's transfers, oldest first. */
  transfersOf(keys: readonly string[]): Promise<TransferRecord[][]>;
  /** Up to `limit` of a right's licences after `after`, in the order registered (registeredAt, then id). */
  licencesOf(key: string, after: { readonly registeredAt: string; readonly id: string } | undefined, limit: number): Promise<LicenceRecord[]>;
}

export interface AssetHistoryRepository {
  /** Up to `limit` of a right's events with seq > after, oldest first. */
  page(asset: string, after: number | undefined, limit: number): Promise<AssetEvent[]>;
}

/** The enterprises subgraph's storage: one repository per aggregate. */
export interface EnterprisesStore {
  readonly enterprises: EnterpriseRepository;
  readonly patents: PatentRepository;
  readonly trademarks: TrademarkRepository;
  readonly copyrights: CopyrightRepository;
  readonly rights: RightsRepository;
  /** Written with the change it records, by the repositories above. */
  readonly history: AssetHistoryRepository;
  /**
   * Notifications of the changes above, written in their transactions (`notify`); and the
   * warnings the daily scheduler finds, which report no change of their own, by `warn`.
   */
  readonly outbox: OutboxSource;
  /** Adds notifications to the outbox, each id once ever: a second warning with an id is ignored. */
  warn(ns: readonly Notification[]): Promise<void>;
  close(): Promise<void>;
}
