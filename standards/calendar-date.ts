// Calendar dates as ISO 'YYYY-MM-DD' strings. They name a day, not an instant: no clock and no
// time zone is involved, so a date means the same day wherever the code runs. Valid ISO dates
// compare correctly as strings, which the modules here rely on.

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Throws a RangeError unless `date` is a real day written as YYYY-MM-DD. */
export function parseIsoDate(date: string): CivilDate {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got '${date}'.`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`There is no day ${date}.`);
  }
  return { year, month, day };
}

/**
 * The same day `months` calendar months later; when that month is too short, its last day.
 * This is how the Patent Examination Guidelines count periods in months or years (Part V,
 * Chapter 7, 2.3): 1999-12-31 plus two months is 2000-02-29.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = (monthIndex % 12) + 1;
  return formatIsoDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** The anniversary `years` later; Feb 29 falls on Feb 28 in common years (see addMonths). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The day `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(utcMidnight(parseIsoDate(date)) + days * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return (utcMidnight(parseIsoDate(to)) - utcMidnight(parseIsoDate(from))) / MS_PER_DAY;
}

/** The day of the week, 0 for Sunday to 6 for Saturday. */
export const dayOfWeek = (date: string): number => new Date(utcMidnight(parseIsoDate(date))).getUTCDay();

function utcMidnight({ year, month, day }: CivilDate): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as written
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function formatIsoDate({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
