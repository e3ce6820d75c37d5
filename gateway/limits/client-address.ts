// The address a request came from, for per-address rate limits: the socket's peer, or, behind
// `trustedProxies` proxies of the centre's own, the address the outermost of them saw.
import type { IncomingMessage } from 'node:http';

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

/** An IPv4 address seen by an IPv6 socket (`::ffff:127.0.0.2`) as plain IPv4. */
const normalize = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
