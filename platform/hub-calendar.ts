// The hub's calendar, one for every process: the time zone its "today" and its monthly figures are
// taken in (IPHUB_TIME_ZONE, default Asia/Shanghai), and the working days its time limits end on
// (the State Council's holiday notices as the chinese-days package carries them, extended or
// corrected by IPHUB_HOLIDAYS_FILE for a year the package does not know yet).
import { readFileSync } from 'node:fs';

import notices from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

import { parseIsoDate } from '../standards/calendar-date.js';
import type { WorkingDayCalendar } from '../standards/working-days.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface CalendarEnv {
  IPHUB_TIME_ZONE?: string;
  IPHUB_HOLIDAYS_FILE?: string;
}

/** The YYYY-MM-DD of an instant in `timeZone`; throws a RangeError for a zone Intl does not know. */
export function dateFormatter(timeZone: string): (instant: Date) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new RangeError(`IPHUB_TIME_ZONE must be an IANA time zone such as ${DEFAULT_TIME_ZONE}; got '${timeZone}'`);
  }
  // en-CA writes 2025-10-31; the parts are read rather than the string, which a locale may change.
  return (instant) => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}

let zone: { name: string; dateOf: (instant: Date) => string } | undefined;

/** The hub's time zone, read once from the environment. */
export function hubTimeZone(env: CalendarEnv = process.env): string {
  zone ??= (() => {
    const given = env.IPHUB_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
    const dateOf = dateFormatter(given);
    // Intl takes asia/shanghai too; MongoDB's $dateToString wants the canonical Asia/Shanghai.
    return { name: new Intl.DateTimeFormat('en', { timeZone: given }).resolvedOptions().timeZone, dateOf };
  })();
  return zone.name;
}

/** The day `instant` (a Date or an ISO 8601 instant) falls on in the hub's time zone, YYYY-MM-DD. */
export function hubDateOf(instant: Date | string): string {
  hubTimeZone();
  return zone!.dateOf(typeof instant === 'string' ? new Date(instant) : instant);
}

// today() is asked for on every patent a page shows (its standing, its fee): the day is found once
// a minute. Every zone's offset today is a whole number of minutes, so a day never begins inside one.
let todayOf: { minute: number; day: string } | undefined;

/** Today in the hub's time zone, YYYY-MM-DD: the day every "not in the future" and every warning is counted from. */
export function today(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (todayOf?.minute !== minute) todayOf = { minute, day: hubDateOf(now) };
  return todayOf.day;
}

/** The month, YYYY-MM, of a date, or of an ISO 8601 instant in the hub's time zone. */
export const monthOf = (dateOrInstant: string): string => (dateOrInstant.length === 10 ? dateOrInstant : hubDateOf(dateOrInstant)).slice(0, 7);

interface YearDays {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/**
 * The package's notices (2004 on) with the file's years over them: a year the file names replaces
 * the package's. File format: `{ "2027": { "holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...] } }`.
 */
export function loadWorkingDayCalendar(env: CalendarEnv = process.env): WorkingDayCalendar {
  const data: { holidays: object; workdays: object } = notices;
  const years = new Map<number, { holidays: string[]; workdays: string[] }>();
  const yearOf = (day: string) => {
    const y = Number(day.slice(0, 4));
    let entry = years.get(y);
    if (entry === undefined) years.set(y, (entry = { holidays: [], workdays: [] }));
    return entry;
  };
  for (const day of Object.keys(data.holidays)) yearOf(day).holidays.push(day);
  for (const day of Object.keys(data.workdays)) yearOf(day).workdays.push(day);
  const file = env.IPHUB_HOLIDAYS_FILE?.trim();
  if (file) for (const [year, days] of readHolidayFile(file)) years.set(year, { holidays: [...days.holidays], workdays: [...days.workdays] });
  const all = [...years.values()];
  return {
    holidays: new Set(all.flatMap((y) => y.holidays)),
    workdays: new Set(all.flatMap((y) => y.workdays)),
    years: [...years.keys()].sort((a, b) => a - b),
  };
}

/** IPHUB_HOLIDAYS_FILE's years, every day checked; an Error naming the file and the fault otherwise. */
function readHolidayFile(path: string): Map<number, YearDays> {
  const fail = (why: string): never => {
    throw new Error(`IPHUB_HOLIDAYS_FILE ${path}: ${why}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('must be a JSON object of years');
  const out = new Map<number, YearDays>();
  for (const [year, value] of Object.entries(parsed)) {
    if (!/^\d{4}$/.test(year)) fail(`'${year}' is not a year`);
    const v = value as Partial<YearDays> | null;
    const days = (field: 'holidays' | 'workdays'): string[] => {
      const list = v?.[field];
      if (!Array.isArray(list)) return fail(`${year}.${field} must be a list of dates`);
      for (const day of list) {
        try {
          parseIsoDate(String(day));
        } catch {
          fail(`${year}.${field} has '${day}', not a date YYYY-MM-DD`);
        }
        if (!String(day).startsWith(`${year}-`)) fail(`${year}.${field} has ${day}, a day of another year`);
      }
      return list as string[];
    };
    const holidays = days('holidays');
    const workdays = days('workdays');
    const both = holidays.find((d) => workdays.includes(d));
    if (both !== undefined) fail(`${both} is both a holiday and a working day`);
    out.set(Number(year), { holidays, workdays });
  }
  return out;
}

let calendar: WorkingDayCalendar | undefined;

/** The hub's working-day calendar, loaded once (see loadWorkingDayCalendar). */
export function hubWorkingDays(env: CalendarEnv = process.env): WorkingDayCalendar {
  calendar ??= loadWorkingDayCalendar(env);
  return calendar;
}

/**
 * Reads the zone and the calendar now, so that a bad IPHUB_TIME_ZONE or IPHUB_HOLIDAYS_FILE stops a
 * process at its start rather than failing its first request; a warning when no notice covers the
 * current year (its time limits then skip weekends alone).
 */
export function checkHubCalendar(env: CalendarEnv = process.env): string | undefined {
  hubTimeZone(env);
  const years = hubWorkingDays(env).years;
  const year = Number(today().slice(0, 4));
  if (!years.includes(year)) {
    return `the holiday calendar has no notice for ${year} (it covers ${years[0]}-${years.at(-1)}): time limits skip weekends only; add the State Council's notice to IPHUB_HOLIDAYS_FILE`;
  }
  return undefined;
}

/** checkHubCalendar for a process entry point: a fault ends the process (exit 2) saying so; a gap is warned of. */
export function calendarFromEnvOrExit(program: string): void {
  try {
    const gap = checkHubCalendar();
    if (gap !== undefined) console.warn(`${program}: ${gap}`);
  } catch (err) {
    console.error(`${program}: ${(err as Error).message}`);
    process.exit(2);
  }
}
