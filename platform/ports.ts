// The ports the hub's processes listen on: each one's default and the variable that moves it.
// The list of them is what a webhook may never reach on this machine (notifications/destination.ts).
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraph.js';

export const DEFAULT_PORTS: Readonly<Record<'gateway' | 'admin' | SubgraphName, number>> = {
  gateway: 4000,
  enterprises: 4001,
  evidence: 4002,
  cases: 4003,
  finance: 4004,
  notifications: 4005,
  admin: 4100,
};

/** The variable a listener's port is set by: PORT for the gateway, IPHUB_ADMIN_PORT, IPHUB_<NAME>_PORT. */
const VARIABLES = ['PORT', 'IPHUB_ADMIN_PORT', ...SUBGRAPH_NAMES.map((n) => `IPHUB_${n.toUpperCase()}_PORT`)];

/** Every port the hub's listeners may be on: each default, and each one the environment sets. */
export function hubPorts(env: Record<string, string | undefined>): number[] {
  const set = VARIABLES.map((k) => Number(env[k])).filter((p) => Number.isInteger(p) && p > 0);
  return [...Object.values(DEFAULT_PORTS), ...set];
}
