// One step in a workflow's append-only history (pre-examination and protection cases, pledges),
// who made it, and the one refusal of a step the workflow does not allow.
import { failure } from '../../platform/errors.js';
import type { Identity, Role } from '../../platform/identity.js';

export interface WorkflowEvent<S extends string> {
  readonly at: string;
  /** The key that acted. */
  readonly actor: string;
  readonly role: Role;
  readonly from: S | null;
  readonly to: S;
  readonly note: string | null;
}

/** `identity`'s step from `from` (null: the first) to `to`, at `at`. */
export const workflowEvent = <S extends string>(identity: Identity, at: string, from: S | null, to: S, note: string | null): WorkflowEvent<S> => ({
  at,
  actor: identity.keyId,
  role: identity.role,
  from,
  to,
  note,
});

/** INVALID_TRANSITION unless `to` is among `next`, the states a `what` in `from` may move to; the message says which those are, or that it is closed. */
export function requireMove<S extends string>(what: string, from: S, to: S, next: readonly S[]): void {
  if (next.includes(to)) return;
  throw failure('INVALID_TRANSITION', `a ${from} ${what} cannot move to ${to}; ${next.length === 0 ? 'it is closed' : `next: ${next.join(' or ')}`}`, {
    from,
    to,
  });
}
