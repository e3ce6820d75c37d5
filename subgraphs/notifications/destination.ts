// Where a webhook may be sent. A partner's URL names a host; the hub resolves it, checks every
// address it resolves to, and connects to the address it checked (no second lookup a DNS answer
// could change in between). Never: the unspecified address, link-local (and with it the cloud
// metadata services, 169.254.169.254, Alibaba Cloud's 100.100.100.200, AWS's fd00:ec2::254),
// multicast and broadcast, reserved and transition ranges, and the hub's own listeners on this
// machine. Loopback and private ranges (RFC 1918, carrier-grade NAT, unique local IPv6) only when
// IPHUB_WEBHOOK_ALLOWED_NETWORKS names them: a centre on an isolated network lists its partners'.
import { lookup as dnsLookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';

import ipaddr from 'ipaddr.js';

import { hubPorts } from '../../platform/ports.js';

export type Refusal = 'UNRESOLVED' | 'UNSPECIFIED' | 'LINK_LOCAL' | 'METADATA' | 'MULTICAST' | 'RESERVED' | 'HUB_LISTENER' | 'LOOPBACK' | 'PRIVATE';

const WHY: Record<Refusal, string> = {
  UNRESOLVED: 'its host does not resolve',
  UNSPECIFIED: 'it names the unspecified address',
  LINK_LOCAL: 'it is a link-local address',
  METADATA: "it is a cloud provider's metadata service",
  MULTICAST: 'it is a multicast or broadcast address',
  RESERVED: 'it is in a reserved or transition range',
  HUB_LISTENER: "it is one of the hub's own listeners",
  LOOPBACK: 'it is a loopback address, not in IPHUB_WEBHOOK_ALLOWED_NETWORKS',
  PRIVATE: 'it is a private address, not in IPHUB_WEBHOOK_ALLOWED_NETWORKS',
};

/** A destination the policy refuses: `reason` is the stable name, the message says why in words. */
export class WebhookUrlRefused extends Error {
  constructor(
    readonly reason: Refusal,
    readonly address: string | undefined,
  ) {
    super(`webhooks are not sent there: ${WHY[reason]}${address === undefined ? '' : ` (${address})`}`);
  }
}

const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

export interface DestinationPolicy {
  /** Loopback and private networks webhooks may reach (IPHUB_WEBHOOK_ALLOWED_NETWORKS). */
  readonly allowed: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
  /** The ports the hub's processes listen on, on this machine. */
  hubPorts(): ReadonlySet<number>;
  /** This machine's own addresses. */
  localAddresses(): ReadonlySet<string>;
}

/** An address as the policy reads it: an IPv4-mapped IPv6 address as its IPv4. */
function normal(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** Why `address`:`port` is refused, or undefined when a webhook may be sent there. */
export function addressRefusal(address: string, port: number, policy: DestinationPolicy): Refusal | undefined {
  if (!ipaddr.isValid(address)) return 'UNRESOLVED';
  const ip = normal(address);
  const text = ip.toString();
  if (METADATA.has(text)) return 'METADATA';
  const range = ip.range();
  if (range === 'unspecified') return 'UNSPECIFIED';
  if (range === 'linkLocal') return 'LINK_LOCAL';
  if (range === 'multicast' || range === 'broadcast') return 'MULTICAST';
  if (range === 'loopback' || policy.localAddresses().has(text)) {
    if (policy.hubPorts().has(port)) return 'HUB_LISTENER';
  }
  const allowed = policy.allowed.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
  if (range === 'loopback') return allowed ? undefined : 'LOOPBACK';
  if (range === 'private' || range === 'carrierGradeNat' || range === 'uniqueLocal') return allowed ? undefined : 'PRIVATE';
  if (range === 'unicast' || range === 'ipv4Mapped') return undefined;
  // reserved, benchmarking, 6to4, Teredo, NAT64 and the like: addresses a partner's endpoint does not have.
  return 'RESERVED';
}

/** The default port of a webhook URL's scheme. */
export const portOf = (url: URL): number => (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

export type Lookup = (host: string) => Promise<readonly { address: string; family: number }[]>;
const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * The address a webhook to `url` connects to: its host's, every one checked, the first taken.
 * Throws WebhookUrlRefused when the host does not resolve or any address is refused (a name that
 * also resolves inward is refused whole, not tried address by address).
 */
export async function resolveDestination(url: URL, policy: DestinationPolicy, lookup: Lookup = systemLookup): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let found: readonly { address: string; family: number }[];
  if (ipaddr.isValid(host)) found = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 }];
  else {
    try {
      found = await lookup(host);
    } catch {
      throw new WebhookUrlRefused('UNRESOLVED', undefined);
    }
  }
  if (found.length === 0) throw new WebhookUrlRefused('UNRESOLVED', undefined);
  const port = portOf(url);
  for (const { address } of found) {
    const refusal = addressRefusal(address, port, policy);
    if (refusal !== undefined) throw new WebhookUrlRefused(refusal, address);
  }
  const first = found[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function machineAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces()))
    for (const i of list ?? []) if (ipaddr.isValid(i.address.split('%')[0]!)) out.add(normal(i.address.split('%')[0]!).toString());
  return out;
}

/**
 * IPHUB_WEBHOOK_ALLOWED_NETWORKS: CIDRs, comma-separated (`10.20.0.0/16,fd12::/64`); throws,
 * naming the entry, for one that is not. `ownPorts` adds the ports this process listens on.
 */
export function destinationPolicyFromEnv(env: Record<string, string | undefined>, ownPorts: () => ReadonlySet<number> = () => new Set()): DestinationPolicy {
  const allowed = (env.IPHUB_WEBHOOK_ALLOWED_NETWORKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(`IPHUB_WEBHOOK_ALLOWED_NETWORKS: ${JSON.stringify(cidr)} is not a network such as 10.20.0.0/16 or fd12::/64`);
      }
    });
  const configured = hubPorts(env);
  let addresses: Set<string> | undefined;
  return {
    allowed,
    hubPorts: () => new Set([...configured, ...ownPorts()]),
    localAddresses: () => (addresses ??= machineAddresses()),
  };
}
