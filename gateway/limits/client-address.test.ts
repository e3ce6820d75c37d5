// The address rate limits count: IPv4 as it is, an IPv6 client by its /64 (RFC 6177: a
// subscriber's prefix, in which it may take any address), behind trusted proxies the one the
// outermost saw.
import type { IncomingMessage } from 'node:http';

import { describe, expect, it } from 'vitest';

import { clientAddress } from './client-address.js';

const request = (peer: string, forwarded?: string): IncomingMessage =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('counts an IPv6 client by its /64, however it rotates within it', () => {
    const a = clientAddress(request('2001:db8:1:2:a:b:c:d'), 0);
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:0db8:0001:0002:ffff:1234:5678:9abc'), 0)).toBe(a);
    expect(clientAddress(request('2001:db8:1:3::1'), 0)).not.toBe(a);
  });

  it('counts IPv4 as it is, an IPv4-mapped peer as its IPv4', () => {
    expect(clientAddress(request('203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:127.0.0.2'), 0)).toBe('127.0.0.2');
  });

  it('behind trusted proxies, takes the address the outermost saw, by its /64 too', () => {
    expect(clientAddress(request('10.0.0.1', 'spoofed, 2001:db8:9:9:1::2'), 1)).toBe('2001:db8:9:9::/64');
    expect(clientAddress(request('10.0.0.1', '198.51.100.4'), 1)).toBe('198.51.100.4');
  });
});
