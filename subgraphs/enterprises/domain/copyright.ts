// Copyright registration numbers as they are issued. Pure.
//
// Software, by the Copyright Protection Center of China: the year, SR and a serial, seven digits
// since 2013 (2024SR0123456) and fewer before (2011SR012345, 2006SR01234): four to seven are taken.
// Works, by the Center (国作登字) or a provincial copyright bureau (粤作登字, 京作登字...): the year,
// the letter of the kind of work, eight digits. The letters follow the kinds of Copyright Law art. 3
// in its order, as the registration authorities assign them: A literary, B oral, C musical,
// D dramatic, E quyi, F choreographic, G acrobatic, H fine art, I architectural, J photographic,
// K audiovisual (film and works made like film), L engineering and product design drawings,
// M maps and sketches, N models, O other. The hub checks the letter against the kind registered.
import { canonicalCopyrightNumber } from '../../../standards/copyright-number.js';
import type { CopyrightKind } from './model.js';

const SOFTWARE = /^(\d{4})SR(\d{4,7})$/;
/** The authorities' prefixes: 国 for the Center, a province's one-character name for its bureau. */
const WORK = /^([国京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵黔云滇藏陕甘陇青宁新])作登字-(\d{4})-([A-O])-(\d{8})$/;

/** The letters a work of each kind may carry (GRAPHIC: design drawings, or maps and sketches). */
export const WORK_KIND_LETTERS: Readonly<Record<Exclude<CopyrightKind, 'SOFTWARE'>, string>> = {
  LITERARY: 'A',
  ORAL: 'B',
  MUSICAL: 'C',
  DRAMATIC: 'D',
  QUYI: 'E',
  CHOREOGRAPHIC: 'F',
  ACROBATIC: 'G',
  ARTISTIC: 'H',
  ARCHITECTURAL: 'I',
  PHOTOGRAPHIC: 'J',
  AUDIOVISUAL: 'K',
  GRAPHIC: 'LM',
  MODEL: 'N',
  WORK: 'O',
};

/** The number in canonical form and the year it was issued in, or what is wrong with it. */
export function copyrightNumber(kind: CopyrightKind, input: string): { ok: true; value: string; year: number } | { ok: false; message: string } {
  if (kind === 'SOFTWARE') {
    const value = input.replace(/\s+/g, '').toUpperCase();
    const match = SOFTWARE.exec(value);
    if (match === null) return { ok: false, message: `a software registration number looks like 2024SR0123456 (older ones have fewer digits); got '${input}'` };
    return { ok: true, value, year: Number(match[1]) };
  }
  const value = canonicalCopyrightNumber(input);
  const match = WORK.exec(value);
  if (match === null) {
    return { ok: false, message: `a work registration number looks like 国作登字-2024-H-00012345 (or a province's, 粤作登字-...); got '${input}'` };
  }
  const letters = WORK_KIND_LETTERS[kind];
  if (!letters.includes(match[3]!)) {
    return {
      ok: false,
      message: `a ${kind} work is registered under letter ${[...letters].join(' or ')}, not ${match[3]} (the kinds of Copyright Law art. 3, in order)`,
    };
  }
  return { ok: true, value, year: Number(match[2]) };
}
