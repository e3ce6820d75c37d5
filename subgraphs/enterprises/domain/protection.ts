import { addYears, parseIsoDate } from '../../../standards/calendar-date.js';
import type { ApplicationType } from '../../../standards/patent-number.js';

// The 2020 amendment of the Patent Law raised the design term from 10 to 15 years for designs
// filed on or after the day it took effect.
export const DESIGN_15_YEAR_TERM_FROM = '2021-06-01';

/** Term in years from the filing date (Patent Law art. 42); PCT entries follow their kind. */
export function protectionTermYears(type: ApplicationType, filingDate: string): number {
  parseIsoDate(filingDate);
  switch (type) {
    case 'INVENTION':
    case 'PCT_INVENTION':
      return 20;
    case 'UTILITY_MODEL':
    case 'PCT_UTILITY_MODEL':
      return 10;
    case 'DESIGN':
      return filingDate >= DESIGN_15_YEAR_TERM_FROM ? 15 : 10;
  }
}

/**
 * The day the term ends (专利权期满终止日): the filing-date anniversary at the end of the term. The
 * patent is in force up to the day before; a utility model filed 1999-09-06 is protected until
 * 2009-09-05 and ends on 2009-09-06, not moved for holidays (Patent Examination Guidelines,
 * Part V, Chapter 9, 2.1). A Feb 29 filing date ends on Feb 28 when the final year is not a leap
 * year, as the Guidelines count periods: a month without the day ends on its last day.
 * Term extensions (for grant delays or new drugs) are not modelled.
 */
export function protectionEnd(type: ApplicationType, filingDate: string): string {
  return addYears(filingDate, protectionTermYears(type, filingDate));
}
