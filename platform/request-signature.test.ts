// Signed requests between the hub's processes: what the signature covers, and each refusal.
import { describe, expect, it } from 'vitest';

import { derivedSubgraphKey, MAX_SKEW_MS, signRequest, SpentNonces, verifyRequest } from './request-signature.js';

const KEY = derivedSubgraphKey('the internal secret', 'enterprises');
const T = Date.parse('2026-12-07T08:00:00.000Z');
const REQUEST = { method: 'POST', path: '/graphql', body: '{"query":"{ enterprises { totalCount } }"}' };
const CLAIMS = { iss: 'gateway', aud: 'enterprises', identity: { keyId: 'k-1', role: 'ENTERPRISE' as const, enterpriseId: 'E1' } };

const verify = (header: string, over: Partial<typeof REQUEST> = {}, nonces = new SpentNonces(), now = T) =>
  verifyRequest(header, { ...REQUEST, ...over }, { audience: 'enterprises', keyOf: (iss) => (iss === 'gateway' ? KEY : undefined), nonces, now });

describe('signed requests between the hub’s processes', () => {
  it('derives a key per subgraph from the internal secret: one subgraph’s key is not another’s', () => {
    expect(KEY).toBe(derivedSubgraphKey('the internal secret', 'enterprises'));
    expect(KEY).not.toBe(derivedSubgraphKey('the internal secret', 'cases'));
    expect(KEY).not.toBe(derivedSubgraphKey('another secret', 'enterprises'));
    expect(Buffer.from(KEY, 'base64url')).toHaveLength(32);
  });

  it('takes a request as signed, once, with its claims', () => {
    const header = signRequest(KEY, CLAIMS, REQUEST, T, 'nonce-1');
    const nonces = new SpentNonces();
    expect(verify(header, {}, nonces)).toStrictEqual({ ...CLAIMS, iat: T, nonce: 'nonce-1' });
    expect(verify(header, {}, nonces, T + 1)).toStrictEqual({ refused: 'the request was taken already (a replay)' });
  });

  it('refuses a request whose method, path or body is not the one signed', () => {
    const header = signRequest(KEY, CLAIMS, REQUEST, T);
    for (const over of [{ method: 'GET' }, { path: '/graphql?x=1' }, { body: REQUEST.body.replace('totalCount', 'edges') }])
      expect(verify(header, over)).toStrictEqual({ refused: 'the signature does not match the request' });
  });

  it('refuses another audience, a signer not trusted, another key, a time over a minute away, and no header', () => {
    expect(verify(signRequest(KEY, { ...CLAIMS, aud: 'cases' }, REQUEST, T))).toStrictEqual({
      refused: 'the request is signed for "cases", not enterprises',
    });
    expect(verify(signRequest(KEY, { ...CLAIMS, iss: 'finance' }, REQUEST, T))).toStrictEqual({ refused: 'requests signed by "finance" are not taken here' });
    expect(verify(signRequest(derivedSubgraphKey('the internal secret', 'cases'), CLAIMS, REQUEST, T))).toStrictEqual({
      refused: 'the signature does not match the request',
    });
    expect(verify(signRequest(KEY, CLAIMS, REQUEST, T - MAX_SKEW_MS - 1))).toStrictEqual({ refused: 'the request was signed over a minute from now' });
    expect(verify(signRequest(KEY, CLAIMS, REQUEST, T + MAX_SKEW_MS - 1))).toMatchObject({ iss: 'gateway' });
    expect(verifyRequest(undefined, REQUEST, { audience: 'enterprises', keyOf: () => KEY, nonces: new SpentNonces() })).toStrictEqual({
      refused: 'the request is not signed',
    });
    expect(verify('a.b.c')).toStrictEqual({ refused: 'the signature header is malformed' });
  });

  it('forgets a spent nonce once no request with it could be taken anyway', () => {
    const nonces = new SpentNonces();
    expect(nonces.spend('n', T, T)).toBe(true);
    expect(nonces.spend('n', T, T + MAX_SKEW_MS)).toBe(false);
    // Swept a skew later: a request that old is refused by its time before its nonce is looked at.
    expect(nonces.spend('m', T + 2 * MAX_SKEW_MS + 1, T + 2 * MAX_SKEW_MS + 1)).toBe(true);
    expect(nonces.size).toBe(1);
  });
});
