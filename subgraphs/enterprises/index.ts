// The enterprises subgraph, opened on the configured storage.
import type { Subgraph } from '../common/subgraph.js';
import { sqliteDatabase, type Storage } from '../common/storage.js';
import { enterprisesSchema } from './schema.js';
import { createEnterprisesContext } from './context.js';
import type { EnterprisesStore } from './repository.js';
import { openSqliteEnterprisesStore } from './sqlite-repository.js';
import { openMongoEnterprisesStore } from './mongodb-repository.js';

export async function openEnterprisesStore(storage: Storage): Promise<EnterprisesStore> {
  return storage.kind === 'sqlite' ? openSqliteEnterprisesStore(sqliteDatabase(storage, 'enterprises')) : openMongoEnterprisesStore(storage.client.db());
}

/** `wrap` lets tests observe the store (count its queries); production passes nothing. */
export async function openEnterprisesSubgraph(storage: Storage, wrap: (s: EnterprisesStore) => EnterprisesStore = (s) => s): Promise<Subgraph> {
  const store = wrap(await openEnterprisesStore(storage));
  return {
    name: 'enterprises',
    schema: enterprisesSchema,
    createContext: (identity) => createEnterprisesContext(store, identity),
    ready: async () => void (await store.enterprises.byIds(['readyz'])),
    close: () => store.close(),
  };
}
