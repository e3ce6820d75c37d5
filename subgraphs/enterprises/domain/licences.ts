// Licences of a right (专利/商标实施许可): which may not overlap in territory and time. Pure.
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
