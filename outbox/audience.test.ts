// The role rule: who may receive a notification addressed to whom.
import { describe, expect, it } from 'vitest';

import type { Identity } from '../platform/identity.js';
import { type Audience, receives, recipientKey, recipientOf } from './audience.js';

const STAFF: Identity = { keyId: 'k1', role: 'CENTER_STAFF' };
const E1: Identity = { keyId: 'k2', role: 'ENTERPRISE', enterpriseId: 'E1' };
const BANK_A: Identity = { keyId: 'k3', role: 'BANK', organization: 'A' };
const COURT_A: Identity = { keyId: 'k4', role: 'COURT', organization: 'A' };
const INSURER_B: Identity = { keyId: 'k5', role: 'INSURER', organization: 'B' };

const TO_E1: Audience = { kind: 'ENTERPRISE', id: 'E1' };
const TO_E2: Audience = { kind: 'ENTERPRISE', id: 'E2' };
const TO_BANK_A: Audience = { kind: 'ORGANIZATION', role: 'BANK', name: 'A' };
const TO_CENTRE: Audience = { kind: 'CENTRE' };

describe('who receives what', () => {
  it('gives centre staff everything, even what is addressed to no one', () => {
    for (const audience of [[], [TO_E1], [TO_BANK_A, TO_CENTRE], [TO_CENTRE]]) expect(receives(STAFF, audience)).toBe(true);
  });

  it('gives an enterprise what is addressed to it, and nothing of another', () => {
    expect(receives(E1, [TO_E1])).toBe(true);
    expect(receives(E1, [TO_E2, TO_BANK_A, TO_E1])).toBe(true);
    expect(receives(E1, [TO_E2])).toBe(false);
    expect(receives(E1, [TO_CENTRE])).toBe(false);
    expect(receives(E1, [])).toBe(false);
  });

  it('gives a bank, court or insurer what is addressed to its role and name both', () => {
    expect(receives(BANK_A, [TO_E1, TO_BANK_A])).toBe(true);
    expect(receives(COURT_A, [TO_BANK_A])).toBe(false);
    expect(receives({ ...BANK_A, organization: 'B' }, [TO_BANK_A])).toBe(false);
    expect(receives(INSURER_B, [{ kind: 'ORGANIZATION', role: 'INSURER', name: 'B' }])).toBe(true);
    expect(receives(BANK_A, [TO_E1, TO_CENTRE])).toBe(false);
  });

  it('gives an identity bound to nothing nothing', () => {
    expect(receives({ keyId: 'k', role: 'ENTERPRISE' }, [TO_E1])).toBe(false);
    expect(receives({ keyId: 'k', role: 'BANK' }, [TO_BANK_A])).toBe(false);
    expect(recipientOf({ keyId: 'k', role: 'COURT' })).toBeUndefined();
  });

  it('names the inbox an audience addresses and the one an identity reads alike', () => {
    expect(recipientKey(TO_E1)).toBe('enterprise:E1');
    expect(recipientKey(TO_BANK_A)).toBe('org:BANK:A');
    expect(recipientKey(TO_CENTRE)).toBe('centre');
    expect(recipientOf(E1)).toBe(recipientKey(TO_E1));
    expect(recipientOf(BANK_A)).toBe(recipientKey(TO_BANK_A));
    expect(recipientOf(STAFF)).toBe(recipientKey(TO_CENTRE));
  });
});
