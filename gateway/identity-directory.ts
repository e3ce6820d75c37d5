// Which identities still act, read from the gateway's key and account stores: what a webhook
// subscription's owner is checked against before the hub sends it anything.
import type { IdentityDirectory } from '../platform/identity.js';
import type { Storage } from '../platform/storage.js';
import { openAccountStore } from './accounts/store/open.js';
import type { AccountStore } from './accounts/store/port.js';
import { openKeyStore } from './keys/store/open.js';
import type { KeyStore } from './keys/store/port.js';

const ACCOUNT = 'account:';
const SERVICE = 'service:';

export function identityDirectory(keys: KeyStore, accounts: AccountStore): IdentityDirectory {
  return {
    async active(keyIds) {
      const acting = new Set<string>();
      await Promise.all(
        [...new Set(keyIds)].map(async (keyId) => {
          // The hub's own services act as long as the hub does.
          if (keyId.startsWith(SERVICE)) acting.add(keyId);
          else if (keyId.startsWith(ACCOUNT)) {
            const account = await accounts.byId(keyId.slice(ACCOUNT.length));
            if (account !== undefined && account.disabledAt === null) acting.add(keyId);
          } else {
            const key = await keys.byId(keyId);
            if (key !== undefined && key.revokedAt === null) acting.add(keyId);
          }
        }),
      );
      return acting;
    },
  };
}

/** The directory on the configured storage, for a process that opens subgraphs without the gateway (one subgraph alone). */
export async function openIdentityDirectory(storage: Storage): Promise<IdentityDirectory> {
  return identityDirectory(openKeyStore(storage), await openAccountStore(storage));
}
