// Transferees and licensees outside the registry: a natural person (自然人), of any country, or an
// enterprise or other organisation registered outside the mainland (外国企业或者其他组织; Hong Kong,
// Macao and Taiwan ones too, which have codes of their own). A mainland enterprise or organisation
// has a unified social credit code (GB 32100-2015) and is registered with the centre as an
// enterprise instead. Named by kind, name and country alone: no identity number is taken, so none is
// kept in clear (the contract's SHA-256 identifies the contract the party signed). One rule for every
// subgraph that names one: a pledgee's consent (finance) must name a party a transfer (enterprises) can.
import { badInput } from '../../platform/errors.js';
import { text } from './validation.js';

export type OutsidePartyKind = 'INDIVIDUAL' | 'FOREIGN_ENTITY';

export interface OutsideParty {
  readonly kind: OutsidePartyKind;
  /** 1 to 200 characters, trimmed. */
  readonly name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
}

/** ISO 3166-1 alpha-2: two letters, upper-cased as given. */
const COUNTRY = /^[A-Z]{2}$/;
const MAX_NAME = 200;
/** The mainland: its entities have credit codes and register with the centre. */
const MAINLAND = 'CN';

/** An outside party as given, checked: BAD_USER_INPUT at `field`.name or `field`.country. */
export function outsideParty(input: { readonly kind: OutsidePartyKind; readonly name: string; readonly country: string }, field: string): OutsideParty {
  const name = text(input.name, `${field}.name`, MAX_NAME);
  const country = input.country.trim().toUpperCase();
  if (!COUNTRY.test(country)) {
    throw badInput(`${field}.country must be an ISO 3166-1 alpha-2 code: two letters, such as DE, US or HK`, `${field}.country`);
  }
  if (input.kind === 'FOREIGN_ENTITY' && country === MAINLAND) {
    throw badInput(
      `${field}: an enterprise or organisation registered in mainland China has a unified social credit code (GB 32100-2015) and is a party as an enterprise registered with the centre (registerEnterprise), not as a FOREIGN_ENTITY; Hong Kong (HK), Macao (MO) and Taiwan (TW) entities are outside parties`,
      `${field}.country`,
    );
  }
  return { kind: input.kind, name, country };
}

/** The same outside party: kind, trimmed name and upper-cased country alike. */
export const sameOutsideParty = (
  a: { readonly kind: string; readonly name: string; readonly country: string },
  b: { readonly kind: string; readonly name: string; readonly country: string },
): boolean => a.kind === b.kind && a.name.trim() === b.name.trim() && a.country.trim().toUpperCase() === b.country.trim().toUpperCase();

/** How a message names an outside party: `Siemens AG (FOREIGN_ENTITY, DE)`. */
export const describeOutsideParty = (o: OutsideParty): string => `${o.name} (${o.kind}, ${o.country})`;
