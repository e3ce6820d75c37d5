// Licences of a right (专利/商标实施许可): which may not overlap in territory and time, and when
// each must be recorded. Pure.
import { addMonths } from '../../../standards/calendar-date.js';
import type { LicenceKind, LicenceRecord, RightKind } from './model.js';

/** What each kind of right transferred and licensed through the centre is, as the API describes it. */
export const RIGHT_KIND_MEANINGS: Readonly<Record<RightKind, string>> = {
  PATENT: 'A patent or patent application, named by its application number (申请号)',
  TRADEMARK: 'A registered trademark, named by its registration number (注册号)',
};

/** What each kind of licence means, as the API describes it. */
export const LICENCE_KIND_MEANINGS: Readonly<Record<LicenceKind, string>> = {
  EXCLUSIVE: 'Exclusive licence (独占许可): only the licensee uses the right, not even the licensor; no other licence may meet it in territory and term',
  SOLE: 'Sole licence (排他许可): the licensor and this licensee only; no other licence may meet it in territory and term',
  ORDINARY: 'Ordinary licence (普通许可): others may be licensed too; it may meet other ordinary licences, not an exclusive or sole one',
};

/** The whole country, as a territory. */
export const WHOLE_COUNTRY = 'CN';

/**
 * Whether territory `a` covers region `b`: the country covers all; a province (NN0000) its cities
 * and counties; a city (NNNN00) its counties; a county itself (GB/T 2260's codes nest by prefix).
 */
export function covers(a: string, b: string): boolean {
  if (a === WHOLE_COUNTRY) return true;
  if (b === WHOLE_COUNTRY) return false;
  if (a.endsWith('0000')) return b.startsWith(a.slice(0, 2));
  if (a.endsWith('00')) return b.startsWith(a.slice(0, 4));
  return a === b;
}

/** Whether two territories share any place. */
export const territoriesMeet = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.some((y) => covers(x, y) || covers(y, x)));

/** Whether two terms, first and last days included, share a day. */
export const termsMeet = (a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean =>
  a.startDate <= b.endDate && b.startDate <= a.endDate;

/**
 * An exclusive licence (独占) leaves no one else the right, the licensor included; a sole one (排他)
 * no other licensee. Either excludes every other licence in its territory and term; ordinary
 * licences (普通) may share both.
 */
const excludesOthers = (kind: LicenceKind): boolean => kind === 'EXCLUSIVE' || kind === 'SOLE';

/** The first registered licence `l` may not overlap, if any. */
export function overlappingLicence(
  l: Pick<LicenceRecord, 'kind' | 'territory' | 'startDate' | 'endDate'>,
  registered: readonly LicenceRecord[],
): LicenceRecord | undefined {
  return registered.find((r) => (excludesOthers(l.kind) || excludesOthers(r.kind)) && termsMeet(l, r) && territoriesMeet(l.territory, r.territory));
}

/**
 * A patent licence contract is recorded within three months of taking effect (专利实施许可合同备案办法,
 * 2011, art. 5: 当事人应当自专利实施许可合同生效之日起3个月内办理备案手续), counted in calendar months
 * as the Guidelines count months (standards/calendar-date.ts addMonths: 2025-11-30 runs to
 * 2026-02-28). The measures do not refuse a contract recorded later (art. 12's grounds for refusal
 * do not include it), so the hub records it and flags it (recordedLate).
 */
export const PATENT_LICENCE_RECORDING_MONTHS = 3;

/**
 * The last day to record the licence. A patent's: three months from the contract taking effect
 * (art. 5 above). A trademark's: the last day of its term, for the Trademark Law Implementing
 * Regulations (2014) art. 69 ask only that the licensor record it while the contract runs (许可人应当
 * 在许可合同有效期内向商标局备案); the three months of the 2002 Regulations' art. 43 are repealed.
 * No holiday moves it: the hub flags, it does not refuse, and tells both parties which day it
 * counted.
 */
export function recordingDeadline(l: Pick<LicenceRecord, 'right' | 'effectiveDate' | 'endDate'>): string {
  return l.right.kind === 'PATENT' ? addMonths(l.effectiveDate, PATENT_LICENCE_RECORDING_MONTHS) : l.endDate;
}

/** Whether a licence recorded on `recordedOn` (the hub's day of its registeredAt) was recorded after its deadline. */
export const recordedLate = (l: Pick<LicenceRecord, 'right' | 'effectiveDate' | 'endDate'>, recordedOn: string): boolean => recordedOn > recordingDeadline(l);
