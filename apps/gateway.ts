// `npm run start:gateway`: the gateway alone, reaching each subgraph over HTTP (keep-alive) at
// the URL in the supergraph, or IPHUB_<NAME>_URL, each request signed with that subgraph's key; the
// subgraphs' own queries come to its internal listener (IPHUB_INTERNAL_PORT, 4010, on
// IPHUB_INTERNAL_HOST, 127.0.0.1), never to its public port. Keys, people's accounts and their sessions live
// in the data directory or MongoDB.
import { openAccountStore } from '../gateway/accounts/store/open.js';
import { remoteDataSource } from '../gateway/data-sources.js';
import { rateStoreFor } from '../gateway/hub.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { limitsFromEnvOrExit } from '../gateway/limits/limits.js';
import { adminFromEnv, publicUrlFromEnv, type RunningGateway, startGateway } from '../gateway/server.js';
import { openSessionStore } from '../gateway/sessions/store/open.js';
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { DEFAULT_PORTS, portFrom } from '../platform/ports.js';
import { closeOnSignals } from '../platform/process.js';
import { closeStorage, openStorage, subgraphKeys } from '../platform/storage.js';
import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

const limits = limitsFromEnvOrExit();
let publicUrl: string | undefined;
try {
  publicUrl = publicUrlFromEnv(process.env);
} catch (err) {
  console.error(`npm run start:gateway: ${(err as Error).message}`);
  process.exit(2);
}
calendarFromEnvOrExit('npm run start:gateway');
const storage = await openStorage();
const keys = openKeyStore(storage);
const accounts = await openAccountStore(storage);
const sessions = await openSessionStore(storage);
let gateway: RunningGateway | undefined;
// On a signal or a failed start: the server, the stores, then the MongoDB client or the SQLite database.
const close = closeOnSignals(async () => {
  await gateway?.close();
  await sessions.close();
  await accounts.close();
  await keys.close();
  await closeStorage(storage);
});
try {
  const signingKeys = subgraphKeys(storage);
  gateway = await startGateway({
    port: Number(process.env.PORT ?? 4000),
    admin: adminFromEnv(process.env),
    keys,
    limits,
    publicUrl,
    rateStore: rateStoreFor(storage),
    people: { accounts, sessions },
    internal: {
      port: portFrom(process.env, 'IPHUB_INTERNAL_PORT', DEFAULT_PORTS.internal),
      host: process.env.IPHUB_INTERNAL_HOST || '127.0.0.1',
      keys: signingKeys,
    },
    // Ready when every subgraph says it is.
    ready: async () => {
      for (const name of SUBGRAPH_NAMES) {
        const url = (process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${SUBGRAPHS[name].defaultPort}/graphql`).replace(
          /\/graphql$/,
          '/readyz',
        );
        const res = await fetch(url);
        if (!res.ok) throw new Error(`subgraph ${name}: ${(await res.text()).trim()}`);
      }
    },
    dataSource: (name, url) => remoteDataSource(process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? url, name, signingKeys[name]),
  });
  console.log(`IP Hub gateway ready at ${gateway.url}`);
} catch (err) {
  await close();
  throw err;
}
