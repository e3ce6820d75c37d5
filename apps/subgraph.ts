// `npm run start:subgraph -- <name>`: one subgraph as its own HTTP service on its port
// (IPHUB_<NAME>_PORT, or its default), trusting identities signed by the gateway.
import { openIdentityDirectory } from '../gateway/identity-directory.js';
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { httpHubQuery } from '../platform/hub-query.js';
import { createMetrics, ledgerMetrics } from '../platform/metrics.js';
import { closeOnSignals } from '../platform/process.js';
import { closeStorage, internalSecret, openLedgerOn, openStorage } from '../platform/storage.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph.js';
import { serveSubgraph } from '../platform/subgraph-server.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { appOperationNames } from '../web/app/serve.js';

const name = process.argv[2];
if (!(SUBGRAPH_NAMES as readonly string[]).includes(name ?? '')) {
  console.error(`usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
const entry = SUBGRAPHS[name as SubgraphName];
calendarFromEnvOrExit('npm run start:subgraph');
const storage = await openStorage();
// Closed on a signal or a failed start, in the reverse order of opening; the MongoDB client or
// the SQLite databases last.
const opened: { close(): Promise<void> }[] = [];
const close = closeOnSignals(async () => {
  for (const o of opened.reverse()) await o.close();
  await closeStorage(storage);
});
try {
  const metrics = createMetrics();
  const ledger = ledgerMetrics(metrics, await openLedgerOn(storage));
  opened.push(ledger);
  const secret = internalSecret(storage);
  // Facts other subgraphs own come through the gateway: IPHUB_GATEWAY_URL, or the default port.
  const hub = httpHubQuery(process.env.IPHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql', secret, name!);
  const subgraph = await entry.open(storage, ledger, hub, { env: process.env, owners: await openIdentityDirectory(storage) });
  opened.push(subgraph);
  const served = await serveSubgraph(subgraph, {
    port: Number(process.env[`IPHUB_${name!.toUpperCase()}_PORT`] ?? entry.defaultPort),
    secret,
    metrics,
    knownOperations: appOperationNames(),
    ready: () => ledger.ready(),
  });
  opened.push(served);
  console.log(`subgraph ${name} ready at http://localhost:${served.port}/graphql`);
} catch (err) {
  await close();
  throw err;
}
