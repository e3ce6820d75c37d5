// Notification delivery benchmark: the hub in this process on a fresh data directory, a staff
// key's webhook subscription to a receiver on 127.0.0.1, and events written to a store's outbox
// (as a case move writes them, in its transaction). One JSON line per figure on stdout.
//   npm run bench -- notify [--burst 5000] [--rate 200] [--seconds 10] [--answer-ms 0,20]
// burst: that many events at once, delivered per second. steady: --rate events a second for
// --seconds, the time from the event (its commit) to the receiver's getting it, p50 and p99.
// Each receiver answer time is run side by side: a slower receiver holds the deliverer's slots;
// and each alone and beside a second subscription whose endpoint never answers (every request
// held until the hub's 10 s timeout): the live receiver's p99 beside it over its p99 alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';

import { startHub } from '../gateway/hub.js';
import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import type { Notification } from '../outbox/notification.js';
import { sqliteOutbox } from '../outbox/sqlite.js';
import { secretBox } from '../platform/secret-box.js';
import { closeStorage, openStorage, secretsKey } from '../platform/storage.js';
import { newSubscription } from '../subgraphs/notifications/domain/subscription.js';
import { openSqliteNotificationStore } from '../subgraphs/notifications/store/sqlite.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';
import { percentile } from './stats.js';

const log = (msg: string): void => console.error(`[bench notify] ${msg}`);

interface Receiver {
  readonly url: string;
  /** When each webhook-id first arrived (performance.now()). */
  readonly arrived: Map<string, number>;
  close(): Promise<void>;
}

async function receiver(answerMs: number): Promise<Receiver> {
  const arrived = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const id = String(req.headers['webhook-id']);
    if (!arrived.has(id)) arrived.set(id, performance.now());
    req.resume();
    req.on('end', () => (answerMs > 0 ? setTimeout(() => res.writeHead(204).end(), answerMs) : res.writeHead(204).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrived,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let serial = 0;
const event = (run: string): Notification => ({
  id: `case.moved:bench-${run}-${serial++}`,
  type: 'case.moved',
  occurredAt: new Date().toISOString(),
  subject: `pre_exam_case:${serial}`,
  audience: [{ kind: 'ENTERPRISE', id: 'bench' }],
  data: { to: 'CLASSIFIED' },
});

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error(`not delivered within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** An endpoint that takes every request and never answers. */
async function deadEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The live receiver's steady p99, in ms. */
async function measure(answerMs: number, burst: number, rate: number, seconds: number, withDead: boolean): Promise<number> {
  const dir = tempDir('iphub-bench-notify-');
  const hooks = await receiver(answerMs);
  const dead = withDead ? await deadEndpoint() : undefined;
  const labels = { answer_ms: answerMs, dead_endpoint: withDead };
  try {
    // Sealed with the key the hub will read from the data directory.
    const store = openSqliteNotificationStore(new Database(`${dir.path}/notifications.db`), secretBox(secretsKey({ kind: 'sqlite', dataDir: dir.path }, {})));
    // Its owner a real staff key: a subscription whose owner no longer acts is sent nothing.
    const storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
    const keys = openKeyStore(storage);
    const { id: keyId } = await createKey(keys, { role: 'CENTER_STAFF' });
    await store.createSubscription(newSubscription({ keyId, role: 'CENTER_STAFF' }, { url: hooks.url, eventTypes: [] }));
    if (dead !== undefined) {
      // Another partner's, taking every event too: each event goes to both.
      const { id: deadKeyId } = await createKey(keys, { role: 'CENTER_STAFF' });
      await store.createSubscription(newSubscription({ keyId: deadKeyId, role: 'CENTER_STAFF' }, { url: dead.url, eventTypes: [] }));
    }
    await closeStorage(storage);
    await store.close();
    const hub = await startHub({ port: 0, env: { IPHUB_DATA_DIR: dir.path, IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32' } });
    // The cases store's own database, as the cases subgraph writes it.
    const db = new Database(`${dir.path}/cases.db`);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    const outbox = sqliteOutbox(db, 'cases');
    const write = db.transaction((ns: Notification[]) => outbox.write(ns));
    try {
      // Burst: every event committed at once, then delivered as fast as the deliverer goes.
      const events = Array.from({ length: burst }, () => event(`burst${answerMs}${withDead ? 'd' : ''}`));
      const started = performance.now();
      write(events);
      await until(() => events.every((e) => hooks.arrived.has(e.id)), 300_000);
      const seconds_ = (performance.now() - started) / 1000;
      emit('notify_burst_delivered_per_s', Math.round(burst / seconds_), 'notifications/s', {
        ...labels,
        notifications: burst,
        seconds: Number(seconds_.toFixed(2)),
      });

      // Steady: `rate` events a second, each timed from its commit to its arrival.
      const committed = new Map<string, number>();
      const interval = 1000 / rate;
      const t0 = performance.now();
      for (let i = 0; i < rate * seconds; i++) {
        const due = t0 + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const e = event(`steady${answerMs}${withDead ? 'd' : ''}`);
        write([e]);
        committed.set(e.id, performance.now());
      }
      await until(() => [...committed.keys()].every((id) => hooks.arrived.has(id)), 120_000);
      const latencies = [...committed].map(([id, at]) => hooks.arrived.get(id)! - at);
      const p99 = percentile(latencies, 0.99);
      emit('notify_event_to_delivery_p50', percentile(latencies, 0.5), 'ms', { ...labels, rate_per_s: rate, notifications: latencies.length });
      emit('notify_event_to_delivery_p99', p99, 'ms', { ...labels, rate_per_s: rate, notifications: latencies.length });
      return p99;
    } finally {
      db.close();
      // Its held requests end first, so that the hub's close does not wait out their timeouts.
      await dead?.close();
      await hub.close();
    }
  } finally {
    await hooks.close();
    await dead?.close();
    dir.remove();
  }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      burst: { type: 'string', default: '5000' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' },
      'answer-ms': { type: 'string', default: '0,20' },
    },
  });
  const answers = values['answer-ms'].split(',').map(Number);
  for (const answerMs of answers) {
    log(`receiver answering in ${answerMs} ms: a burst of ${values.burst}, then ${values.rate}/s for ${values.seconds} s; alone, then beside a dead endpoint`);
    const alone = await measure(answerMs, Number(values.burst), Number(values.rate), Number(values.seconds), false);
    const beside = await measure(answerMs, Number(values.burst), Number(values.rate), Number(values.seconds), true);
    // Target (issue 22): at most 2.
    emit('notify_p99_beside_dead_over_alone', Number((beside / alone).toFixed(2)), 'ratio', { answer_ms: answerMs });
  }
}
