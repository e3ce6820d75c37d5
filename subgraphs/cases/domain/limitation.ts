// The limitation period of a protection claim (诉讼时效). Pure.
import { addYears } from '../../../standards/calendar-date.js';
import { timeLimitEnd, type WorkingDayCalendar } from '../../../standards/working-days.js';

/** Three years (Civil Code art. 188; for a patent infringement, Patent Law art. 74 says the same). */
export const LIMITATION_YEARS = 3;

/**
 * The last day of the limitation period of a claim whose holder knew (or should have known) of the
 * harm and who caused it on `knownSince`: three years on (Civil Code art. 188). A period counted in
 * years starts the next day (art. 201) and ends on the corresponding day (art. 202), moved to the
 * next working day when that day is a statutory holiday (art. 203). The period can be suspended or
 * interrupted (arts. 194-195: a claim made, a suit filed); the hub knows of neither, so the date is
 * a warning, not a finding.
 */
export function limitationEndsOn(knownSince: string, calendar: WorkingDayCalendar): string {
  return timeLimitEnd(addYears(knownSince, LIMITATION_YEARS), calendar);
}
