// Closing a pledge in one go, claim and all: for a closing that signs nothing on the ledger (an
// enforcement), and for seeds and tests. A release, which appends first, claims, appends, then
// closes (subgraphs/finance/pledges.ts).
import { randomUUID } from 'node:crypto';

import type { Receipt } from '../../../ledger/index.js';
import type { Notification } from '../../../outbox/notification.js';
import { staleBefore } from '../../common/claim-lease.js';
import type { Enforcement, PledgeEvent } from '../domain/model.js';
import type { PledgeState } from '../domain/pledge-rules.js';
import type { PledgeRepository } from './port.js';

/** Claims and closes the pledge: false, changing nothing, when it left `from` or another request holds a live claim on it. */
export async function closeNow(
  pledges: PledgeRepository,
  id: string,
  from: PledgeState,
  event: PledgeEvent,
  changes: { closedAt: string; releaseReceipt?: Receipt; enforcement?: Enforcement },
  notify: readonly Notification[] = [],
): Promise<boolean> {
  const token = randomUUID();
  const claimed = await pledges.claimClose(id, from, { token, at: event.at, digest: null, event }, staleBefore());
  return claimed.ok && pledges.transition(id, from, event, changes, notify, token);
}
