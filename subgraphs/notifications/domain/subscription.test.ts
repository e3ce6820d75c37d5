// Subscriptions: which types they take, which URLs and type lists they may have, their secrets.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { eventTypesProblem, newSubscription, signingSecrets, takesType, urlProblem } from './subscription.js';

const OWNER = { keyId: 'k1', role: 'BANK', organization: 'A' } as const;

describe('subscriptions', () => {
  it('take every type with no list, exact types, and the types under a prefix', () => {
    expect(takesType([], 'case.moved')).toBe(true);
    expect(takesType(['case.moved'], 'case.moved')).toBe(true);
    expect(takesType(['case.moved'], 'case.moved.again')).toBe(false);
    expect(takesType(['patent.*'], 'patent.annual_fee.warning')).toBe(true);
    expect(takesType(['patent.*'], 'patents.x')).toBe(false);
    expect(takesType(['patent.annual_fee.*', 'case.moved'], 'patent.expiry.warning')).toBe(false);
  });

  it('send to http and https URLs only, without credentials', () => {
    expect(urlProblem('https://partner.example/hooks?x=1')).toBeUndefined();
    expect(urlProblem('http://127.0.0.1:8080/')).toBeUndefined();
    expect(urlProblem('ftp://partner.example/')).toMatch(/http or https/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/http or https/);
    expect(urlProblem('not a url')).toMatch(/not a URL/);
    expect(urlProblem('https://user:pw@partner.example/')).toMatch(/user name or password/);
    expect(urlProblem(`https://partner.example/${'a'.repeat(2048)}`)).toMatch(/at most 2048/);
  });

  it("take event types of the hub's catalogue and prefixes of them, a few", () => {
    expect(eventTypesProblem([])).toBeUndefined();
    expect(eventTypesProblem(['case.moved', 'patent.*', 'patent.annual_fee.*', 'webhook.paused'])).toBeUndefined();
    // Well formed, but naming nothing the hub tells: a misspelling would match nothing, for ever.
    for (const unknown of ['case.mvoed', 'patents.*', 'patent.annual_fees.*', 'case.moved.again'])
      expect(eventTypesProblem([unknown]), unknown).toMatch(/names none of the hub's event types .*case\.moved/);
    for (const bad of ['*', 'case', 'Case.Moved', 'case.*.x', 'case.', '.*', 'case..moved']) expect(eventTypesProblem([bad])).toMatch(/neither/);
    expect(eventTypesProblem(Array.from({ length: 21 }, () => 'case.moved'))).toMatch(/at most 20/);
  });

  it('are made with a fresh id and a Standard Webhooks secret, refusing a bad URL', () => {
    const a = newSubscription(OWNER, { url: 'https://partner.example/', eventTypes: ['case.moved', 'case.moved'] }, new Date(0));
    const b = newSubscription(OWNER, { url: 'https://partner.example/', eventTypes: [] });
    expect(a).toMatchObject({ owner: OWNER, eventTypes: ['case.moved'], createdAt: '1970-01-01T00:00:00.000Z', disabledAt: null });
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(a.secret)).not.toThrow();
    expect(() => newSubscription(OWNER, { url: 'gopher://x/', eventTypes: [] })).toThrow(/http or https/);
    expect(() => newSubscription(OWNER, { url: 'https://x/', eventTypes: ['*'] })).toThrow(/neither/);
  });

  it('sign with the current secret, and with the rotated-out one until its time', () => {
    const s = {
      ...newSubscription(OWNER, { url: 'https://partner.example/', eventTypes: [] }),
      secret: 'new',
      previousSecret: 'old',
      previousSecretUntil: '2026-03-02T09:00:00.000Z',
    };
    expect(signingSecrets(s, Date.parse('2026-03-02T08:59:59.999Z'))).toEqual(['new', 'old']);
    expect(signingSecrets(s, Date.parse('2026-03-02T09:00:00.000Z'))).toEqual(['new']);
    expect(signingSecrets({ ...s, previousSecret: null, previousSecretUntil: null }, 0)).toEqual(['new']);
  });
});
