// Load benchmark: 200 well-behaved clients (closed loop, no think time) on the demo data,
// first alone, then while one attacker floods the hub with operations it must refuse. The hub
// runs embedded in its own process, so that it does not share an event loop with the load.
//   npm run bench -- load [--seconds 60] [--clients 200] [--enterprises 1200] [--warmup 5] [--attackers 16]
//                         [--attack cycle,aliases,introspection]
// The mix (of --clients): 1/2 anonymous verifyEvidence from 50 source addresses; 1/4 a partner's
// cross-subgraph enterprise page on 10 CENTER_STAFF keys; 1/8 a bank's pledge page on 5 BANK
// keys; 1/8 depositEvidence on 5 ENTERPRISE keys. IPHUB_LIMITS reaches the hub untouched.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, type OutgoingHttpHeaders, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { getIntrospectionQuery } from 'graphql';

import { DEMO_BANK, seedDemo } from '../demo/index.js';
import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { closeStorage, openLedgerOn, openStorage } from '../platform/storage.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';
import { max, percentile } from './stats.js';
import { eventLoopMax, startTarget, stopTarget } from './target.js';

const log = (msg: string): void => console.error(`[bench load] ${msg}`);

// Source addresses: each anonymous verifier population and each partner system comes from its
// own loopback address, as courts and partner systems do; the attacker from one of its own.
const ANONYMOUS_ADDRESSES = Array.from({ length: 50 }, (_, i) => `127.0.0.${2 + i}`);
const partnerAddress = (i: number): string => `127.0.0.${101 + i}`;
const ATTACKER_ADDRESS = '127.0.0.200';
const STAFF_KEYS = 10;
const BANK_KEYS = 5;
const ENTERPRISE_KEYS = 5;
/** A request that takes this long counts as failed (a well-behaved client would give up). */
const TIMEOUT_MS = 30_000;

const VERIFY = `query Verify($d: String!) { verifyEvidence(contentDigest: $d) { found deposits { seq timestamp depositor inclusionProof { treeSize hashes } } checkpoint } }`;
// As bench/gateway.ts's PAGE, plus the finance subgraph's pledges: four subgraphs per page.
const PAGE = `query Page($after: String) { enterprises(first: 10, after: $after) { edges { node { name uscc patents { edges { node { applicationNumber annualFeeDue } } } evidence { title receipt { seq timestamp } } pledges { registrationNumber state securedAmount } } } pageInfo { hasNextPage endCursor } } }`;
const PLEDGES = `{ pledges(first: 20) { edges { node { registrationNumber state securedAmount collateral { kind id patent { title } } pledgor { name } } } } }`;
const DEPOSIT = `mutation Deposit($d: String!) { depositEvidence(input: { contentDigest: $d, title: "bench load", category: OTHER }) { id receipt { seq } } }`;

// The attacker's operations. A cycle through two subgraphs (Enterprise.evidence ->
// Evidence.depositor -> Enterprise ...), 12 turns deep; anonymous, so refused in any case.
// Also 3000 aliases of one public field, and the full introspection query. --attack picks some
// (to see which one hurts).
const ATTACKS: Record<string, string> = {
  cycle: `{ enterprises(first: 100) { edges { node { ${'evidence { title depositor { name '.repeat(12)}id${' } }'.repeat(12)} } } } }`,
  aliases: `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: ledgerCheckpoint`).join(' ')} }`,
  introspection: getIntrospectionQuery(),
};

type ClassName = 'verify' | 'page' | 'pledges' | 'deposit';
const CLASSES: readonly ClassName[] = ['verify', 'page', 'pledges', 'deposit'];

/** A well-behaved client: what it sends next, and (for the page walker) what it learns. */
interface Client {
  readonly cls: ClassName;
  readonly agent: Agent;
  readonly headers: OutgoingHttpHeaders;
  body(): Buffer;
  saw?(data: unknown): void;
}

interface Target {
  readonly port: number;
  /** Where its metrics are (the event loop's delay). */
  readonly adminUrl?: string;
  readonly path: string;
}

interface Answer {
  /** 0: no HTTP answer (`error` says why). */
  readonly status: number;
  readonly text: string;
  readonly error?: string;
}

const json = (query: string, variables?: object): Buffer => Buffer.from(JSON.stringify(variables === undefined ? { query } : { query, variables }));

/** POSTs a body; never rejects. `keep`: collect the response text (the attacker's is thrown away). */
function post(target: Target, agent: Agent, headers: OutgoingHttpHeaders, body: Buffer, keep: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    // The hub listens on 0.0.0.0; 127.0.0.1 explicitly, so the bound source addresses route.
    const req = request(
      { agent, host: '127.0.0.1', port: target.port, path: target.path, method: 'POST', headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        if (keep) res.on('data', (c: Buffer) => chunks.push(c));
        else res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: keep ? Buffer.concat(chunks).toString('utf8') : '' }));
        res.on('error', (err) => resolve({ status: 0, text: '', error: err.message }));
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, text: '', error: err.message }));
    req.end(body);
  });
}

/** What one phase saw of the well-behaved clients. */
class Tally {
  readonly ms: number[] = [];
  readonly byClass = new Map<ClassName, number[]>(CLASSES.map((c) => [c, []]));
  readonly failures = { network: 0, http: 0, graphql: 0 };
  readonly statuses: Record<string, number> = {};
  /** A few distinct failure messages, to say what went wrong. */
  readonly samples = new Set<string>();

  record(client: Client, ms: number, a: Answer): void {
    this.ms.push(ms);
    this.byClass.get(client.cls)!.push(ms);
    this.statuses[a.status] = (this.statuses[a.status] ?? 0) + 1;
    if (a.status === 0) return this.fail('network', `${client.cls}: ${a.error}`);
    if (a.status !== 200) return this.fail('http', `${client.cls}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
    let body: { data?: unknown; errors?: { message?: string }[] };
    try {
      body = JSON.parse(a.text) as typeof body;
    } catch {
      return this.fail('graphql', `${client.cls}: not JSON: ${a.text.slice(0, 200)}`);
    }
    if (body.errors !== undefined) return this.fail('graphql', `${client.cls}: ${body.errors[0]?.message}`);
    client.saw?.(body.data);
  }

  fail(kind: keyof Tally['failures'], sample: string): void {
    this.failures[kind]++;
    if (this.samples.size < 5) this.samples.add(sample);
  }

  get errors(): number {
    return this.failures.network + this.failures.http + this.failures.graphql;
  }
}

/** The attacker's answers, by operation and HTTP status ("0": no HTTP answer). */
class AttackTally {
  requests = 0;
  readonly ms: number[] = [];
  readonly statuses: Record<string, number> = {};
  readonly byOperation = new Map<string, { ms: number[]; statuses: Record<string, number> }>();

  record(operation: string, ms: number, a: Answer): void {
    this.requests++;
    this.ms.push(ms);
    const status = String(a.status);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    let op = this.byOperation.get(operation);
    if (op === undefined) this.byOperation.set(operation, (op = { ms: [], statuses: {} }));
    op.ms.push(ms);
    op.statuses[status] = (op.statuses[status] ?? 0) + 1;
  }

  /** Per operation: how many, their statuses, and how long the hub took over them. */
  summary(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.byOperation].map(([name, op]) => [name, { requests: op.ms.length, statuses: op.statuses, p50: percentile(op.ms, 0.5), max: max(op.ms) }]),
    );
  }
}

interface Seeded {
  readonly staff: string[];
  readonly bank: string[];
  readonly enterprise: string[];
  /** Digests of demo deposits, for verifyEvidence. */
  readonly digests: string[];
}

/** Seeds the demo into `dir` and makes the partner keys the clients use. */
async function seed(dir: string, enterprises: number): Promise<Seeded> {
  const storage = await openStorage({ IPHUB_DATA_DIR: dir });
  const ledger = await openLedgerOn(storage, {});
  const keyStore = openKeyStore(storage);
  try {
    const demo = await seedDemo(storage, ledger, keyStore, { enterprises });
    if (demo === undefined) throw new Error('seeding found data already');
    // Digests spread over the ledger; the demo's deposits come first, cases and pledges after.
    const digests: string[] = [];
    const size = ledger.stats().size;
    for (let i = 0; i < 32; i++) {
      const entry = await ledger.entry(Math.floor((i * size) / 32));
      if (entry?.kind === 'EVIDENCE_DEPOSIT' && !digests.includes(entry.contentDigest)) digests.push(entry.contentDigest);
    }
    if (digests.length === 0) digests.push((await ledger.entry(0))!.contentDigest);
    // ENTERPRISE keys for the demo enterprise and the next ones by id.
    const store = await openEnterprisesStore(storage);
    const firstIds = (await store.enterprises.page({}, { order: 'ID', after: undefined }, ENTERPRISE_KEYS)).map((e) => e.id);
    await store.close();
    const ids = [demo.enterpriseId, ...firstIds.filter((id) => id !== demo.enterpriseId)];
    const keys = async (n: number, spec: (i: number) => Parameters<typeof createKey>[1]) => {
      const made: string[] = [];
      for (let i = 0; i < n; i++) made.push((await createKey(keyStore, spec(i))).key);
      return made;
    };
    return {
      staff: await keys(STAFF_KEYS, () => ({ role: 'CENTER_STAFF' })),
      bank: await keys(BANK_KEYS, () => ({ role: 'BANK', organization: DEMO_BANK })),
      enterprise: await keys(ENTERPRISE_KEYS, (i) => ({ role: 'ENTERPRISE', enterpriseId: ids[i % ids.length]! })),
      digests,
    };
  } finally {
    await keyStore.close();
    await ledger.close();
    await closeStorage(storage);
  }
}

/** The well-behaved clients, `total` in the mix's proportions. Agents: one per address / key. */
function makeClients(total: number, seeded: Seeded): { clients: Client[]; agents: Agent[] } {
  const agents: Agent[] = [];
  const agentFor = (localAddress: string, sockets: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: Math.max(1, sockets), localAddress });
    agents.push(agent);
    return agent;
  };
  const counts: Record<ClassName, number> = { verify: Math.round(total / 2), page: Math.round(total / 4), pledges: Math.round(total / 8), deposit: 0 };
  counts.deposit = Math.max(0, total - counts.verify - counts.page - counts.pledges);
  // Clients i, i + n, i + 2n ... share the group's i-th address or key.
  const share = (clients: number, groups: number, i: number) => Math.ceil((clients - i) / groups);
  const base = { 'content-type': 'application/json' };
  const bearer = (key: string) => ({ ...base, authorization: `Bearer ${key}` });
  const clients: Client[] = [];

  // Pre-serialized: the verifier bodies (one per digest) and the bank's page.
  const verifyBodies = seeded.digests.map((d) => json(VERIFY, { d }));
  const anonymous = ANONYMOUS_ADDRESSES.map((a, i) => agentFor(a, share(counts.verify, ANONYMOUS_ADDRESSES.length, i)));
  for (let i = 0; i < counts.verify; i++) {
    let n = i;
    clients.push({ cls: 'verify', agent: anonymous[i % anonymous.length]!, headers: base, body: () => verifyBodies[n++ % verifyBodies.length]! });
  }

  // Page bodies by cursor, made once: the walkers go round the same 120 pages.
  const pageBodies = new Map<string | null, Buffer>();
  const pageBody = (cursor: string | null) => {
    let body = pageBodies.get(cursor);
    if (body === undefined) pageBodies.set(cursor, (body = json(PAGE, { after: cursor })));
    return body;
  };
  const staff = seeded.staff.map((key, i) => ({ agent: agentFor(partnerAddress(i), share(counts.page, seeded.staff.length, i)), headers: bearer(key) }));
  for (let i = 0; i < counts.page; i++) {
    let cursor: string | null = null;
    clients.push({
      cls: 'page',
      ...staff[i % staff.length]!,
      body: () => pageBody(cursor),
      saw: (data) => {
        // Past the last page, start again at the first.
        const { pageInfo } = (data as { enterprises: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).enterprises;
        cursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      },
    });
  }

  const pledgesBody = json(PLEDGES);
  const banks = seeded.bank.map((key, i) => ({
    agent: agentFor(partnerAddress(STAFF_KEYS + i), share(counts.pledges, seeded.bank.length, i)),
    headers: bearer(key),
  }));
  for (let i = 0; i < counts.pledges; i++) clients.push({ cls: 'pledges', ...banks[i % banks.length]!, body: () => pledgesBody });

  // A fresh digest each time: the body around it is made once.
  const [head, tail] = JSON.stringify({ query: DEPOSIT, variables: { d: '@' } }).split('"@"') as [string, string];
  const depositors = seeded.enterprise.map((key, i) => ({
    agent: agentFor(partnerAddress(STAFF_KEYS + BANK_KEYS + i), share(counts.deposit, seeded.enterprise.length, i)),
    headers: bearer(key),
  }));
  for (let i = 0; i < counts.deposit; i++) {
    clients.push({ cls: 'deposit', ...depositors[i % depositors.length]!, body: () => Buffer.from(`${head}"${randomBytes(32).toString('hex')}"${tail}`) });
  }
  return { clients, agents };
}

/** Runs every client (and the attacker, when given) for `seconds`; waits for answers in flight. */
async function phase(
  target: Target,
  clients: readonly Client[],
  seconds: number,
  attacker?: { agent: Agent; connections: number; operations: readonly string[] },
) {
  await eventLoopMax(target.adminUrl);
  const tally = new Tally();
  const attack = new AttackTally();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const deadline = start + seconds * 1000;
  // The clients' rate is over their own time: the attacker's last answers may come later.
  const wellBehaved = Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const a = await post(target, client.agent, client.headers, client.body(), true);
        tally.record(client, performance.now() - t, a);
      }
    }),
  ).then(() => (performance.now() - start) / 1000);
  const loops: Promise<void>[] = [];
  if (attacker !== undefined) {
    // Anonymous, closed loop, as fast as the hub answers: the refused operations in turn.
    const operations = attacker.operations.map((name) => [name, json(ATTACKS[name]!)] as const);
    const headers = { 'content-type': 'application/json' };
    let n = 0;
    for (let c = 0; c < attacker.connections; c++) {
      loops.push(
        (async () => {
          while (performance.now() < deadline) {
            const [operation, body] = operations[n++ % operations.length]!;
            const t = performance.now();
            const a = await post(target, attacker.agent, headers, body, false);
            attack.record(operation, performance.now() - t, a);
          }
        })(),
      );
    }
  }
  const elapsed = await wellBehaved;
  await Promise.all(loops);
  const attackElapsed = (performance.now() - start) / 1000;
  // Cores this process used: the hub shares the machine's two, so the generator must stay light.
  const used = process.cpuUsage(cpu);
  return {
    tally,
    attack,
    elapsed,
    attackElapsed,
    eventLoopMax: await eventLoopMax(target.adminUrl),
    generatorCores: Number(((used.user + used.system) / 1e6 / attackElapsed).toFixed(2)),
  };
}

type Phase = Awaited<ReturnType<typeof phase>>;

/** The figures of one phase, and what goes with them on every line. */
function figures({ tally, elapsed, eventLoopMax, generatorCores }: Phase) {
  const perClass = Object.fromEntries(
    CLASSES.map((c) => {
      const ms = tally.byClass.get(c)!;
      return [c, { requests: ms.length, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99), max: max(ms) }];
    }),
  );
  return {
    rps: Math.round(tally.ms.length / elapsed),
    p50: percentile(tally.ms, 0.5),
    p99: percentile(tally.ms, 0.99),
    max: max(tally.ms),
    errors: tally.errors,
    extra: {
      requests: tally.ms.length,
      status429: tally.statuses['429'] ?? 0,
      status503: tally.statuses['503'] ?? 0,
      failures: tally.failures,
      statuses: tally.statuses,
      perClass,
      eventLoopMax,
      generatorCores,
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '60' },
      clients: { type: 'string', default: '200' },
      enterprises: { type: 'string', default: '1200' },
      warmup: { type: 'string', default: '5' },
      attackers: { type: 'string', default: '16' },
      attack: { type: 'string', default: Object.keys(ATTACKS).join(',') },
    },
  });
  const seconds = Number(values.seconds);
  const total = Number(values.clients);
  const warmup = Number(values.warmup);
  const connections = Number(values.attackers);
  const operations = values.attack.split(',');
  const unknown = operations.filter((o) => !Object.hasOwn(ATTACKS, o));
  if (unknown.length > 0) throw new Error(`unknown --attack ${unknown.join(',')}; known: ${Object.keys(ATTACKS).join(', ')}`);
  const dir = tempDir('iphub-bench-load-');
  let child: ChildProcess | undefined;
  const agents: Agent[] = [];
  try {
    log(`seeding ${values.enterprises} enterprises in ${dir.path}`);
    const seeded = await seed(dir.path, Number(values.enterprises));
    const started = await startTarget('embedded', dir.path);
    child = started.child;
    const url = new URL(started.url);
    const target = { port: Number(url.port), path: url.pathname, adminUrl: started.adminUrl };
    log(
      `hub at ${started.url} (pid ${child.pid}); IPHUB_LIMITS ${process.env.IPHUB_LIMITS === undefined ? 'unset (default limits)' : JSON.stringify(process.env.IPHUB_LIMITS)}`,
    );
    const made = makeClients(total, seeded);
    agents.push(...made.agents);
    const attackerAgent = new Agent({ keepAlive: true, maxSockets: connections, localAddress: ATTACKER_ADDRESS });
    agents.push(attackerAgent);

    const report = (name: string, p: Phase) => {
      const f = figures(p);
      log(
        `${name}: ${f.extra.requests} requests, ${f.rps}/s, p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, ${f.errors} errors; the hub's event loop stalled at most ${p.eventLoopMax} ms; the generator used ${p.generatorCores} cores`,
      );
      for (const c of CLASSES) log(`  ${c}: ${JSON.stringify(f.extra.perClass[c])}`);
      for (const s of p.tally.samples) log(`  failure: ${s}`);
      return f;
    };

    log(`warm-up: ${made.clients.length} clients for ${warmup} s`);
    report('warm-up', await phase(target, made.clients, warmup));
    log(`phase 1, alone: ${made.clients.length} clients for ${seconds} s`);
    const alone = report('alone', await phase(target, made.clients, seconds));
    log(`phase 2, under attack from ${ATTACKER_ADDRESS} (${connections} connections): ${made.clients.length} clients for ${seconds} s`);
    const attacked = await phase(target, made.clients, seconds, { agent: attackerAgent, connections, operations });
    const under = report('under attack', attacked);
    log(
      `attacker: ${attacked.attack.requests} requests, statuses ${JSON.stringify(attacked.attack.statuses)}, by operation ${JSON.stringify(attacked.attack.summary())}`,
    );

    const common = { clients: made.clients.length, seconds, enterprises: Number(values.enterprises), limits: process.env.IPHUB_LIMITS ?? 'default' };
    emit('load.rps', alone.rps, 'requests/s', { ...common, ...alone.extra });
    emit('load.p50', alone.p50, 'ms', { ...common, ...alone.extra });
    emit('load.p99', alone.p99, 'ms', { ...common, target: 1000, ...alone.extra });
    emit('load.max', alone.max, 'ms', { ...common, target: 3000, ...alone.extra });
    emit('load.errors', alone.errors, 'requests', { ...common, target: 0, ...alone.extra });
    emit('load.attack.rps', under.rps, 'requests/s', { ...common, ...under.extra });
    emit('load.attack.p50', under.p50, 'ms', { ...common, ...under.extra });
    emit('load.attack.p99', under.p99, 'ms', { ...common, target: 1000, ...under.extra });
    emit('load.attack.max', under.max, 'ms', { ...common, target: 3000, ...under.extra });
    emit('load.attack.errors', under.errors, 'requests', { ...common, target: 0, ...under.extra });
    emit('load.attack.attacker', attacked.attack.requests, 'requests', {
      address: ATTACKER_ADDRESS,
      connections,
      operations,
      rps: Math.round(attacked.attack.requests / attacked.attackElapsed),
      p50: percentile(attacked.attack.ms, 0.5),
      max: max(attacked.attack.ms),
      statuses: attacked.attack.statuses,
      byOperation: attacked.attack.summary(),
    });
    emit('load.attack.p99_ratio', Number((under.p99 / alone.p99).toFixed(2)), 'ratio', { target: 2, alone: alone.p99, underAttack: under.p99 });
  } finally {
    for (const agent of agents) agent.destroy();
    if (child !== undefined) await stopTarget(child);
    dir.remove();
  }
}
