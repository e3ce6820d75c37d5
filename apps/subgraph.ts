// `npm run start:subgraph -- <name>`: one subgraph as its own HTTP service on its port
// (IPHUB_<NAME>_PORT, or its default) and interface (IPHUB_<NAME>_HOST, or 127.0.0.1), taking
// only requests the gateway signed with this subgraph's key (IPHUB_<NAME>_KEY, or derived from the
// internal secret); its /metrics and detailed /readyz on IPHUB_<NAME>_ADMIN_PORT (127.0.0.1).
import { openIdentityDirectory } from '../gateway/identity-directory.js';
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { httpHubQuery } from '../platform/hub-query.js';
import { createMetrics, ledgerMetrics, ledgerReadyNotes } from '../platform/metrics.js';
import { DEFAULT_PORTS, defaultSubgraphAdminPort, portFrom } from '../platform/ports.js';
import { closeOnSignals } from '../platform/process.js';
import { closeStorage, openLedgerOn, openStorage, subgraphKey } from '../platform/storage.js';
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
const upper = name!.toUpperCase();
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
  const key = subgraphKey(storage, name as SubgraphName);
  // Facts other subgraphs own come through the gateway's internal listener: IPHUB_GATEWAY_URL, or its default.
  const hub = httpHubQuery(process.env.IPHUB_GATEWAY_URL ?? `http://127.0.0.1:${DEFAULT_PORTS.internal}/graphql`, name!, key);
  const subgraph = await entry.open(storage, ledger, hub, { env: process.env, owners: await openIdentityDirectory(storage) });
  opened.push(subgraph);
  const served = await serveSubgraph(subgraph, {
    port: portFrom(process.env, `IPHUB_${upper}_PORT`, entry.defaultPort),
    host: process.env[`IPHUB_${upper}_HOST`] || '127.0.0.1',
    key,
    admin: {
      port: portFrom(process.env, `IPHUB_${upper}_ADMIN_PORT`, defaultSubgraphAdminPort(name as SubgraphName)),
      host: process.env.IPHUB_ADMIN_HOST || '127.0.0.1',
    },
    metrics,
    knownOperations: appOperationNames(),
    ready: () => ledger.ready(),
    readyNotes: () => ledgerReadyNotes(ledger),
  });
  opened.push(served);
  console.log(`subgraph ${name} ready at http://${process.env[`IPHUB_${upper}_HOST`] || '127.0.0.1'}:${served.port}/graphql (admin on ${served.adminPort})`);
} catch (err) {
  await close();
  throw err;
}
