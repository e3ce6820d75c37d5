// One step in a workflow's append-only history: pre-examination and protection cases, pledges.
import type { Role } from '../../platform/identity.js';

export interface WorkflowEvent<S extends string> {
  readonly at: string;
  /** The key that acted. */
  readonly actor: string;
  readonly role: Role;
  readonly from: S | null;
  readonly to: S;
  readonly note: string | null;
}
