// The address a request came from, for per-address rate limits: the socket's peer, or, behind
// `trustedProxies` proxies of the centre's own, the address the outermost of them saw. An IPv6
// client is counted by its /64: one subscriber is given a /64 at least (RFC 6177) and may use
// any address in it, so counting single addresses would let it rotate past every limit.
import type { IncomingMessage } from 'node:http';

import ipaddr from 'ipaddr.js';

export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = normalize(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  // Each trusted proxy appended the address it saw; the ones before them are the client's to write.
  return normalize(hops.at(-trustedProxies) ?? hops[0] ?? peer);
}

/** An IPv4 address as itself (`::ffff:127.0.0.2` as 127.0.0.2), an IPv6 one as its /64; anything else as given. */
function normalize(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
