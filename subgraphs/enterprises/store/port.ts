// The enterprises subgraph's storage port: one repository per aggregate (the records are
// domain/model.ts's). Adapters: sqlite.ts, mongodb.ts; both pass contract.ts (run by contract.test.ts).
import type { Notification } from '../../../outbox/notification.js';
import type { OutboxSource } from '../../../outbox/port.js';
import type { ListRead } from '../../../platform/pagination.js';
import type { MonthCount } from '../../common/months.js';
import type {
  AssetEvent,
  CopyrightRecord,
  EnterpriseRecord,
  LicenceRecord,
  NewAssetEvent,
  OpenLicenceRecord,
  OpenLicenceWithdrawal,
  PatentRecord,
  PatentStatus,
  RightRef,
  Stored,
  TrademarkRecord,
  TransferRecord,
} from '../domain/model.js';
import type { ImportRefusal } from '../domain/patent-changes.js';

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

export interface EnterpriseFilter {
  readonly regionCode?: string;
  readonly industry?: string;
}

/** Which enterprises a list of the registry holds: EnterpriseFilter's, and those whose name holds a text. */
export interface EnterpriseListFilter extends EnterpriseFilter {
  /**
   * Only enterprises whose folded name contains this text: already folded and checked
   * (domain/name-search.ts searchText: 2 to 50 characters). Looked up by the name's bigrams, the
   * rarest of the search's walked, so that the cost is that gram's enterprises at most. Read in id
   * order only: a page by change with a search is an error.
   */
  readonly search?: string;
}

/** Which patents a list of the register holds: one enterprise's, or those with a recorded status, or all. */
export interface PatentFilter {
  readonly enterpriseId?: string;
  /** The status as recorded (what time alone changes is not: domain/standing.ts). */
  readonly status?: PatentStatus;
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
  /**
   * Throws DuplicateKeyError when the credit code is registered already. Its updatedAt is its
   * registeredAt; its name is indexed for search (EnterpriseListFilter) in the same transaction.
   */
  insert(e: EnterpriseRecord): Promise<void>;
  /** All or none, in one transaction: a registry import or the demo's seed. */
  insertMany(es: readonly EnterpriseRecord[]): Promise<void>;
  byIds(ids: readonly string[]): Promise<(Stored<EnterpriseRecord> | undefined)[]>;
  byUscc(uscc: string): Promise<Stored<EnterpriseRecord> | undefined>;
  /** One per credit code asked, in that order; undefined where none is registered. */
  byUsccs(usccs: readonly string[]): Promise<(Stored<EnterpriseRecord> | undefined)[]>;
  /**
   * Up to `limit` enterprises matching the filter, read by id or by change (platform/pagination.ts
   * ListRead); with a search, by id only.
   */
  page(filter: EnterpriseListFilter, read: ListRead, limit: number): Promise<Stored<EnterpriseRecord>[]>;
  /** How many enterprises match the filter (changed at `since` or later, when given): what page pages through. */
  count(filter: EnterpriseListFilter, since?: string): Promise<number>;
  /** Enterprises by region or industry: counters kept on write, not a scan. */
  countBy(group: 'regionCode' | 'industry'): Promise<{ key: string; enterprises: number }[]>;
}

export interface PatentRepository {
  /**
   * Throws DuplicateKeyError when the application number is registered already. The patent's
   * deadlines and its owner's region and industry are stored with it, for the warnings; `at`, when
   * it was registered (now unless given), is its updatedAt.
   */
  insert(p: PatentRecord, at?: string): Promise<void>;
  /** All or none, in one transaction, each registered `at` (now unless given). */
  insertMany(ps: readonly PatentRecord[], at?: string): Promise<void>;
  /**
   * One change, all or nothing: `after` replaces the patent if it is still at `before.version`
   * (false, and nothing written, otherwise), stored at the next version with its deadlines and
   * their counts, changed at `event.at` (its updatedAt never goes back), and the event goes into
   * its history.
   */
  update(before: PatentRecord, after: PatentRecord, event: NewAssetEvent): Promise<boolean>;
  /**
   * A registry feed's rows (one per application number: the import drops repeats first), all or
   * none, as domain/patent-changes.ts importPlan plans them against the patents as they are in
   * the transaction: new patents inserted, registered ones that differ updated with an IMPORTED
   * event naming what changed (a declaration superseded with a SUPERSEDED one, its owner moved and
   * the centre told), the rows it refuses left out and given back; those inserted or updated changed
   * `at`. Every owner must be registered.
   */
  importMany(ps: readonly PatentRecord[], at: string, actor: string, role: string, options?: { allowRollback?: boolean }): Promise<ImportResult>;
  byNumbers(numbers: readonly string[]): Promise<(Stored<PatentRecord> | undefined)[]>;
  /** Each enterprise's patents by application number, those after `after`, `limit` at most: a page of each. */
  byEnterprises(ids: readonly string[], after: string | undefined, limit: number): Promise<Stored<PatentRecord>[][]>;
  /** How many patents each enterprise has, in the order asked (0 for none): what byEnterprises pages through. */
  countByEnterprises(ids: readonly string[]): Promise<number[]>;
  /**
   * Up to `limit` patents of the register matching the filter, read by application number or by
   * change (ListRead: a change key's id is the application number).
   */
  page(filter: PatentFilter, read: ListRead, limit: number): Promise<Stored<PatentRecord>[]>;
  /**
   * How many patents match the filter (changed at `since` or later, when given): what page pages
   * through. With neither a filter nor `since`, from the counters kept by region.
   */
  count(filter: PatentFilter, since?: string): Promise<number>;
  /**
   * Up to `limit` live patents whose next annual fee is due within the window (see
   * domain/deadlines.ts), by due date, then application number, after `after`.
   */
  feesDue(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<Stored<PatentRecord>[]>;
  /** Without an owner filter, from counts kept per due date: the number of days, not of patents. */
  countFeesDue(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /** Up to `limit` live patents whose term ends within the window, by that day, then number, after `after`. */
  protectionEnding(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<Stored<PatentRecord>[]>;
  /** Without an owner filter, from counts kept per day, as countFeesDue. */
  countProtectionEnding(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /**
   * Up to `limit` pending inventions whose examination must be requested within the window (the
   * stored three years, domain/deadlines.ts), by that day, then number, after `after`.
   */
  examinationRequestsDue(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<Stored<PatentRecord>[]>;
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
  /** As PatentRepository.insert: registered `at` (now unless given). */
  insert(t: TrademarkRecord, at?: string): Promise<void>;
  /** All or none, in one transaction. */
  insertMany(ts: readonly TrademarkRecord[], at?: string): Promise<void>;
  byNumbers(numbers: readonly string[]): Promise<(Stored<TrademarkRecord> | undefined)[]>;
  /** As PatentRepository.update: a renewal. */
  update(before: TrademarkRecord, after: TrademarkRecord, event: NewAssetEvent): Promise<boolean>;
  /** Each enterprise's trademarks by registration number, those after `after`, `limit` at most. */
  byEnterprises(ids: readonly string[], after: string | undefined, limit: number): Promise<Stored<TrademarkRecord>[][]>;
  /** How many trademarks each enterprise has, in the order asked (0 for none). */
  countByEnterprises(ids: readonly string[]): Promise<number[]>;
  /** Up to `limit` registrations ending within the window, by expiry date, then number, after `after`. */
  expiring(owner: OwnerFilter, window: DateWindow, after: DatedKey | undefined, limit: number): Promise<Stored<TrademarkRecord>[]>;
  /** Without an owner filter, from counts kept per day, as countFeesDue. */
  countExpiring(owner: OwnerFilter, window: DateWindow): Promise<number>;
  /** Registrations ending within the window, per month, as PatentRepository.countFeesDueByMonth. */
  countExpiringByMonth(window: DateWindow): Promise<MonthCount[]>;
  /**
   * The registration numbers, in order, of up to `limit` of the enterprise's registrations in the
   * Nice class whose mark is `mark`'s text after domain/trademark.ts markKey (NFKC, trimmed): the
   * registration of `mark` itself among them. From an index on (owner, class, mark key), kept with
   * each write of a trademark.
   */
  sameMark(enterpriseId: string, mark: string, niceClass: number, limit: number): Promise<string[]>;
}

export interface CopyrightRepository {
  /** As PatentRepository.insert: registered `at` (now unless given). Nothing changes a copyright after. */
  insert(c: CopyrightRecord, at?: string): Promise<void>;
  /** All or none, in one transaction. */
  insertMany(cs: readonly CopyrightRecord[], at?: string): Promise<void>;
  byNumbers(numbers: readonly string[]): Promise<(Stored<CopyrightRecord> | undefined)[]>;
  /** Each enterprise's copyrights by registration number, those after `after`, `limit` at most. */
  byEnterprises(ids: readonly string[], after: string | undefined, limit: number): Promise<Stored<CopyrightRecord>[][]>;
  /** How many copyrights each enterprise has, in the order asked (0 for none). */
  countByEnterprises(ids: readonly string[]): Promise<number[]>;
}

/** Why a licence was not stored. */
export type LicenceRefusal =
  | { readonly reason: 'STALE' }
  | { readonly reason: 'OVERLAP'; readonly with: LicenceRecord }
  /** Its contract digest is recorded for the right already (专利实施许可合同备案办法 art. 12(2)(viii)): `with` is that licence. */
  | { readonly reason: 'DUPLICATE'; readonly with: LicenceRecord };

/** What a claim on a right is for: the act as it will be stored, less the receipt its ledger entry gives it. */
export type ClaimedAct =
  | { readonly kind: 'TRANSFER'; readonly transfer: Omit<TransferRecord, 'receipt'> }
  | {
      readonly kind: 'LICENCE';
      readonly licence: Omit<LicenceRecord, 'receipt'>;
      /** For a licence taken under an open licence (Patent Law art. 51(1)): the declaration and the notice. */
      readonly openLicence?: { readonly declaration: string; readonly declarationSeq: number; readonly noticeDate: string };
    }
  | { readonly kind: 'OPEN_LICENCE_DECLARATION'; readonly declaration: Omit<OpenLicenceRecord, 'receipt'> }
  | {
      readonly kind: 'OPEN_LICENCE_WITHDRAWAL';
      readonly declaration: OpenLicenceRecord;
      readonly withdrawal: Omit<OpenLicenceWithdrawal, 'receipt'>;
      /** The patent's owner when the withdrawal was checked. */
      readonly ownerId: string;
    };

/**
 * A claim on a right, held from before an act on it is appended to the ledger until the store
 * records the act (or the append fails): two acts on one right never both reach the ledger.
 */
export interface RightClaim {
  /** Whose claim it is: a random id per attempt. */
  readonly token: string;
  /** When it was made: a claim older than the lease (right-acts.ts) is taken over. */
  readonly at: string;
  /** The SHA-256 of the ledger document the act appends: how a taker-over finds it signed. */
  readonly digest: string;
  /** The role of the caller who made it, for the history event a taker-over writes. */
  readonly role: string;
  readonly act: ClaimedAct;
}

export interface RightsRepository {
  /**
   * Claims a right still at `version` for an act, before anything is signed for it: true, with the
   * claim stored, when no claim holds the right, or only one made before `staleBefore` (left by a
   * request that died midway: `replaced` returns it, so that its ledger entry, if it was appended,
   * is found and finished rather than signed twice). False, changing nothing, when the right is
   * not registered, has left `version` or a live claim holds it. Atomic on each adapter, across
   * processes. A change that claims nothing (a fee paid, a freeze) moves the version but leaves
   * the claim: the act, decided at the version claimed, is still recorded.
   */
  claim(right: RightRef, version: number, claim: RightClaim, staleBefore: string): Promise<{ ok: false } | { ok: true; replaced: RightClaim | null }>;
  /** Drops the claim `token` made (the ledger refused the entry): the right may be claimed again. */
  dropClaim(right: RightRef, token: string): Promise<void>;
  /**
   * Records a transfer, all or nothing: if the right, and each registration moved with it
   * (`t.together`), is held by the claim `claim` and owned by the transferor (false, nothing
   * written, otherwise), the transfer is stored as one record per right (domain/model.ts
   * transferParts), each claim dropped and each event (one per part, in transferParts' order; one
   * event alone serves a transfer of one right) goes into its right's history: the right changed
   * at its `at`. An EFFECTIVE one moves the rights to their new owner (and a patent's counters by
   * region and industry); a PENDING one leaves them with their owner, their versions moved on,
   * until effectTransfer.
   */
  transfer(t: TransferRecord, claim: string, event: NewAssetEvent | readonly NewAssetEvent[], notify?: readonly Notification[]): Promise<boolean>;
  /** Up to `limit` PENDING transfers taking effect on `through` or before, by effective date, then id. */
  pendingTransfers(through: string, limit: number): Promise<TransferRecord[]>;
  /**
   * Puts a PENDING transfer into effect, all or nothing: the right moves to the transferee (as
   * transfer does), and so does each registration moved with it (the parts of the transfer `id`
   * names, in transferParts' order from it, each event its part's), every part becomes EFFECTIVE
   * and the events go into the rights' histories. False, nothing written, when any part is not
   * PENDING (another process put it into effect first) or its right is no longer the transferor's.
   * Atomic on each adapter, across processes.
   */
  effectTransfer(id: string, event: NewAssetEvent | readonly NewAssetEvent[], notify?: readonly Notification[]): Promise<boolean>;
  /**
   * Stores a licence, all or nothing, if the right is held by the claim `claim` and owned by the
   * licensor (STALE otherwise), no licence of the right was recorded with its contract digest
   * (DUPLICATE: a unique index on the right and the digest, so that of two racing requests one
   * wins however they run), and no licence it may not overlap (domain/licences.ts) is registered;
   * the claim is dropped, the right's version moves on and the event goes into its history: the
   * right changed at `event.at`, as with any change the store writes of it.
   */
  license(l: LicenceRecord, claim: string, event: NewAssetEvent, notify?: readonly Notification[]): Promise<LicenceRefusal | undefined>;
  /** Each right's transfers, oldest first. */
  transfersOf(keys: readonly string[]): Promise<TransferRecord[][]>;
  /** Up to `limit` of a right's licences after `after`, in the order registered (registeredAt, then id). */
  licencesOf(key: string, after: { readonly registeredAt: string; readonly id: string } | undefined, limit: number): Promise<LicenceRecord[]>;
  /** The licence of a right recorded with a contract digest (lower-case hex), if any: at most one. */
  licenceByContract(key: string, contractDigest: string): Promise<LicenceRecord | undefined>;
  /** How many licences of a right are registered: what licencesOf pages through. */
  countLicencesOf(key: string): Promise<number>;
  /** Transfers and licences by id, in the order asked (as the notifications that tell of them carry it). */
  transfersByIds(ids: readonly string[]): Promise<(TransferRecord | undefined)[]>;
  licencesByIds(ids: readonly string[]): Promise<(LicenceRecord | undefined)[]>;
  /**
   * Records an open licence declaration (Patent Law art. 50), all or nothing: if the patent is
   * held by the claim `claim` and owned by the patentee, and no declaration of it stands (one
   * standing declaration per patent, kept by a unique index, so that of two racing one is
   * recorded), it is stored, the claim dropped, the patent's version moves on (a licence checked
   * against the patent before cannot claim it: no exclusive licence slips in) and the event goes
   * into its history. False, nothing written, otherwise.
   */
  declareOpenLicence(d: OpenLicenceRecord, claim: string, event: NewAssetEvent): Promise<boolean>;
  /**
   * Records the withdrawal of the standing declaration `id` (Patent Law art. 50(2)), all or
   * nothing: if the patent is held by the claim `claim` and owned by `ownerId` and the declaration
   * stands, it is withdrawn, the claim dropped, the patent's version moves on and the event goes
   * into its history. False, nothing written, otherwise.
   */
  withdrawOpenLicence(id: string, withdrawal: OpenLicenceWithdrawal, ownerId: string, claim: string, event: NewAssetEvent): Promise<boolean>;
  /** Each patent's latest declaration (by declaredAt, then id), standing or withdrawn, in the order asked; undefined for none. */
  openLicencesOf(applicationNumbers: readonly string[]): Promise<(OpenLicenceRecord | undefined)[]>;
}

export interface AssetHistoryRepository {
  /** Up to `limit` of a right's events with seq > after, oldest first. */
  page(asset: string, after: number | undefined, limit: number): Promise<AssetEvent[]>;
  /** How many events a right's history holds. */
  count(asset: string): Promise<number>;
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
