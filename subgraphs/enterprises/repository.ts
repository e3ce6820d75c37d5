// The enterprises subgraph's aggregates and their storage port. Adapters: sqlite-repository.ts,
// mongodb-repository.ts; both pass repository.contract.ts.

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
  readonly filingDate: string;
  readonly grantDate: string | null;
  /** The last annual-fee due date paid, or null when none has been. */
  readonly feesPaidThrough: string | null;
}

export interface TrademarkRecord {
  readonly registrationNumber: string;
  readonly enterpriseId: string;
  readonly mark: string;
  /** Nice classification, 1..45. */
  readonly niceClass: number;
  readonly registrationDate: string;
  /** Ten years from registration, renewable. */
  readonly expiryDate: string;
}

export interface CopyrightRecord {
  readonly registrationNumber: string;
  readonly enterpriseId: string;
  readonly title: string;
  readonly kind: 'SOFTWARE' | 'WORK';
  readonly registeredOn: string;
}

export interface EnterpriseFilter {
  readonly regionCode?: string;
  readonly industry?: string;
}

/** A unique key (credit code or application number) is taken. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
}

export interface EnterpriseRepository {
  /** Throws DuplicateKeyError when the credit code is registered already. */
  insert(e: EnterpriseRecord): Promise<void>;
  byIds(ids: readonly string[]): Promise<(EnterpriseRecord | undefined)[]>;
  byUscc(uscc: string): Promise<EnterpriseRecord | undefined>;
  /** Up to `limit` enterprises matching the filter with id > after, by id. */
  page(filter: EnterpriseFilter, after: string | undefined, limit: number): Promise<EnterpriseRecord[]>;
  /** How many enterprises match the filter. */
  count(filter: EnterpriseFilter): Promise<number>;
  countBy(group: 'regionCode' | 'industry'): Promise<{ key: string; enterprises: number }[]>;
}

export interface PatentRepository {
  /** Throws DuplicateKeyError when the application number is registered already. */
  insert(p: PatentRecord): Promise<void>;
  byNumbers(numbers: readonly string[]): Promise<(PatentRecord | undefined)[]>;
  /** Each enterprise's patents, by application number. */
  byEnterprises(ids: readonly string[]): Promise<PatentRecord[][]>;
  /** Patents that may still owe annual fees (pending or granted), by application number. */
  live(enterpriseId?: string): Promise<PatentRecord[]>;
  countBy(group: 'regionCode' | 'industry'): Promise<{ key: string; patents: number }[]>;
}

export interface TrademarkRepository {
  insert(t: TrademarkRecord): Promise<void>;
  byEnterprises(ids: readonly string[]): Promise<TrademarkRecord[][]>;
  /** Registrations ending on or before `date`, soonest first. */
  expiringBy(date: string, enterpriseId?: string): Promise<TrademarkRecord[]>;
}

export interface CopyrightRepository {
  insert(c: CopyrightRecord): Promise<void>;
  byEnterprises(ids: readonly string[]): Promise<CopyrightRecord[][]>;
}

/** The enterprises subgraph's storage: one repository per aggregate. */
export interface EnterprisesStore {
  readonly enterprises: EnterpriseRepository;
  readonly patents: PatentRepository;
  readonly trademarks: TrademarkRepository;
  readonly copyrights: CopyrightRepository;
  close(): Promise<void>;
}
