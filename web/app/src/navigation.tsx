// Which pages each role has, in menu order: the paths, their menu labels and their test ids
// (`nav-<name>`, a contract with the browser tests).
import type { Role } from './api';
import type { MessageKey } from './messages';

export interface NavItem {
  /** The path, and `nav-<name>` its link's test id. */
  readonly name: string;
  readonly label: MessageKey;
}

const INBOX: NavItem = { name: 'inbox', label: 'nav.inbox' };

const ENTERPRISE: NavItem[] = [
  { name: 'rights', label: 'nav.rights' },
  INBOX,
  { name: 'deposit', label: 'nav.deposit' },
  { name: 'deposits', label: 'nav.deposits' },
  { name: 'data-assets', label: 'nav.dataAssets' },
  { name: 'cases', label: 'nav.cases' },
  { name: 'finance', label: 'nav.finance' },
];

const STAFF: NavItem[] = [
  { name: 'cockpit', label: 'nav.cockpit' },
  INBOX,
  { name: 'preexam', label: 'nav.preexam' },
  { name: 'protection', label: 'nav.protection' },
  { name: 'registry', label: 'nav.registry' },
  { name: 'disposals', label: 'nav.disposals' },
  { name: 'import', label: 'nav.import' },
  { name: 'pledges', label: 'nav.pledges' },
  { name: 'policies', label: 'nav.policies' },
  { name: 'deliveries', label: 'nav.deliveries' },
  { name: 'accounts', label: 'nav.accounts' },
];

export const NAVIGATION: Record<Role, NavItem[]> = {
  ENTERPRISE,
  CENTER_STAFF: STAFF,
  BANK: [{ name: 'pledges', label: 'nav.pledges' }, INBOX],
  GUARANTOR: [{ name: 'pledges', label: 'nav.pledges' }, INBOX],
  INSURER: [{ name: 'policies', label: 'nav.policies' }, INBOX],
  COURT: [{ name: 'court', label: 'nav.court' }, { name: 'freezes', label: 'nav.freezes' }, INBOX],
};

/** Where a role lands after signing in. */
export const homeOf = (role: Role): string => `/${NAVIGATION[role][0]!.name}`;
