// Scale benchmark: the entity pages, the public verification and the monitoring queries on the
// demo seeded at a city's size and at a province's, timed one request at a time against the hub
// in its own process, with the hub's longest event-loop delay while it answered them.
//   npm run bench -- scale [--sizes 1200,120000] [--requests 200]
// Prints scale.seed.seconds per size, scale.<query>.p50 and .p99 (ms) per size,
// scale.<query>.growth (p50 at the largest size over p50 at the smallest) and
// scale.eventloop.max (ms) per size.
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { BRANDS, REGIONS } from '../demo/catalogue.js';
import { demoEvidenceContent } from '../demo/generate.js';
import { type DemoKeys, seedDemo } from '../demo/index.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { encodeCursor } from '../platform/pagination.js';
import { closeStorage, openLedgerOn, openStorage } from '../platform/storage.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';
import { percentile } from './stats.js';
import { eventLoopMax, startTarget, stopTarget } from './target.js';

const log = (msg: string): void => console.error(`[bench scale] ${msg}`);

const TARGETS = { p50: 50, p99: 150, growth: 2, eventLoopMax: 100 };

interface Query {
  /** Whose key asks; undefined: anonymous. */
  readonly role: keyof Omit<DemoKeys, 'enterpriseId'> | undefined;
  readonly query: string;
  variables?(enterprises: number, keys: DemoKeys): Record<string, unknown>;
}

const pick = <T>(from: readonly T[]): T => from[Math.floor(Math.random() * from.length)]!;
const SEARCH_PAGE = `query ($search: String!) { enterprises(search: $search, first: 20) { totalCount edges { node { name uscc regionCode } } pageInfo { hasNextPage endCursor } } }`;
const WARNING_PAGE = `edges { cursor node { dueDate state surchargePercent patent { applicationNumber title enterprise { name regionCode } } } } pageInfo { hasNextPage endCursor }`;
const QUERIES: Record<string, Query> = {
  // A partner's cross-subgraph page (as bench/load.ts's), from a random place in the registry.
  page: {
    role: 'CENTER_STAFF',
    query: `query ($after: String) { enterprises(first: 10, after: $after) { edges { node { name uscc patents { edges { node { applicationNumber annualFeeDue } } } evidence { title receipt { seq timestamp } } pledges { registrationNumber state securedAmount } } } pageInfo { hasNextPage endCursor } } }`,
    variables: () => ({ after: encodeCursor(randomUUID()) }),
  },
  verifyEvidence: {
    role: undefined,
    query: `query ($d: String!) { verifyEvidence(contentDigest: $d) { found deposits { seq timestamp depositor inclusionProof { treeSize hashes } } checkpoint } }`,
    variables: (enterprises) => ({
      d: createHash('sha256')
        .update(demoEvidenceContent(Math.floor((Math.random() * enterprises * 5) / 6)))
        .digest('hex'),
    }),
  },
  // Enterprises by name, with their count: a brand's two characters (星河, about 1 in 80 names),
  // and a city's and a brand's four (福州星河).
  searchEnterprises2: {
    role: 'CENTER_STAFF',
    query: SEARCH_PAGE,
    variables: () => ({ search: pick(BRANDS)[0] }),
  },
  searchEnterprises4: {
    role: 'CENTER_STAFF',
    query: SEARCH_PAGE,
    variables: () => ({ search: `${pick(REGIONS).prefix}${pick(BRANDS)[0]}` }),
  },
  enterpriseStatistics: {
    role: 'CENTER_STAFF',
    query: `{ enterpriseStatistics { totalEnterprises totalPatents byRegion { regionCode enterprises patents } byIndustry { industry enterprises patents } } }`,
  },
  annualFeeWarnings: {
    role: 'CENTER_STAFF',
    query: `{ annualFeeWarnings(withinDays: 90, first: 20) { totalCount ${WARNING_PAGE} } }`,
  },
  // One region's page and count: the filters are read off the index entries.
  annualFeeWarningsInRegion: {
    role: 'CENTER_STAFF',
    query: `{ annualFeeWarnings(regionCode: "330100", withinDays: 90, first: 20) { totalCount ${WARNING_PAGE} } }`,
  },
  // An enterprise's own, as its key reads them.
  enterpriseWarnings: {
    role: 'ENTERPRISE',
    query: `query ($id: ID!) { enterprise(id: $id) { annualFeeWarnings(first: 20) { totalCount ${WARNING_PAGE} } expiryWarnings(first: 20) { totalCount edges { node { right number expiresOn } } } } }`,
    variables: (_enterprises, keys) => ({ id: keys.enterpriseId }),
  },
  expiryWarnings: {
    role: 'CENTER_STAFF',
    query: `{ expiryWarnings(withinDays: 180, first: 20) { totalCount edges { cursor node { right number title expiresOn enterprise { name } } } pageInfo { hasNextPage endCursor } } }`,
  },
  pledges: {
    role: 'BANK',
    query: `{ pledges(first: 20) { edges { node { registrationNumber state securedAmount collateral { kind id patent { title } } pledgor { name } } } } }`,
  },
  preExamStatistics: {
    role: 'CENTER_STAFF',
    query: `{ preExamStatistics { overall { decided averageDays medianDays p90Days decidedWithin7Days shareWithin7Days } byIndustry { key cycleTime { decided averageDays p90Days } } byMonth { key cycleTime { decided averageDays medianDays p90Days decidedWithin7Days } } } }`,
  },
  // The cockpit's other panels, each at the most months it may ask for.
  evidenceStatistics: {
    role: 'CENTER_STAFF',
    query: `{ evidenceStatistics { total depositsByMonth(months: 60) { month count } } }`,
  },
  pledgeStatistics: {
    role: 'CENTER_STAFF',
    query: `{ pledgeStatistics { byBankAndMonth(months: 60) { bank month count amount } byState { state count } } }`,
  },
  protectionStatistics: {
    role: 'CENTER_STAFF',
    query: `{ protectionStatistics { byRouteAndState { route state count } openedByMonth(months: 60) { month count } } }`,
  },
  warningStatistics: {
    role: 'CENTER_STAFF',
    query: `{ warningStatistics(months: 60) { annualFeesOverdue annualFeesByMonth { month count } expiriesByMonth { month count } } }`,
  },
};

/** Seeds the demo into `dir` (what `npm start -- --demo --enterprises N` does); its keys and seconds. */
async function seed(dir: string, enterprises: number): Promise<{ keys: DemoKeys; seconds: number }> {
  const storage = await openStorage({ IPHUB_DATA_DIR: dir });
  const ledger = await openLedgerOn(storage, {});
  const keyStore = openKeyStore(storage);
  try {
    const start = performance.now();
    const keys = await seedDemo(storage, ledger, keyStore, { enterprises });
    if (keys === undefined) throw new Error('seeding found data already');
    return { keys, seconds: (performance.now() - start) / 1000 };
  } finally {
    await keyStore.close();
    await ledger.close();
    await closeStorage(storage);
  }
}

/** One request; its latency in ms. Throws on an HTTP error or a GraphQL error. */
async function timed(url: string, keys: DemoKeys, name: string, q: Query, enterprises: number): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (q.role !== undefined) headers.authorization = `Bearer ${keys[q.role]}`;
  const body = JSON.stringify({ query: q.query, variables: q.variables?.(enterprises, keys) ?? {} });
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - start;
  const answer = JSON.parse(text) as { errors?: { message: string }[] };
  if (!response.ok || answer.errors !== undefined) throw new Error(`${name}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return ms;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { sizes: { type: 'string', default: '1200,120000' }, requests: { type: 'string', default: '200' } } });
  const sizes = values.sizes.split(',').map(Number);
  const requests = Number(values.requests);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(requests > 0)) throw new Error('--sizes takes whole numbers, --requests a count');
  const p50s = new Map<string, number[]>();
  for (const enterprises of sizes) {
    const dir = tempDir('iphub-bench-scale-');
    try {
      log(`seeding ${enterprises} enterprises in ${dir.path}`);
      const { keys, seconds } = await seed(dir.path, enterprises);
      emit('scale.seed.seconds', Number(seconds.toFixed(1)), 's', { enterprises, ...(enterprises >= 120_000 ? { target: 60 } : {}) });
      const { child, url, adminUrl } = await startTarget('embedded', dir.path);
      try {
        for (const [name, q] of Object.entries(QUERIES)) for (let i = 0; i < 5; i++) await timed(url, keys, name, q, enterprises);
        await eventLoopMax(adminUrl); // from here on
        for (const [name, q] of Object.entries(QUERIES)) {
          const ms: number[] = [];
          for (let i = 0; i < requests; i++) ms.push(await timed(url, keys, name, q, enterprises));
          const p50 = percentile(ms, 0.5);
          p50s.set(name, [...(p50s.get(name) ?? []), p50]);
          emit(`scale.${name}.p50`, p50, 'ms', { enterprises, requests, target: TARGETS.p50 });
          emit(`scale.${name}.p99`, percentile(ms, 0.99), 'ms', { enterprises, requests, target: TARGETS.p99 });
        }
        emit('scale.eventloop.max', await eventLoopMax(adminUrl), 'ms', { enterprises, target: TARGETS.eventLoopMax });
      } finally {
        await stopTarget(child);
      }
    } finally {
      dir.remove();
    }
  }
  if (sizes.length < 2) return;
  for (const [name, [small, ...rest]] of p50s) {
    const large = rest.at(-1)!;
    emit(`scale.${name}.growth`, Number((large / small!).toFixed(2)), 'ratio', {
      from: sizes[0],
      to: sizes.at(-1),
      p50: [small, large],
      target: TARGETS.growth,
    });
  }
}
