// A subscription acts for its owner: once the owner's key is revoked or account disabled, it is
// sent nothing more and is disabled with it. Checked before each fan-out (the relay, before it
// accepts a batch) and before each send (the deliverer, for what it claimed).
import type { IdentityDirectory } from '../../platform/identity.js';
import type { NotificationStore } from './store/port.js';

/** Disables every active subscription whose owner no longer acts; how many. */
export async function disableLapsedOwners(store: NotificationStore, owners: IdentityDirectory, at: string): Promise<number> {
  const holding = await store.activeSubscriptionOwners();
  if (holding.length === 0) return 0;
  const acting = await owners.active(holding);
  let disabled = 0;
  for (const owner of holding) if (!acting.has(owner)) disabled += await store.disableSubscriptionsOf(owner, at);
  return disabled;
}
