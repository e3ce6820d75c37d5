// `npm run start:gateway`: the gateway alone, reaching each subgraph over HTTP (keep-alive) at
// the URL in the supergraph, or IPHUB_<NAME>_URL. Keys live in the data directory or MongoDB.
import { openStorage, internalSecret } from '../platform/storage.js';
import { remoteDataSource } from './data-sources.js';
import { startGateway } from './server.js';
import { openKeyStore, rateStoreFor } from './hub.js';
import { limitsFromEnvOrExit } from './limits.js';
import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { SUBGRAPHS } from '../subgraphs/registry.js';

const limits = limitsFromEnvOrExit();
const storage = await openStorage();
const secret = internalSecret(storage);
const gateway = await startGateway({
  port: Number(process.env.PORT ?? 4000),
  keys: openKeyStore(storage),
  limits,
  rateStore: rateStoreFor(storage),
  internalSecret: secret,
  // Ready when every subgraph says it is.
  ready: async () => {
    for (const name of SUBGRAPH_NAMES) {
      const url = (process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? `http://localhost:${SUBGRAPHS[name].defaultPort}/graphql`).replace(/\/graphql$/, '/readyz');
      const res = await fetch(url);
      if (!res.ok) throw new Error(`subgraph ${name}: ${(await res.text()).trim()}`);
    }
  },
  dataSource: (name, url) => remoteDataSource(process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? url, secret),
});
console.log(`IP Hub gateway ready at ${gateway.url}`);
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
process.on('SIGINT', () => void gateway.close().then(() => process.exit(0)));
