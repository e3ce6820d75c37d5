// Prometheus metrics (prom-client) for a hub process: GraphQL requests per operation, errors per
// code, and the ledger's size, append latency and checkpoint age where the process holds it.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Ledger } from '../ledger/index.js';
import type { Route } from './http.js';

export function createMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** A counter on `registry`, by the labels named. */
export function counter<L extends string = never>(registry: Registry, name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** A gauge on `registry` read when it is scraped: `read` sets it (by the labels named). */
export function sampledGauge<L extends string = never>(
  registry: Registry,
  name: string,
  help: string,
  read: (set: (value: number, labels?: Partial<Record<L, string>>) => void) => void,
  labelNames: readonly L[] = [],
): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      read((value, labels) => (labels === undefined ? this.set(value) : this.set(labels, value)));
    },
  });
}

/**
 * The label an operation is counted under: its name when it is one of `known` (the hub's own
 * clients'; a gateway's fetch to a subgraph by the name it came with), `anonymous` without a
 * name, `other` for any other: callers choose names, and each label value is a series kept for
 * the life of the process.
 */
export function operationLabel(name: string | null | undefined, known: ReadonlySet<string>): string {
  if (name === null || name === undefined) return 'anonymous';
  const asked = name.replace(/__\w+__\d+$/, '');
  return known.has(asked) ? asked : 'other';
}

/** An Apollo Server plugin counting requests and errors, and timing requests, per operation (operationLabel). */
export function graphqlMetrics<C extends BaseContext>(registry: Registry, known: ReadonlySet<string> = new Set()): ApolloServerPlugin<C> {
  const requests = counter(registry, 'iphub_graphql_requests_total', 'GraphQL requests, by operation', ['operation']);
  const errors = counter(registry, 'iphub_graphql_errors_total', 'GraphQL errors in responses, by extensions.code', ['code']);
  const latency = new Histogram({
    name: 'iphub_graphql_request_duration_seconds',
    help: 'GraphQL request latency, by operation',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = latency.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = operationLabel(operationName, known);
          requests.inc({ operation });
          stop({ operation });
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          for (const e of body?.errors ?? []) errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

const timestampAge = (at: number, now = Date.now()): number => (at === 0 ? Infinity : Math.max(0, (now - at) / 1000));

/** What the admin /readyz adds about the ledger: how old its trusted time is, when timestamp authorities are configured. */
export function ledgerReadyNotes(ledger: Ledger): string[] {
  const stats = ledger.stats();
  if (!stats.timestamping) return [];
  const failed = stats.timestampFailures === 0 ? '' : `; ${stats.timestampFailures} request(s) failed since start`;
  return stats.lastTimestampAt === 0
    ? [`ledger timestamps: no token yet${failed}`]
    : [
        `ledger timestamps: newest token ${Math.round(timestampAge(stats.lastTimestampAt))} s old (genTime ${new Date(stats.lastTimestampAt).toISOString()})${failed}`,
      ];
}

/** The ledger's size, checkpoint age and trusted time's age as gauges, and its appends timed. */
export function ledgerMetrics(registry: Registry, ledger: Ledger): Ledger {
  sampledGauge(registry, 'iphub_ledger_size', 'Entries in the ledger', (set) => set(ledger.stats().size));
  sampledGauge(registry, 'iphub_ledger_checkpoint_size', 'Entries covered by the latest signed checkpoint', (set) => set(ledger.stats().checkpointSize));
  sampledGauge(registry, 'iphub_ledger_checkpoint_age_seconds', 'Seconds since this process last signed a checkpoint', (set) => {
    const at = ledger.stats().lastCheckpointAt;
    set(at === 0 ? 0 : (Date.now() - at) / 1000);
  });
  if (ledger.stats().timestamping) {
    // +Inf until the first token: an alert on the age fires while no TSA has answered.
    sampledGauge(registry, 'iphub_ledger_timestamp_age_seconds', 'Seconds since the genTime of the newest RFC 3161 token over a checkpoint', (set) =>
      set(timestampAge(ledger.stats().lastTimestampAt)),
    );
    sampledGauge(registry, 'iphub_ledger_timestamp_failures', 'Requests to timestamp authorities that failed since the process started', (set) =>
      set(ledger.stats().timestampFailures),
    );
  }
  const appends = new Histogram({
    name: 'iphub_ledger_append_duration_seconds',
    help: 'Time from append to durable receipt',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return new Proxy(ledger, {
    get(target, key) {
      if (key !== 'append') {
        // Bound to the ledger itself: its methods use private fields.
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return async (input: Parameters<Ledger['append']>[0]) => {
        const stop = appends.startTimer();
        try {
          return await target.append(input);
        } finally {
          stop();
        }
      };
    },
  });
}

export function metricsRoute(registry: Registry): Route {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  };
}
