// The ports the hub's processes listen on: each one's default and the variable that moves it.
// The list of them is what a webhook may never reach on this machine (notifications/destination.ts).
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraph.js';

export const DEFAULT_PORTS: Readonly<Record<'gateway' | 'internal' | 'admin' | SubgraphName, number>> = {
  gateway: 4000,
  // The gateway's listener for the subgraphs' own queries (distributed mode).
  internal: 4010,
  enterprises: 4001,
  evidence: 4002,
  cases: 4003,
  finance: 4004,
  notifications: 4005,
  admin: 4100,
};

/** A subgraph process's admin listener (its /metrics and detailed /readyz): 4100 and its own port's last digit. */
export const defaultSubgraphAdminPort = (name: SubgraphName): number => DEFAULT_PORTS.admin + (DEFAULT_PORTS[name] % 10);

/** The variable a listener's port is set by: PORT for the gateway, IPHUB_INTERNAL_PORT, IPHUB_ADMIN_PORT, IPHUB_<NAME>_PORT, IPHUB_<NAME>_ADMIN_PORT. */
const VARIABLES = [
  'PORT',
  'IPHUB_INTERNAL_PORT',
  'IPHUB_ADMIN_PORT',
  ...SUBGRAPH_NAMES.flatMap((n) => [`IPHUB_${n.toUpperCase()}_PORT`, `IPHUB_${n.toUpperCase()}_ADMIN_PORT`]),
];

/** Every port the hub's listeners may be on: each default, and each one the environment sets. */
export function hubPorts(env: Record<string, string | undefined>): number[] {
  const set = VARIABLES.map((k) => Number(env[k])).filter((p) => Number.isInteger(p) && p > 0);
  return [...Object.values(DEFAULT_PORTS), ...SUBGRAPH_NAMES.map(defaultSubgraphAdminPort), ...set];
}

/** The port `variable` sets, or `fallback`; refuses anything but a port number. */
export function portFrom(env: Record<string, string | undefined>, variable: string, fallback: number): number {
  const given = env[variable];
  if (given === undefined || given === '') return fallback;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${variable} must be a port number; got ${JSON.stringify(given)}`);
  return port;
}
