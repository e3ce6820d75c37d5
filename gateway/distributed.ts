// `npm run start:gateway`: the gateway alone, reaching each subgraph over HTTP (keep-alive) at
// the URL in the supergraph, or IPHUB_<NAME>_URL. Keys, people's accounts and their sessions live
// in the data directory or MongoDB.
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { closeOnSignals, closeStorage, internalSecret, openStorage } from '../platform/storage.js';
import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { SUBGRAPHS } from '../subgraphs/registry.js';
import { openAccountStore } from './accounts/store/open.js';
import { remoteDataSource } from './data-sources.js';
import { rateStoreFor } from './hub.js';
import { openKeyStore } from './keys/store/open.js';
import { limitsFromEnvOrExit } from './limits.js';
import { type RunningGateway, startGateway } from './server.js';
import { openSessionStore } from './sessions/store/open.js';

const limits = limitsFromEnvOrExit();
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
  const secret = internalSecret(storage);
  gateway = await startGateway({
    port: Number(process.env.PORT ?? 4000),
    keys,
    limits,
    rateStore: rateStoreFor(storage),
    people: { accounts, sessions },
    internalSecret: secret,
    // Ready when every subgraph says it is.
    ready: async () => {
      for (const name of SUBGRAPH_NAMES) {
        const url = (process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? `http://localhost:${SUBGRAPHS[name].defaultPort}/graphql`).replace(
          /\/graphql$/,
          '/readyz',
        );
        const res = await fetch(url);
        if (!res.ok) throw new Error(`subgraph ${name}: ${(await res.text()).trim()}`);
      }
    },
    dataSource: (name, url) => remoteDataSource(process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? url, secret),
  });
  console.log(`IP Hub gateway ready at ${gateway.url}`);
} catch (err) {
  await close();
  throw err;
}
