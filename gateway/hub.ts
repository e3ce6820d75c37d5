// The whole hub in one process (embedded mode): every subgraph, the ledger and the gateway,
// on SQLite under the data directory (or MongoDB when configured).
import type { Ledger } from '../ledger/index.js';
import { type HubQuery, serviceIdentity } from '../platform/hub-query.js';
import { createMetrics, ledgerMetrics, ledgerReadyNotes } from '../platform/metrics.js';
import { reportingUnavailable } from '../platform/mongodb.js';
import { DEFAULT_PORTS } from '../platform/ports.js';
import { closeStorage, openLedgerOn, openStorage, type Storage, type StorageEnv } from '../platform/storage.js';
import type { Subgraph, SubgraphName, SubgraphProcess } from '../platform/subgraph.js';
import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { openAccountStore } from './accounts/store/open.js';
import type { AccountStore } from './accounts/store/port.js';
import { InProcessDataSource } from './data-sources.js';
import { identityDirectory } from './identity-directory.js';
import { openKeyStore } from './keys/store/open.js';
import type { KeyStore } from './keys/store/port.js';
import type { ExecutionTimer } from './limits/execution-timeout.js';
import { type Limits, limitsFromEnv } from './limits/limits.js';
import { memoryRateStore, mongoRateStore, type RateStore } from './limits/rate-limits.js';
import { adminFromEnv, publicUrlFromEnv, type RunningGateway, startGateway } from './server.js';
import { openSessionStore } from './sessions/store/open.js';
import type { SessionStore } from './sessions/store/port.js';

export interface Hub extends RunningGateway {
  readonly storage: Storage;
  readonly ledger: Ledger;
  readonly keys: KeyStore;
  /** People's accounts: they sign in at /auth/sign-in. */
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly subgraphs: Record<SubgraphName, Subgraph>;
}

export interface HubOptions {
  readonly port?: number;
  /** Where the hub reads its configuration: process.env when absent. */
  readonly env?: StorageEnv & Record<string, string | undefined>;
  /** Lets tests replace a subgraph's opening, e.g. to count its store queries. */
  readonly open?: Partial<Record<SubgraphName, (storage: Storage, ledger: Ledger, hub: HubQuery, opening: SubgraphProcess) => Promise<Subgraph>>>;
  /** Every bound on a request; IPHUB_LIMITS (or the defaults) when absent. */
  readonly limits?: Limits;
  /** Arms each operation's execution timeout: setTimeout when absent (tests fire their own). */
  readonly executionTimer?: ExecutionTimer;
  /** The clock sessions are timed by: Date.now when absent (tests move their own). */
  readonly now?: () => number;
}

/** Rate-limit counters: in this process on SQLite, shared through MongoDB otherwise. */
export function rateStoreFor(storage: Storage): RateStore {
  return storage.kind === 'sqlite' ? memoryRateStore : reportingUnavailable(mongoRateStore(storage.client));
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const storage = await openStorage(options.env);
  const metrics = createMetrics();
  const ledger = ledgerMetrics(metrics, await openLedgerOn(storage, options.env));
  const keys = openKeyStore(storage);
  const accounts = await openAccountStore(storage);
  const sessions = await openSessionStore(storage);
  const subgraphs = {} as Record<SubgraphName, Subgraph>;
  // Bound once the gateway runs: subgraphs ask it only while serving requests.
  let gateway: RunningGateway | undefined;
  const hubFor =
    (name: SubgraphName): HubQuery =>
    (query, variables = {}) =>
      gateway!.query(query, variables, serviceIdentity(name));
  const opening: SubgraphProcess = { env: options.env ?? process.env, owners: identityDirectory(keys, accounts) };
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = await (options.open?.[name] ?? SUBGRAPHS[name].open)(storage, ledger, hubFor(name), opening);
  gateway = await startGateway({
    port: options.port ?? DEFAULT_PORTS.gateway,
    admin: adminFromEnv(opening.env, options.port ?? DEFAULT_PORTS.gateway),
    publicUrl: publicUrlFromEnv(opening.env),
    keys,
    metrics,
    limits: options.limits ?? limitsFromEnv(),
    rateStore: rateStoreFor(storage),
    executionTimer: options.executionTimer,
    people: { accounts, sessions },
    now: options.now,
    ready: async () => {
      await ledger.ready();
      for (const s of Object.values(subgraphs)) await s.ready();
    },
    readyNotes: () => ledgerReadyNotes(ledger),
    dataSource: (name) => new InProcessDataSource(subgraphs[name]),
  });
  return {
    ...gateway,
    storage,
    ledger,
    keys,
    accounts,
    sessions,
    subgraphs,
    close: async () => {
      await gateway.close();
      for (const s of Object.values(subgraphs)) await s.close();
      await sessions.close();
      await accounts.close();
      await keys.close();
      await ledger.close();
      await closeStorage(storage);
    },
  };
}
