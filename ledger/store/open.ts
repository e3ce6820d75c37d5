// The ledger's store where the hub keeps its data: <data dir>/ledger.db on the embedded default,
// or the `ledger` collections of the deployment's MongoDB client.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

import type { MongoClient } from 'mongodb';

import { openMongoLedgerStore } from './mongodb.js';
import type { LedgerStore } from './port.js';
import { openSqliteLedgerStore } from './sqlite.js';

/** Where the hub's storage is; the hub's Storage is one. */
export type LedgerLocation =
  { readonly kind: 'sqlite'; readonly dataDir: string } | { readonly kind: 'mongodb'; readonly url: string; readonly client: MongoClient };

export async function openLedgerStore(at: LedgerLocation): Promise<LedgerStore> {
  if (at.kind === 'mongodb') return openMongoLedgerStore({ url: at.url, client: at.client });
  const path = join(at.dataDir, 'ledger.db');
  const store = openSqliteLedgerStore({ path });
  // Readable by the hub's user alone, as the other databases of the data directory.
  chmodSync(path, 0o600);
  return store;
}
