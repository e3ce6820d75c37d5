// Open licences (开放许可) of patents, Patent Law (2020) arts. 50-51 and the Implementing
// Regulations (2023) rules 85-86: when one may be declared, when it is open, what a licence taken
// under it is. Pure.
import { documentDigest } from '../../../ledger/index.js';
import type { LicenceKind, LicenceRecord, OpenLicenceRecord, PatentType } from './model.js';

/** Why OPEN_LICENCE_REFUSED refused (its extensions.reason). */
export const OPEN_LICENCE_REFUSALS = ['ALREADY_OPEN', 'NOT_OPEN', 'EXCLUSIVE_LICENCE', 'PLEDGED', 'LICENSEE_IS_OWNER', 'ALREADY_LICENSED'] as const;
export type OpenLicenceRefusal = (typeof OPEN_LICENCE_REFUSALS)[number];

/**
 * A utility model's or a design's declaration comes with a patent evaluation report (专利权评价报告,
 * Patent Law art. 50(1): 就实用新型、外观设计专利提出开放许可声明的，应当提供专利权评价报告); CNIPA makes
 * one for those two kinds only (art. 66(2)), so an invention's declaration has none.
 */
export const needsEvaluationReport = (type: PatentType): boolean => type === 'UTILITY_MODEL' || type === 'DESIGN';

/**
 * Whether the declaration is open on `day`: announced on or before it (art. 50(1): 由国务院专利行政部门
 * 予以公告，实行开放许可) and not withdrawn by then (art. 50(2): a withdrawal announced on a day closes it
 * from that day; licences taken before stand).
 */
export const openOn = (d: OpenLicenceRecord | undefined, day: string): boolean =>
  d !== undefined && d.announcedOn <= day && (d.withdrawal === null || day < d.withdrawal.withdrawnOn);

/** Whether the declaration stands (not withdrawn), whatever day it was announced. */
export const stands = (d: OpenLicenceRecord | undefined): d is OpenLicenceRecord & { readonly withdrawal: null } => d !== undefined && d.withdrawal === null;

/** The kinds an open licence bars while it stands (art. 51(3): 不得就该专利给予独占或者排他许可). */
export const barredWhileOpen = (kind: LicenceKind): boolean => kind === 'EXCLUSIVE' || kind === 'SOLE';

/**
 * The first exclusive or sole licence not ended by `day`: the patent may not be declared open while
 * one is in force (Implementing Regulations 2023 rule 86(1): 专利权处于独占或者排他许可有效期限内的);
 * the hub reads this as a term running on `day` or after it, for a later one would run while open.
 */
export const exclusiveInForce = (licences: readonly LicenceRecord[], day: string): LicenceRecord | undefined =>
  licences.find((l) => barredWhileOpen(l.kind) && l.endDate >= day);

/**
 * What stands for the contract of a licence taken under an open licence: the SHA-256 of its
 * declaration and licensee, so that the store's one-contract-per-right index lets a licensee take
 * one licence under one declaration, however many requests race.
 */
export const openLicenceTakeDigest = (openLicenceId: string, licenseeId: string): string =>
  documentDigest({ openLicence: openLicenceId, licensee: licenseeId });
