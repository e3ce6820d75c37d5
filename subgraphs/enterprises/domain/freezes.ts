// A court's freezes of a patent over time (pure). A freeze of a property right holds for at most
// three years and is renewed by the court that made it before it ends, each renewal again for at
// most three years (最高人民法院关于适用《中华人民共和国民事诉讼法》的解释 art. 485). Another court may
// freeze the right meanwhile: its freeze waits in line (轮候冻结) and takes effect by itself when the
// ones before it end (最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定 art. 26), its term
// counted from that day (as the SPC's 2004 notice with the land and housing ministries counts a
// waiting seizure's; the hub takes that reading for patents too).
import { addDays, addYears, daysBetween } from '../../../standards/calendar-date.js';
import type { PatentFreeze, PatentRecord, WaitingFreeze } from './model.js';

export const FREEZE_MAX_YEARS = 3;
/** The most freezes the hub keeps waiting behind one: a bound on a patent's record, far above what courts make. */
export const MAX_WAITING_FREEZES = 20;

/** The first day a freeze no longer holds: its term's end, three years on for a freeze recorded without one. */
export const freezeEnd = (f: PatentFreeze): string => f.endsOn ?? addYears(f.frozenOn, FREEZE_MAX_YEARS);

/** The longest term a freeze starting on `from` may have: the day three years on. */
export const latestFreezeEnd = (from: string): string => addYears(from, FREEZE_MAX_YEARS);

export interface FreezesOnDay {
  /** The freeze holding on the day, or null. */
  readonly current: PatentFreeze | null;
  /** Those still waiting behind it, in order. */
  readonly waiting: readonly WaitingFreeze[];
}

/** The freeze that holds on `day` and those waiting: each ended one replaced by the first waiting, from the day it ended. */
export function freezesOn(p: Pick<PatentRecord, 'freeze' | 'waitingFreezes'>, day: string): FreezesOnDay {
  let current = p.freeze;
  const waiting = [...p.waitingFreezes];
  while (current !== null && freezeEnd(current) <= day) current = takeEffect(waiting.shift(), freezeEnd(current));
  return { current, waiting };
}

/** A waiting freeze as it takes effect on `from`, or null when none waits. */
export function takeEffect(next: WaitingFreeze | undefined, from: string): PatentFreeze | null {
  return next === undefined ? null : { court: next.court, orderNumber: next.orderNumber, frozenOn: from, endsOn: addDays(from, next.termDays) };
}

/** A waiting freeze's term: the days its order gives, from its date to its end. */
export const termDaysOf = (frozenOn: string, endsOn: string): number => daysBetween(frozenOn, endsOn);
