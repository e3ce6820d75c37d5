// `npm run start:subgraph -- <name>`: one subgraph as its own HTTP service on its port
// (IPHUB_<NAME>_PORT, or its default), trusting identities signed by the gateway.
import { openLedgerOn, openStorage, internalSecret } from '../platform/storage.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph.js';
import { serveSubgraph } from '../platform/subgraph-server.js';
import { SUBGRAPHS } from './registry.js';
import { httpHubQuery } from '../platform/hub-query.js';
import { createMetrics, ledgerMetrics } from '../platform/metrics.js';

const name = process.argv[2];
if (!(SUBGRAPH_NAMES as readonly string[]).includes(name ?? '')) {
  console.error(`usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
const entry = SUBGRAPHS[name as SubgraphName];
const storage = await openStorage();
const metrics = createMetrics();
const ledger = ledgerMetrics(metrics, await openLedgerOn(storage));
const secret = internalSecret(storage);
// Facts other subgraphs own come through the gateway: IPHUB_GATEWAY_URL, or the default port.
const hub = httpHubQuery(process.env.IPHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql', secret, name!);
const subgraph = await entry.open(storage, ledger, hub);
const served = await serveSubgraph(subgraph, { port: Number(process.env[`IPHUB_${name!.toUpperCase()}_PORT`] ?? entry.defaultPort), secret, metrics, ready: () => ledger.ready() });
console.log(`subgraph ${name} ready at http://localhost:${served.port}/graphql`);
const stop = () => void served.close().then(() => subgraph.close()).then(() => ledger.close()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
