// Gateway benchmark: the same query mix and concurrency against three stacks, each in its own
// process, one after another, on one seeded data directory. One JSON line per figure.
//   npm run bench -- gateway [--seconds 5] [--rounds 5] [--clients 32] [--enterprises 300]
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { seedDemo } from '../demo/index.js';
import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { openLedgerOn, openStorage } from '../platform/storage.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';
import { percentile } from './stats.js';
import { startTarget, stopTarget } from './target.js';

const MODES = ['embedded', 'http', 'stock'] as const;
const log = (msg: string): void => console.error(`[bench gateway] ${msg}`);

const PAGE = `query Page($after: String) { enterprises(first: 10, after: $after) { edges { node { name uscc patents { edges { node { applicationNumber annualFeeDue } } } evidence { title receipt { seq timestamp } } } } pageInfo { endCursor } } }`;
const DEPOSIT = `mutation Deposit($d: String!) { depositEvidence(input: { contentDigest: $d, title: "bench", category: OTHER }) { id receipt { seq } } }`;
// The digest has one deposit: asking for one keeps the estimate (and the anonymous address's rate
// budget, 60,000 points a minute) to the work done; the default page of 20 is costed 41 and spent
// that budget within a round, so that a share of the embedded stack's answers were cheap 429s.
const VERIFY = `query Verify($d: String!) { verifyEvidence(contentDigest: $d) { found deposits(first: 1) { seq inclusionProof { treeSize hashes } } checkpoint } }`;

interface Keys {
  staff: string;
  enterprise: string;
}

/** `clients` loops sending the mix (page, deposit, verify) for `seconds`; latencies in ms. */
async function load(url: string, keys: Keys, clients: number, seconds: number, knownDigest: string) {
  const ms: number[] = [];
  let errors = 0;
  /** Errors by their code (or message), to say what they were. */
  const codes = new Map<string, number>();
  let sequence = 0;
  const deadline = performance.now() + seconds * 1000;
  // node:http with keep-alive: lighter than fetch, so the load generator is not the limit.
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(url);
  const post = (query: string, variables: object, key?: string) =>
    new Promise<void>((resolve, reject) => {
      const t = performance.now();
      const body = JSON.stringify({ query, variables });
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            ms.push(performance.now() - t);
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errors?: { message: string; extensions?: { code?: string } }[] };
            if (answer.errors !== undefined) {
              errors++;
              const code = answer.errors[0]?.extensions?.code ?? answer.errors[0]?.message ?? '?';
              codes.set(code, (codes.get(code) ?? 0) + 1);
            }
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        if (n % 3 === 0) await post(PAGE, {}, keys.staff);
        else if (n % 3 === 1) await post(DEPOSIT, { d: createHash('sha256').update(`bench ${process.pid} ${n}`).digest('hex') }, keys.enterprise);
        else await post(VERIFY, { d: knownDigest });
      }
    }),
  );
  agent.destroy();
  return { ms, errors, codes };
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '5' },
      clients: { type: 'string', default: '32' },
      enterprises: { type: 'string', default: '300' },
    },
  });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const clients = Number(values.clients);
  const dir = tempDir('iphub-bench-gateway-');
  try {
    log(`seeding ${values.enterprises} enterprises in ${dir.path}`);
    const storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
    const ledger = await openLedgerOn(storage, {});
    const keyStore = openKeyStore(storage);
    const demo = await seedDemo(storage, ledger, keyStore, { enterprises: Number(values.enterprises) });
    if (demo === undefined) throw new Error('seeding found data already');
    const knownDigest = (await ledger.entry(0))!.contentDigest;
    // One partner sends a third of the load at full speed: its key carries a budget to match
    // (the role's default budget is spent in seconds at this rate, and this bench measures speed).
    const staff = (await createKey(keyStore, { role: 'CENTER_STAFF', rate: 1_000_000_000 })).key;
    await keyStore.close();
    await ledger.close();
    const keys = { staff, enterprise: demo.ENTERPRISE };

    // Rounds alternate the stacks, so that drift on this noisy machine hits all three alike;
    // each figure is the median round (rps) or taken over every request of every round (ms).
    const results = new Map<string, { rps: number[]; ms: number[]; errors: number; codes: Map<string, number> }>(
      MODES.map((m) => [m, { rps: [], ms: [], errors: 0, codes: new Map() }]),
    );
    for (let round = 1; round <= rounds; round++) {
      for (const mode of MODES) {
        const { child, url } = await startTarget(mode, dir.path);
        try {
          await load(url, keys, clients, Math.min(2, seconds), knownDigest);
          log(`round ${round}/${rounds}, ${mode}: ${clients} clients for ${seconds} s`);
          const r = await load(url, keys, clients, seconds, knownDigest);
          const acc = results.get(mode)!;
          acc.rps.push(r.ms.length / seconds);
          acc.ms.push(...r.ms);
          acc.errors += r.errors;
          for (const [code, n] of r.codes) acc.codes.set(code, (acc.codes.get(code) ?? 0) + n);
        } finally {
          await stopTarget(child);
        }
      }
    }
    for (const [mode, r] of results) {
      if (r.errors > 0) log(`${mode}: ${r.errors} responses carried errors: ${JSON.stringify(Object.fromEntries(r.codes))}`);
      const extra = { clients, rounds, seconds, requests: r.ms.length, errors: r.errors, mix: 'page+deposit+verify' };
      emit(`gateway.${mode}.rps`, Math.round(median(r.rps)), 'requests/s', extra);
      emit(`gateway.${mode}.p50`, percentile(r.ms, 0.5), 'ms', extra);
      emit(`gateway.${mode}.p99`, percentile(r.ms, 0.99), 'ms', extra);
    }
    const rps = (mode: string) => median(results.get(mode)!.rps);
    emit('gateway.embedded_over_stock', Number((rps('embedded') / rps('stock')).toFixed(2)), 'ratio', { target: 3 });
  } finally {
    dir.remove();
  }
}
