// A court's freezes of a right over time, and the steps that change them (pure): a patent's and a
// trademark's, under each one's law (FreezeLaw).
//
// A patent: a freeze of a property right holds for at most three years and is renewed by the
// court that made it before it ends, each renewal again for at most three years (最高人民法院关于
// 适用《中华人民共和国民事诉讼法》的解释 art. 485). Another court may freeze the right meanwhile: its
// freeze waits in line (轮候冻结) and takes effect by itself when the ones before it end (最高人民法院
// 关于人民法院民事执行中查封、扣押、冻结财产的规定 art. 26), its term counted from that day (as the
// SPC's 2004 notice with the land and housing ministries counts a waiting seizure's; the hub takes
// that reading for patents too).
//
// A trademark: 最高人民法院关于人民法院对注册商标权进行财产保全的解释 (法释〔2001〕1号, amended by
// 法释〔2020〕19号): the court sends the Trademark Office its notice of assistance (art. 1: no transfer,
// cancellation, change of the registration or pledge registration meanwhile); a preservation holds
// for at most one year at a time, from the day the Office received the notice (art. 2: 对注册商标权
// 保全的期限一次不得超过一年); to continue it, the court sends a new notice before it ends, else it is
// lifted by itself (art. 2: 视为自动解除); a trademark preserved already is not preserved again (art.
// 3: 不得重复进行保全), so no freeze waits in line behind another (the hub's reading of art. 3:
// docs/domain.md).
import type { JsonValue } from '../../../platform/json.js';
import { addDays, addYears, daysBetween } from '../../../standards/calendar-date.js';
import type { PatentFreeze, WaitingFreeze } from './model.js';

/** How a kind of right is frozen: the longest term (and renewal) in years, and whether another court's freeze waits in line. */
export interface FreezeLaw {
  readonly maxYears: number;
  readonly waiting: boolean;
  /** The longest term in words, for messages: "three years". */
  readonly term: string;
}

/** A patent's: three years, renewable, waiting freezes in line (SPC Interpretation of the Civil Procedure Law art. 485). */
export const PATENT_FREEZES: FreezeLaw = { maxYears: 3, waiting: true, term: 'three years' };
/** A trademark's: one year at a time, renewable, none waiting (法释〔2001〕1号 arts. 2-3). */
export const TRADEMARK_FREEZES: FreezeLaw = { maxYears: 1, waiting: false, term: 'one year' };

/** The most freezes the hub keeps waiting behind one: a bound on a patent's record, far above what courts make. */
export const MAX_WAITING_FREEZES = 20;

/** The first day a freeze no longer holds: its term's end; for a freeze recorded without one (patents only, from before terms were), the longest term on. */
export const freezeEnd = (f: PatentFreeze, law: FreezeLaw = PATENT_FREEZES): string => f.endsOn ?? addYears(f.frozenOn, law.maxYears);

/** The longest term a freeze starting on `from` may have: the day the law's years on. */
export const latestFreezeEnd = (from: string, law: FreezeLaw = PATENT_FREEZES): string => addYears(from, law.maxYears);

/** What a right's freezes are: the one registered first and not lifted, and those waiting behind it. */
export interface Freezes {
  readonly freeze: PatentFreeze | null;
  readonly waitingFreezes: readonly WaitingFreeze[];
}

export interface FreezesOnDay {
  /** The freeze holding on the day, or null. */
  readonly current: PatentFreeze | null;
  /** Those still waiting behind it, in order. */
  readonly waiting: readonly WaitingFreeze[];
}

/** The freeze that holds on `day` and those waiting: each ended one replaced by the first waiting, from the day it ended. */
export function freezesOn(p: Freezes, day: string, law: FreezeLaw = PATENT_FREEZES): FreezesOnDay {
  let current = p.freeze;
  const waiting = [...p.waitingFreezes];
  while (current !== null && freezeEnd(current, law) <= day) current = takeEffect(waiting.shift(), freezeEnd(current, law));
  return { current, waiting };
}

/** A waiting freeze as it takes effect on `from`, or null when none waits. */
export function takeEffect(next: WaitingFreeze | undefined, from: string): PatentFreeze | null {
  return next === undefined ? null : { court: next.court, orderNumber: next.orderNumber, frozenOn: from, endsOn: addDays(from, next.termDays) };
}

/** A waiting freeze's term: the days its order gives, from its date to its end. */
export const termDaysOf = (frozenOn: string, endsOn: string): number => daysBetween(frozenOn, endsOn);

/** A court's act on a right's freezes. */
export type FreezeOperation =
  | { readonly op: 'FREEZE'; readonly court: string; readonly orderNumber: string; readonly frozenOn: string; readonly endsOn: string | null }
  | { readonly op: 'RENEW_FREEZE'; readonly court: string; readonly endsOn: string }
  | { readonly op: 'UNFREEZE'; readonly court: string; readonly unfrozenOn: string };

/** The freezes after a step, the history event it writes and its details; or why it is refused. */
export type FreezeStep =
  | {
      readonly ok: true;
      readonly freezes: Freezes;
      readonly event: 'FROZEN' | 'FREEZE_WAITING' | 'FREEZE_RENEWED' | 'UNFROZEN';
      readonly details: { [key: string]: JsonValue };
    }
  | {
      readonly ok: false;
      readonly code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN';
      readonly message: string;
      readonly field?: string;
      /** The freeze that holds, when a second one is refused for it (a trademark: 法释〔2001〕1号 art. 3). */
      readonly holding?: { readonly court: string; readonly orderNumber: string };
    };

const refuse = (code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN', message: string, field?: string): FreezeStep => ({
  ok: false,
  code,
  message,
  ...(field === undefined ? {} : { field }),
});

/**
 * One court's act on the freezes of `what` (e.g. "patent 202310123456.7") as they stand on the day
 * (freezesOn applied first), under `law`. The caller checks the right's state and the order's date;
 * this checks the term, the order, the court and the dates against the freezes.
 */
export function applyFreezeOperation(f: Freezes, op: FreezeOperation, law: FreezeLaw, what: string, today: string): FreezeStep {
  switch (op.op) {
    case 'FREEZE': {
      const endsOn = op.endsOn ?? latestFreezeEnd(op.frozenOn, law);
      if (endsOn <= op.frozenOn || endsOn > latestFreezeEnd(op.frozenOn, law)) {
        return refuse('BAD_USER_INPUT', `endsOn must be after frozenOn and at most ${law.term} on, by ${latestFreezeEnd(op.frozenOn, law)}`, 'endsOn');
      }
      const orders = [f.freeze, ...f.waitingFreezes];
      if (orders.some((o) => o !== null && o.court === op.court && o.orderNumber === op.orderNumber)) {
        return refuse('CONFLICT', `${what} is frozen already under order ${op.orderNumber} of ${op.court}`);
      }
      if (f.freeze === null) {
        const freeze = { court: op.court, orderNumber: op.orderNumber, frozenOn: op.frozenOn, endsOn };
        return { ok: true, freezes: { ...f, freeze }, event: 'FROZEN', details: { ...freeze } };
      }
      if (!law.waiting) {
        const holding = { court: f.freeze.court, orderNumber: f.freeze.orderNumber };
        return {
          ok: false,
          code: 'CONFLICT',
          message: `${what} is preserved already by ${f.freeze.court} under order ${f.freeze.orderNumber} until ${freezeEnd(f.freeze, law)}: a preserved trademark is not preserved again (最高人民法院关于人民法院对注册商标权进行财产保全的解释 art. 3: 不得重复进行保全); record this order once that one is lifted or ends`,
          holding,
        };
      }
      if (f.waitingFreezes.length >= MAX_WAITING_FREEZES) {
        return refuse('CONFLICT', `${what} has ${MAX_WAITING_FREEZES} freezes waiting already, the most the hub keeps: ask the centre`);
      }
      const waiting = { court: op.court, orderNumber: op.orderNumber, registeredOn: op.frozenOn, termDays: termDaysOf(op.frozenOn, endsOn) };
      return {
        ok: true,
        freezes: { ...f, waitingFreezes: [...f.waitingFreezes, waiting] },
        event: 'FREEZE_WAITING',
        details: { ...waiting, behind: f.freeze.orderNumber, place: f.waitingFreezes.length + 1 },
      };
    }
    case 'RENEW_FREEZE': {
      if (f.freeze === null) return refuse('INVALID_TRANSITION', `${what} is not frozen`);
      if (f.freeze.court !== op.court) return refuse('FORBIDDEN', `only ${f.freeze.court}, which froze ${what}, can renew its freeze`);
      const end = freezeEnd(f.freeze, law);
      if (op.endsOn <= end || op.endsOn > latestFreezeEnd(end, law)) {
        return refuse('BAD_USER_INPUT', `endsOn must be after the freeze's end ${end} and at most ${law.term} on, by ${latestFreezeEnd(end, law)}`, 'endsOn');
      }
      return {
        ok: true,
        freezes: { ...f, freeze: { ...f.freeze, endsOn: op.endsOn } },
        event: 'FREEZE_RENEWED',
        details: { court: op.court, orderNumber: f.freeze.orderNumber, endedOn: end, endsOn: op.endsOn },
      };
    }
    case 'UNFREEZE': {
      if (f.freeze === null) return refuse('INVALID_TRANSITION', `${what} is not frozen`);
      const place = f.waitingFreezes.findIndex((w) => w.court === op.court);
      if (f.freeze.court !== op.court && place < 0) return refuse('FORBIDDEN', `only ${f.freeze.court}, which froze ${what}, can unfreeze it`);
      const from = f.freeze.court === op.court ? f.freeze.frozenOn : f.waitingFreezes[place]!.registeredOn;
      if (op.unfrozenOn < from || op.unfrozenOn > today) {
        return refuse('BAD_USER_INPUT', `unfrozenOn must be between the freeze of ${from} and today`, 'unfrozenOn');
      }
      if (f.freeze.court !== op.court) {
        const waitingFreezes = f.waitingFreezes.filter((_, i) => i !== place);
        return {
          ok: true,
          freezes: { ...f, waitingFreezes },
          event: 'UNFROZEN',
          details: { ...f.waitingFreezes[place]!, unfrozenOn: op.unfrozenOn, waiting: true },
        };
      }
      // The first freeze waiting takes effect on the day this one is lifted.
      const [next, ...rest] = f.waitingFreezes;
      const freeze = takeEffect(next, op.unfrozenOn);
      return {
        ok: true,
        freezes: { freeze, waitingFreezes: rest },
        event: 'UNFROZEN',
        details: { ...f.freeze, unfrozenOn: op.unfrozenOn, ...(freeze === null ? {} : { nextFreeze: { ...freeze } }) },
      };
    }
  }
}
