// What the gateway knows of a request while it runs: who calls, what they may spend, and the
// signal that stops the operation's work when it runs out of time.
import type { Identity, RateLimitState } from '../platform/identity.js';
import type { OperationBudget, Tier } from './limits/limits.js';
import type { RateSubject } from './limits/rate-limits.js';

export interface Caller {
  readonly tier: Tier;
  readonly budget: OperationBudget;
  /** Who is charged for the operation; absent for the hub's own service queries. */
  readonly rate?: RateSubject;
}

export interface GatewayContext {
  readonly identity: Identity | undefined;
  readonly caller: Caller;
  /** Aborted when the operation runs out of time: no further subgraph fetch starts. */
  readonly execution: AbortController;
  /** The caller's rate budget once this operation is charged (limits plugin); told in headers and `viewer`. */
  rateLimit?: RateLimitState;
}

/** The identity a subgraph is given for this request: the caller's, with its rate budget when the gateway charged it. */
export const subgraphIdentity = (context: Pick<GatewayContext, 'identity' | 'rateLimit'>): Identity | undefined =>
  context.identity === undefined || context.rateLimit === undefined ? context.identity : { ...context.identity, rateLimit: context.rateLimit };
