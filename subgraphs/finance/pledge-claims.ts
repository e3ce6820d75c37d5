// Claims before signing on a pledge (FinanceStore.claimClose): a release, an enforcement or an
// amendment claims the pledge first, so that of racing acts one goes on and the others are refused
// before the ledger. A claim left by a request that died after signing is taken over once stale,
// and what it signed, found on the ledger by its digest, is finished as it was signed.
import { randomUUID } from 'node:crypto';

import type { Receipt } from '../../ledger/index.js';
import { failure } from '../../platform/errors.js';
import { staleBefore } from '../common/claim-lease.js';
import type { FinanceContext } from './context.js';
import type { AppliedAmendment, PledgeEvent, PledgeRecord } from './domain/model.js';
import { amendmentNotice, pledgeClosed } from './notices.js';
import type { CloseClaim } from './store/port.js';

/**
 * Claims `current` for the act `event` records, whose ledger document has `digest` (null for one
 * that signs nothing). `finished` when a dead request had signed this very act: the caller signs
 * nothing and answers it. CONFLICT when another request holds the pledge, or a dead one had signed
 * another act.
 */
export async function claimClosing(
  ctx: FinanceContext,
  current: PledgeRecord,
  digest: string | null,
  event: PledgeEvent,
): Promise<{ token: string } | { finished: PledgeRecord }> {
  const token = randomUUID();
  const got = await ctx.store.pledges.claimClose(current.id, current.state, { token, at: event.at, digest, event }, staleBefore());
  if (!got.ok) throw failure('CONFLICT', `pledge ${current.id} is being changed by another request, or was closed meanwhile; reload it`);
  const dead = got.replaced;
  if (dead?.digest == null) return { token };
  const kind = dead.event.to === 'RELEASED' ? 'PLEDGE_RELEASE' : 'PLEDGE_AMENDMENT';
  const signed = (await ctx.ledger.findByContentDigest(dead.digest)).find((e) => e.kind === kind && e.subject === `pledge:${current.id}`);
  if (signed === undefined) return { token };
  const receipt: Receipt = { seq: signed.seq, entryHash: signed.entryHash, timestamp: signed.timestamp };
  const finished =
    kind === 'PLEDGE_RELEASE' ? await finishRelease(ctx, current, dead, receipt, token) : await applyAmendment(ctx, current, dead.event, receipt, token);
  if (event.to !== dead.event.to) {
    throw failure('CONFLICT', `pledge ${current.id} was ${kind === 'PLEDGE_RELEASE' ? 'released' : 'amended'} (on the ledger, entry ${signed.seq}); reload it`);
  }
  return { finished };
}

async function finishRelease(ctx: FinanceContext, current: PledgeRecord, dead: CloseClaim, releaseReceipt: Receipt, token: string): Promise<PledgeRecord> {
  const closedAt = dead.event.at;
  const released = { ...current, state: 'RELEASED' as const, closedAt, releaseReceipt };
  if (!(await ctx.store.pledges.transition(current.id, current.state, dead.event, { closedAt, releaseReceipt }, [pledgeClosed(released)], token))) {
    throw failure('CONFLICT', `pledge ${current.id} was closed by someone else meanwhile; reload it`);
  }
  return released;
}

/** Applies the amendment `current` has pending as confirmed by `event`'s actor, its entry `receipt`: the amended pledge. */
export async function applyAmendment(ctx: FinanceContext, current: PledgeRecord, event: PledgeEvent, receipt: Receipt, token: string): Promise<PledgeRecord> {
  const pending = current.pendingAmendment;
  if (pending === null) throw failure('CONFLICT', `pledge ${current.id} has no amendment pending any more; reload it`);
  const applied: AppliedAmendment = {
    ...pending,
    before: { securedAmountFen: current.securedAmountFen, term: current.term },
    confirmedAt: event.at,
    confirmedBy: event.actor,
    receipt,
  };
  const amended: PledgeRecord = {
    ...current,
    securedAmountFen: pending.changes.securedAmountFen ?? current.securedAmountFen,
    term: pending.changes.term ?? current.term,
    pendingAmendment: null,
    amendments: [...current.amendments, applied],
    updatedAt: event.at > current.updatedAt ? event.at : current.updatedAt,
  };
  if (!(await ctx.store.pledges.amend(current.id, applied, event, [amendmentNotice('pledge.amended', amended, pending, event.at, receipt)], token))) {
    throw failure('CONFLICT', `pledge ${current.id} was changed by someone else meanwhile; reload it`);
  }
  return amended;
}
