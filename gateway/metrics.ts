// The gateway's own Prometheus metrics: what it refused and why, rate limiting, admission
// (operations running and waiting), its caches, and the fetches it sent to each subgraph. The
// event loop's delay is among prom-client's default metrics (nodejs_eventloop_lag_*, measured
// with perf_hooks.monitorEventLoopDelay).
import { Counter, Gauge, type Registry } from 'prom-client';

import type { Admission } from './limits/admission.js';

export interface GatewayMetrics {
  /** A request refused before it ran: by limit, rate, capacity or time. */
  refused(reason: string): void;
  /** A request refused by a rate limit, by whom it was charged to. */
  rateLimited(subject: 'key' | 'account' | 'address' | 'authentication'): void;
  fetched(subgraph: string): void;
}

export function gatewayMetrics(registry: Registry, admission: Admission, caches: Record<string, { readonly size: number }>): GatewayMetrics {
  const refusals = new Counter({
    name: 'iphub_gateway_refusals_total',
    help: 'Requests refused before or while running, by reason (extensions.code)',
    labelNames: ['reason'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'iphub_gateway_rate_limited_total',
    help: 'Requests refused by a rate limit, by what was counted',
    labelNames: ['subject'],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'iphub_gateway_subgraph_fetches_total',
    help: 'Fetches the gateway sent to each subgraph',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  new Gauge({
    name: 'iphub_gateway_in_flight',
    help: 'Operations running now',
    registers: [registry],
    collect() {
      this.set(admission.running);
    },
  });
  new Gauge({
    name: 'iphub_gateway_queue_depth',
    help: 'Operations waiting for a slot now',
    registers: [registry],
    collect() {
      this.set(admission.queued);
    },
  });
  new Gauge({
    name: 'iphub_gateway_cache_bytes',
    help: "Approximate bytes held by each of the gateway's caches",
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      for (const [cache, c] of Object.entries(caches)) this.set({ cache }, c.size);
    },
  });
  return {
    refused: (reason) => refusals.inc({ reason }),
    rateLimited: (subject) => limited.inc({ subject }),
    fetched: (subgraph) => fetches.inc({ subgraph }),
  };
}
