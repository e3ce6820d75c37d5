import { addDays, addYears, parseIsoDate } from '../../../standards/calendar-date.js';
import type { PatentRecord, PatentType, TermCompensation, TermCompensationGround } from './model.js';

// The 2020 amendment of the Patent Law raised the design term from 10 to 15 years for designs
// filed on or after the day it took effect.
export const DESIGN_15_YEAR_TERM_FROM = '2021-06-01';

/** What a patent's term depends on. */
export type TermSubject = Pick<PatentRecord, 'type' | 'filingDate'> & { readonly termCompensation?: readonly TermCompensation[] };

/** Term in years from the filing date (Patent Law art. 42(1)); PCT entries follow their kind. */
export function protectionTermYears(type: PatentType, filingDate: string): number {
  parseIsoDate(filingDate);
  switch (type) {
    case 'INVENTION':
      return 20;
    case 'UTILITY_MODEL':
      return 10;
    case 'DESIGN':
      return filingDate >= DESIGN_15_YEAR_TERM_FROM ? 15 : 10;
  }
}

/**
 * The day the term ends (专利权期满终止日): the filing-date anniversary at the end of the term, then
 * the days of any compensation (Patent Law art. 42(2), (3)). The patent is in force up to the day
 * before; a utility model filed 1999-09-06 is protected until 2009-09-05 and ends on 2009-09-06,
 * not moved for holidays (Patent Examination Guidelines, Part V, Chapter 9, 2.1). A Feb 29 filing
 * date ends on Feb 28 when the final year is not a leap year, as the Guidelines count periods: a
 * month without the day ends on its last day.
 */
export function protectionEnd(p: TermSubject): string {
  const days = (p.termCompensation ?? []).reduce((sum, c) => sum + c.days, 0);
  return addDays(addYears(p.filingDate, protectionTermYears(p.type, p.filingDate)), days);
}

/** What each ground of a term compensation (专利权期限补偿) means, as the API describes it. */
export const TERM_COMPENSATION_GROUND_MEANINGS: Readonly<Record<TermCompensationGround, string>> = {
  GRANT_DELAY:
    'Unreasonable delay in granting an invention (Patent Law art. 42(2)): granted over four years after filing and three after the examination request',
  NEW_DRUG: "The time a new drug's review and approval for marketing took (art. 42(3)): at most five years, and at most 14 years of term after approval",
};

/** Art. 42(3): a new drug's compensation is at most five years... */
export const NEW_DRUG_MAX_YEARS = 5;
/** ...and the term left after the drug's approval for marketing, compensation included, at most fourteen. */
export const NEW_DRUG_MAX_YEARS_AFTER_APPROVAL = 14;

/**
 * Why a compensation cannot be recorded on `p` (Patent Law art. 42(2), (3); Implementing
 * Regulations rules 77-84 as amended 2023), or undefined. Grant delay: an invention granted more
 * than four years after filing and three after the examination request, once; its days are CNIPA's
 * reckoning, taken as decided. New drug: an invention, once, at most five years, and the term after
 * marketing approval at most fourteen years with it.
 */
export function termCompensationProblem(
  p: TermSubject & Pick<PatentRecord, 'status' | 'grantDate' | 'examinationRequestedOn'>,
  c: TermCompensation,
): string | undefined {
  if (p.type !== 'INVENTION') return 'only an invention patent has its term compensated (Patent Law art. 42(2), (3))';
  if (p.status !== 'GRANTED' || p.grantDate === null) return 'only a GRANTED patent has its term compensated';
  if (!Number.isInteger(c.days) || c.days < 1) return 'days must be a whole number of days, 1 or more';
  if ((p.termCompensation ?? []).some((o) => o.ground === c.ground)) return `a ${c.ground} compensation is recorded already`;
  if (c.ground === 'GRANT_DELAY') {
    if (p.grantDate <= addYears(p.filingDate, 4)) return 'art. 42(2) compensates a grant more than four years after filing; this one was granted sooner';
    if (p.examinationRequestedOn !== null && p.grantDate <= addYears(p.examinationRequestedOn, 3)) {
      return 'art. 42(2) compensates a grant more than three years after the examination request; this one was granted sooner';
    }
    return undefined;
  }
  if (c.marketingApprovedOn === null) return 'a new drug compensation names the day the drug was approved for marketing (marketingApprovedOn)';
  if (c.days > addDaysCount(c.marketingApprovedOn, NEW_DRUG_MAX_YEARS)) return `art. 42(3) compensates at most ${NEW_DRUG_MAX_YEARS} years`;
  const end = addDays(protectionEnd(p), c.days);
  if (end > addYears(c.marketingApprovedOn, NEW_DRUG_MAX_YEARS_AFTER_APPROVAL)) {
    return `with it the term would end ${end}, more than ${NEW_DRUG_MAX_YEARS_AFTER_APPROVAL} years after the drug's approval for marketing (${c.marketingApprovedOn}); art. 42(3) allows at most that`;
  }
  return undefined;
}

/** The days in `years` years from `from`. */
function addDaysCount(from: string, years: number): number {
  return Math.round((Date.parse(addYears(from, years)) - Date.parse(from)) / 86_400_000);
}
