// `npm run start:gateway`: the gateway alone, reaching each subgraph over HTTP (keep-alive) at
// the URL in the supergraph, or IPHUB_<NAME>_URL. Keys live in the data directory or MongoDB.
import { openStorage, internalSecret } from '../subgraphs/common/storage.js';
import { remoteDataSource } from './data-sources.js';
import { startGateway } from './server.js';
import { openKeyStore } from './hub.js';

const storage = await openStorage();
const secret = internalSecret(storage);
const gateway = await startGateway({
  port: Number(process.env.PORT ?? 4000),
  keys: openKeyStore(storage),
  internalSecret: secret,
  dataSource: (name, url) => remoteDataSource(process.env[`IPHUB_${name.toUpperCase()}_URL`] ?? url, secret),
});
console.log(`IP Hub gateway ready at ${gateway.url}`);
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
process.on('SIGINT', () => void gateway.close().then(() => process.exit(0)));
