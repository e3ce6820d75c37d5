// What a role must act for, the same for a partner key and a person's account: an ENTERPRISE for
// one enterprise, a COURT, BANK, INSURER or GUARANTOR for one institution, CENTER_STAFF for the centre.
import { isRole, ORGANIZATION_KINDS, type Role } from '../platform/identity.js';

export interface RoleBinding {
  readonly role: Role;
  readonly enterpriseId?: string | undefined;
  readonly organization?: string | undefined;
}

/** The options that name the binding on a command line, for the message. */
export interface BindingOptions {
  /** What is being made: `key` or `account`. */
  readonly noun: string;
  readonly enterprise: string;
  readonly organization: string;
}

/** Why the role and its binding do not fit, or undefined when they do. */
export function roleBindingProblem(spec: RoleBinding, options: BindingOptions): string | undefined {
  const { noun } = options;
  if (!isRole(spec.role)) return `unknown role ${JSON.stringify(spec.role)}`;
  if (spec.role === 'ENTERPRISE' && !spec.enterpriseId) return `an ENTERPRISE ${noun} needs ${options.enterprise} <enterprise id>`;
  if (spec.role !== 'ENTERPRISE' && spec.enterpriseId) return `only ENTERPRISE ${noun}s act for an enterprise`;
  if ((ORGANIZATION_KINDS as readonly string[]).includes(spec.role) && !spec.organization) {
    return `a ${spec.role} ${noun} needs ${options.organization} <the institution it acts for>`;
  }
  return undefined;
}
