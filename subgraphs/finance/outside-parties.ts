// Transferees and licensees outside the registry (a person, a foreign entity): named by name and
// country alone, never by an identity number, wherever the pledgee consents to a disposal to one.
// The rule that checks one is common/outside-party.ts, the registry's too.
import { builder } from './builder.js';
import type { OutsideParty } from './domain/model.js';

const OutsidePartyKind = builder.enumType('OutsideCounterpartyKind', {
  description: 'What a transferee or licensee outside the registry is',
  values: {
    INDIVIDUAL: { description: 'A natural person (自然人)' },
    FOREIGN_ENTITY: { description: 'A foreign enterprise or other organisation (外国企业或者其他组织)' },
  },
});
export const OutsidePartyType = builder.objectRef<OutsideParty>('PledgeOutsideParty').implement({
  description: 'A transferee or licensee outside the registry, by name and country: never an identity number',
  fields: (t) => ({
    kind: t.field({ type: OutsidePartyKind, description: 'A person or a foreign entity', resolve: (o) => o.kind }),
    name: t.exposeString('name', { description: 'Its name, as on its identity document' }),
    country: t.exposeString('country', { description: 'Its country: ISO 3166-1 alpha-2, e.g. DE' }),
  }),
});
export const OutsidePartyInput = builder.inputType('OutsideCounterpartyInput', {
  description: 'A transferee or licensee outside the registry: a person or a foreign entity, by name and country (no identity number)',
  fields: (t) => ({
    kind: t.field({ type: OutsidePartyKind, required: true, description: 'A person or a foreign entity' }),
    name: t.string({ required: true, description: 'Its name, 1 to 200 characters' }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2, e.g. DE, HK' }),
  }),
});
