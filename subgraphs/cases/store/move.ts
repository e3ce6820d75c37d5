// Moving a case in one go, claim and all: for seeds and tests, whose moves sign nothing or were
// signed already. Staff's moves claim, append, then move (subgraphs/cases/decision.ts).
import { randomUUID } from 'node:crypto';

import type { Notification } from '../../../outbox/notification.js';
import { staleBefore } from '../../common/claim-lease.js';
import type { CaseEvent } from '../domain/model.js';
import type { CaseMoves } from './port.js';

/** Claims and moves the case: false, changing nothing, when it left `from` or another request holds a live claim on it. */
export async function moveNow<S extends string, Changes>(
  cases: CaseMoves<S, Changes>,
  id: string,
  from: S,
  event: CaseEvent<S>,
  changes: Changes,
  notify: readonly Notification[] = [],
): Promise<boolean> {
  const token = randomUUID();
  const claimed = await cases.claimMove(id, from, { token, at: event.at, digest: null, event }, staleBefore());
  return claimed.ok && cases.transition(id, from, event, changes, notify, token);
}
