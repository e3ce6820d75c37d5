// The gateway's own Prometheus metrics: what it refused and why, rate limiting, admission
// (operations running and waiting), its caches, and the fetches it sent to each subgraph. The
// event loop's delay is among prom-client's default metrics (nodejs_eventloop_lag_*, measured
// with perf_hooks.monitorEventLoopDelay).
import type { Registry } from 'prom-client';

import { counter, sampledGauge } from '../platform/metrics.js';
import type { Admission } from './limits/admission.js';

export interface GatewayMetrics {
  /** A request refused before it ran: by limit, rate, capacity or time. */
  refused(reason: string): void;
  /** A request refused by a rate limit, by whom it was charged to. */
  rateLimited(subject: 'key' | 'account' | 'address' | 'authentication'): void;
  fetched(subgraph: string): void;
}

export function gatewayMetrics(registry: Registry, admission: Admission, caches: Record<string, { readonly size: number }>): GatewayMetrics {
  const refusals = counter(registry, 'iphub_gateway_refusals_total', 'Requests refused before or while running, by reason (extensions.code)', ['reason']);
  const limited = counter(registry, 'iphub_gateway_rate_limited_total', 'Requests refused by a rate limit, by what was counted', ['subject']);
  const fetches = counter(registry, 'iphub_gateway_subgraph_fetches_total', 'Fetches the gateway sent to each subgraph', ['subgraph']);
  sampledGauge(registry, 'iphub_gateway_in_flight', 'Operations running now', (set) => set(admission.running));
  sampledGauge(registry, 'iphub_gateway_queue_depth', 'Operations waiting for a slot now', (set) => set(admission.queued));
  sampledGauge(
    registry,
    'iphub_gateway_cache_bytes',
    "Approximate bytes held by each of the gateway's caches",
    (set) => {
      for (const [cache, c] of Object.entries(caches)) set(c.size, { cache });
    },
    ['cache'],
  );
  return {
    refused: (reason) => refusals.inc({ reason }),
    rateLimited: (subject) => limited.inc({ subject }),
    fetched: (subgraph) => fetches.inc({ subgraph }),
  };
}
