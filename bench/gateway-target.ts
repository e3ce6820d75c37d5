// One stack under test for bench/gateway.ts, in its own process: `embedded` (the hub, subgraphs
// in-process), `http` (the hub's gateway with HTTP subgraphs) or `stock` (@apollo/gateway with
// IntrospectAndCompose over the same HTTP subgraphs). Prints {"url": ...} once ready.
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

import type { GatewayContext } from '../gateway/context.js';
import { remoteDataSource } from '../gateway/data-sources.js';
import { startHub } from '../gateway/hub.js';
import { openIdentityDirectory } from '../gateway/identity-directory.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { identify, startGateway } from '../gateway/server.js';
import { openLedgerOn, openStorage, subgraphKeys } from '../platform/storage.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph.js';
import { serveSubgraph } from '../platform/subgraph-server.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

// The stock stack knows only who calls.
type StockContext = Pick<GatewayContext, 'identity'>;

const [mode, dataDir] = process.argv.slice(2);
const env = { IPHUB_DATA_DIR: dataDir };

async function start(): Promise<{ url: string; adminUrl?: string }> {
  if (mode === 'embedded') {
    const hub = await startHub({ port: 0, env });
    return { url: hub.url, ...(hub.adminUrl === undefined ? {} : { adminUrl: hub.adminUrl }) };
  }
  const storage = await openStorage(env);
  const ledger = await openLedgerOn(storage, env);
  const keys = openKeyStore(storage);
  const signing = subgraphKeys(storage, {});
  const urls: Record<string, string> = {};
  const opening = { env, owners: await openIdentityDirectory(storage) };
  for (const name of SUBGRAPH_NAMES) {
    // The bench's query mix never needs a subgraph to ask the hub.
    const noHub = () => Promise.reject(new Error('no hub queries in this bench'));
    const served = await serveSubgraph(await SUBGRAPHS[name].open(storage, ledger, noHub, opening), { port: 0, key: signing[name] });
    urls[name] = `http://127.0.0.1:${served.port}/graphql`;
  }
  if (mode === 'http') return { url: (await startGateway({ port: 0, keys, dataSource: (name) => remoteDataSource(urls[name]!, name, signing[name]) })).url };
  if (mode !== 'stock') throw new Error(`unknown mode ${mode}`);
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name]! })) }),
    // Signed as the hub's gateway signs: the subgraphs take nothing else.
    buildService: ({ name, url }) => remoteDataSource(url!, name as SubgraphName, signing[name as SubgraphName]),
  });
  const server = new ApolloServer<StockContext>({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0 }, context: async ({ req }) => ({ identity: await identify(req, keys) }) });
  return { url };
}

console.log(JSON.stringify(await start()));
