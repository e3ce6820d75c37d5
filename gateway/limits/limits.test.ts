// IPHUB_LIMITS: a partial override of the defaults, refused whole when any part is wrong.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { tempDir } from '../../test/support/tmp.js';
import { DEFAULT_LIMITS, LimitsError, limitsFromEnv } from './limits.js';

describe('IPHUB_LIMITS', () => {
  it('gives the defaults when unset or empty', () => {
    expect(limitsFromEnv({})).toBe(DEFAULT_LIMITS);
    expect(limitsFromEnv({ IPHUB_LIMITS: ' ' })).toBe(DEFAULT_LIMITS);
  });

  it('overrides only what it names, inline or from a file', () => {
    const inline = limitsFromEnv({
      IPHUB_LIMITS: '{"budgets":{"anonymous":{"cost":500}},"rate":{"points":{"BANK":7}},"introspection":["CENTER_STAFF","COURT"]}',
    });
    expect(inline.budgets.anonymous).toEqual({ ...DEFAULT_LIMITS.budgets.anonymous, cost: 500 });
    expect(inline.budgets.partner).toEqual(DEFAULT_LIMITS.budgets.partner);
    expect(inline.rate.points).toEqual({ ...DEFAULT_LIMITS.rate.points, BANK: 7 });
    expect(inline.introspection).toEqual(['CENTER_STAFF', 'COURT']);
    expect(inline.timeoutMs).toBe(DEFAULT_LIMITS.timeoutMs);
    const dir = tempDir('iphub-limits-');
    try {
      writeFileSync(join(dir.path, 'limits.json'), '{"timeoutMs": 2500, "trustedProxies": 0}');
      expect(limitsFromEnv({ IPHUB_LIMITS: `@${join(dir.path, 'limits.json')}` })).toMatchObject({ timeoutMs: 2500, trustedProxies: 0 });
    } finally {
      dir.remove();
    }
  });

  it('takes a switch as true or false, and sessions whose times fit', () => {
    const secure = limitsFromEnv({ IPHUB_LIMITS: '{"sessions":{"secureCookie":true,"idleSeconds":600},"passwordHashing":{"queue":4}}' });
    expect(secure.sessions).toEqual({ ...DEFAULT_LIMITS.sessions, secureCookie: true, idleSeconds: 600 });
    expect(secure.passwordHashing).toEqual({ concurrent: 2, queue: 4 });
    expect(DEFAULT_LIMITS.signIn).toEqual({ windowSeconds: 900, failuresPerAccount: 5, failuresPerAddress: 20 });
  });

  it.each([
    ['{"budgets":{"anonymous":{"depht":3}}}', 'unknown limit budgets.anonymous.depht; known: budgets.anonymous.depth'],
    ['{"timeoutMs":0}', 'timeoutMs must be an integer of at least 1'],
    ['{"timeoutMs":"10s"}', 'timeoutMs must be an integer of at least 1'],
    ['{"rate":{"points":{"KING":5}}}', 'unknown limit rate.points.KING'],
    ['{"introspection":["ROOT"]}', 'introspection must be a list of roles'],
    ['{"admission":5}', 'admission must be an object'],
    ['{"sessions":{"secureCookie":1}}', 'sessions.secureCookie must be true or false'],
    ['{"sessions":{"touchSeconds":1800}}', 'sessions.touchSeconds must be less than sessions.idleSeconds'],
    ['{"sessions":{"idleSeconds":86400}}', 'sessions.idleSeconds must be at most sessions.absoluteSeconds'],
    ['[1]', 'IPHUB_LIMITS: the value must be an object'],
    ['{nope', 'IPHUB_LIMITS is not valid JSON'],
    ['@/no/such/limits.json', 'IPHUB_LIMITS: cannot read /no/such/limits.json'],
  ])('refuses %s, saying what is wrong', (value, message) => {
    expect(() => limitsFromEnv({ IPHUB_LIMITS: value })).toThrow(LimitsError);
    expect(() => limitsFromEnv({ IPHUB_LIMITS: value })).toThrow(message);
  });
});
