// The kind code a granted patent's announcement number (授权公告号) ends in, by the day it was
// announced (the grant date). Since 2007-07-01 (专利文献号 standard ZC 0007-2004): B invention,
// U utility model, S design. From 1993-01-01 (the 1992 amendment, grant announced without
// opposition) until then: C invention, Y utility model, D design. Before 1993 the 1985 law's
// examined and registered announcements used other codes, which the hub's sources do not settle:
// for such a grant it takes either letter of its type (B or C, U or Y, S or D).
import type { PatentType } from './model.js';

export const KIND_CODES_2007_FROM = '2007-07-01';
export const KIND_CODES_1993_FROM = '1993-01-01';

const SINCE_2007: Readonly<Record<PatentType, string>> = { INVENTION: 'B', UTILITY_MODEL: 'U', DESIGN: 'S' };
const SINCE_1993: Readonly<Record<PatentType, string>> = { INVENTION: 'C', UTILITY_MODEL: 'Y', DESIGN: 'D' };
const BEFORE_1993: Readonly<Record<PatentType, string>> = { INVENTION: 'BC', UTILITY_MODEL: 'UY', DESIGN: 'SD' };

/** The kind codes a grant of `type` announced on `announcedOn` may carry. */
export function grantKindCodes(type: PatentType, announcedOn: string): string {
  if (announcedOn >= KIND_CODES_2007_FROM) return SINCE_2007[type];
  if (announcedOn >= KIND_CODES_1993_FROM) return SINCE_1993[type];
  return BEFORE_1993[type];
}

const GRANT_PUBLICATION = /^CN(\d{7,9})([A-Z])$/;

/** The announcement number in canonical form, or a message saying what is wrong with it. */
export function grantPublicationNumber(type: PatentType, input: string, announcedOn: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = input.replace(/\s+/g, '').toUpperCase();
  const match = GRANT_PUBLICATION.exec(value);
  if (match === null) return { ok: false, message: `grantPublicationNumber must be CN, 7 to 9 digits and a kind code, e.g. CN115123456B; got '${input}'` };
  const kinds = grantKindCodes(type, announcedOn);
  if (!kinds.includes(match[2]!)) {
    return {
      ok: false,
      message: `${type === 'INVENTION' ? 'an' : 'a'} ${type} granted on ${announcedOn} is announced with kind code ${[...kinds].join(' or ')}, not ${match[2]}`,
    };
  }
  return { ok: true, value };
}
