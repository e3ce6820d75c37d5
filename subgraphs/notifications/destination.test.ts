// Where webhooks may go: each refused range by its reason, the allowed networks, the hub's own
// listeners refused whatever is allowed, and a host refused whole when any address is.
import { describe, expect, it } from 'vitest';

import { addressRefusal, destinationPolicyFromEnv, type Lookup, resolveDestination, WebhookUrlRefused } from './destination.js';

const strict = destinationPolicyFromEnv({});
const isolated = destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, 127.0.0.1/32 ,fd12::/64' });

describe('webhook destinations', () => {
  it.each([
    ['169.254.169.254', 'METADATA'],
    ['100.100.100.200', 'METADATA'],
    ['fd00:ec2::254', 'METADATA'],
    ['0.0.0.0', 'UNSPECIFIED'],
    ['::', 'UNSPECIFIED'],
    ['169.254.10.1', 'LINK_LOCAL'],
    ['fe80::1', 'LINK_LOCAL'],
    ['224.0.0.251', 'MULTICAST'],
    ['255.255.255.255', 'MULTICAST'],
    ['ff02::1', 'MULTICAST'],
    ['240.0.0.1', 'RESERVED'],
    ['2002:a00:1::', 'RESERVED'],
    ['127.0.0.1', 'LOOPBACK'],
    ['::1', 'LOOPBACK'],
    ['::ffff:127.0.0.1', 'LOOPBACK'],
    ['10.0.0.5', 'PRIVATE'],
    ['172.16.3.4', 'PRIVATE'],
    ['192.168.1.20', 'PRIVATE'],
    ['100.64.1.1', 'PRIVATE'],
    ['fc00::1', 'PRIVATE'],
    ['::ffff:10.0.0.5', 'PRIVATE'],
  ])('refuses %s as %s', (address, reason) => {
    expect(addressRefusal(address, 8080, strict)).toBe(reason);
  });

  it('sends to public unicast addresses', () => {
    for (const address of ['8.8.8.8', '114.114.114.114', '2400:3200::1', '::ffff:1.2.3.4']) expect(addressRefusal(address, 443, strict)).toBeUndefined();
  });

  it('sends to the loopback and private networks IPHUB_WEBHOOK_ALLOWED_NETWORKS lists, and to no others', () => {
    expect(addressRefusal('10.20.30.40', 8080, isolated)).toBeUndefined();
    expect(addressRefusal('fd12::9', 8080, isolated)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', 8080, isolated)).toBeUndefined();
    expect(addressRefusal('10.21.0.1', 8080, isolated)).toBe('PRIVATE');
    expect(addressRefusal('127.0.0.2', 8080, isolated)).toBe('LOOPBACK');
    // Never allowable, whatever the list says.
    expect(addressRefusal('169.254.169.254', 80, destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '0.0.0.0/0' }))).toBe('METADATA');
  });

  it("refuses the hub's own listeners on this machine, allowed networks or not: the default ports, the configured ones and this process's", () => {
    const policy = destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', PORT: '8000', IPHUB_CASES_PORT: '9003' }, () => new Set([41234]));
    for (const port of [4000, 4005, 4100, 8000, 9003, 41234]) expect(addressRefusal('127.0.0.1', port, policy)).toBe('HUB_LISTENER');
    expect(addressRefusal('127.0.0.1', 8081, policy)).toBeUndefined();
  });

  it('refuses a malformed list at start, naming the entry', () => {
    expect(() => destinationPolicyFromEnv({ IPHUB_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8,intranet' })).toThrow(/"intranet" is not a network/);
  });

  it('resolves a host, refusing it whole when any of its addresses is refused, and names the address', async () => {
    const answers: Record<string, string[]> = { 'partner.example': ['93.184.215.14'], 'split.example': ['93.184.215.15', '10.0.0.1'], 'none.example': [] };
    const lookup: Lookup = async (host) => (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(await resolveDestination(new URL('https://partner.example/hook'), strict, lookup)).toEqual({ address: '93.184.215.14', family: 4 });
    await expect(resolveDestination(new URL('https://split.example/hook'), strict, lookup)).rejects.toMatchObject({ reason: 'PRIVATE', address: '10.0.0.1' });
    await expect(resolveDestination(new URL('https://none.example/hook'), strict, lookup)).rejects.toBeInstanceOf(WebhookUrlRefused);
    await expect(resolveDestination(new URL('http://[::1]:8080/hook'), strict, lookup)).rejects.toMatchObject({ reason: 'LOOPBACK' });
    await expect(resolveDestination(new URL('http://169.254.169.254/latest/meta-data/'), isolated, lookup)).rejects.toThrow(/metadata service/);
  });
});
