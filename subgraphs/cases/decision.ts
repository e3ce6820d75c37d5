// A case's decision, anchored in the ledger: the staff's move and the demo's seeding record it
// alike. Staff's moves are claimed before anything is signed, so that no entry records a decision
// that did not happen.
import { randomUUID } from 'node:crypto';

import { GraphQLError } from 'graphql';

import type { Ledger, Receipt } from '../../ledger/index.js';
import { documentDigest, type Metadata } from '../../ledger/index.js';
import type { Notification } from '../../outbox/notification.js';
import { failure } from '../../platform/errors.js';
import { staleBefore } from '../common/claim-lease.js';
import { appendOrFail } from '../common/ledger-append.js';
import type { CaseEvent } from './domain/model.js';
import type { CaseMoves } from './store/port.js';

/** The decision document of a pre-examination case: the CASE_DECISION entry's metadata. */
export const preExamDecision = (c: { id: string; applicationNumber: string }, decision: string, decidedAt: string, note: string | null): Metadata => ({
  case: c.id,
  applicationNumber: c.applicationNumber,
  decision,
  decidedAt,
  note,
});

/** The outcome document of a protection case, naming the court of a referral: the CASE_DECISION entry's metadata. */
export const protectionOutcome = (id: string, outcome: string, decidedAt: string, note: string | null, court: string | null): Metadata => ({
  case: id,
  outcome,
  decidedAt,
  note,
  court,
});

/**
 * Records a case decision in the ledger: a CASE_DECISION entry whose content digest is the
 * SHA-256 of the decision document's canonical JSON, the document itself its metadata.
 */
export function anchorDecision(ledger: Ledger, subject: string, actor: string, decision: Metadata): Promise<Receipt> {
  return appendOrFail(ledger, { kind: 'CASE_DECISION', subject, contentDigest: documentDigest(decision), depositor: actor, metadata: decision }, 'decision');
}

/** A decision as it was signed: its entry's receipt and document. */
interface SignedDecision {
  readonly receipt: Receipt;
  readonly document: Metadata;
}

/** One move of a case by staff, and the decision it signs (null for a move that signs nothing). */
interface CaseMove<S extends string> {
  readonly id: string;
  /** The case's ledger subject: `pre-exam:<id>`, `protection:<id>`. */
  readonly subject: string;
  /** The state the case was read in. */
  readonly from: S;
  readonly event: CaseEvent<S>;
  readonly decision: Metadata | null;
}

/** What a move, as signed, does to a case: the store's changes, the case after it, and its notifications. */
type MoveResult<Changes, R> = { changes: Changes; after: R; notify: readonly Notification[] };

/**
 * Makes `move`: claims the case, appends its decision, then moves it with the claim. Of racing
 * moves one holds the claim and the others are refused (CONFLICT) before anything is signed; a
 * ledger that refused the entry frees the claim, one whose outcome is unknown keeps it. A claim
 * left by a request that died after signing is taken over once stale, and the move it signed,
 * found on the ledger by its digest, is finished as it was signed instead of signing another.
 * `result` says what a move does, for this request's move or such a dead one.
 */
export async function moveClaimed<S extends string, Changes, R>(
  ledger: Ledger,
  cases: CaseMoves<S, Changes>,
  move: CaseMove<S>,
  result: (event: CaseEvent<S>, signed: SignedDecision | null) => MoveResult<Changes, R>,
): Promise<R> {
  const { id, from, event, decision } = move;
  const token = randomUUID();
  const digest = decision === null ? null : documentDigest(decision);
  const claimed = await cases.claimMove(id, from, { token, at: event.at, digest, event }, staleBefore());
  if (!claimed.ok) throw failure('CONFLICT', `case ${id} is being moved by another request, or was moved meanwhile; reload it`);
  const finished = await finishSigned(ledger, cases, move, claimed.replaced, token, result);
  if (finished !== undefined) return finished;
  let signed: SignedDecision | null = null;
  if (decision !== null) {
    try {
      signed = { receipt: await anchorDecision(ledger, move.subject, event.actor, decision), document: decision };
    } catch (err) {
      // Kept when the entry may yet be recorded: a later move finds it by its digest and finishes it.
      if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await cases.dropClaim(id, token);
      throw err;
    }
  }
  const moved = result(event, signed);
  // Lost only when this request outlived its claim's lease and another took it over.
  if (!(await cases.transition(id, from, event, moved.changes, moved.notify, token)))
    throw failure('CONFLICT', `case ${id} was moved by someone else meanwhile; reload it`);
  return moved.after;
}

/**
 * Finishes the move of `dead`, a stale claim this request took over, when its decision is on the
 * ledger: the case as moved when it went where `move` goes, else CONFLICT naming the entry.
 * Undefined when it signed nothing: this request's move goes on.
 */
async function finishSigned<S extends string, Changes, R>(
  ledger: Ledger,
  cases: CaseMoves<S, Changes>,
  move: CaseMove<S>,
  dead: { digest: string | null; event: CaseEvent<S> } | null,
  token: string,
  result: (event: CaseEvent<S>, signed: SignedDecision | null) => MoveResult<Changes, R>,
): Promise<R | undefined> {
  if (dead?.digest == null) return undefined;
  const entry = (await ledger.findByContentDigest(dead.digest)).find((e) => e.kind === 'CASE_DECISION' && e.subject === move.subject);
  if (entry === undefined) return undefined;
  const moved = result(dead.event, { receipt: { seq: entry.seq, entryHash: entry.entryHash, timestamp: entry.timestamp }, document: entry.metadata });
  if (!(await cases.transition(move.id, move.from, dead.event, moved.changes, moved.notify, token)))
    throw failure('CONFLICT', `case ${move.id} was moved by someone else meanwhile; reload it`);
  if (dead.event.to !== move.event.to)
    throw failure('CONFLICT', `case ${move.id} was moved to ${dead.event.to} (its decision is on the ledger, entry ${entry.seq}); reload it`);
  return moved.after;
}
