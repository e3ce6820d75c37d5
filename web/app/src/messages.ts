// Every message the page shows, as [中文, English]: one module per area, merged here.
import { ACCOUNT } from './messages/account';
import { COCKPIT } from './messages/cockpit';
import { COMMON } from './messages/common';
import { COURT } from './messages/court';
import { DISPOSALS } from './messages/disposals';
import { ENTERPRISE } from './messages/enterprise';
import { INBOX } from './messages/inbox';
import { INSURANCE } from './messages/insurance';
import { LIFECYCLE } from './messages/lifecycle';
import { OPERATIONS } from './messages/operations';
import { PLEDGES } from './messages/pledges';
import { PROTECTION } from './messages/protection';
import { REGISTRY } from './messages/registry';
import { STAFF } from './messages/staff';

const MODULES = [COMMON, ENTERPRISE, STAFF, PROTECTION, REGISTRY, ACCOUNT, PLEDGES, INSURANCE, COURT, COCKPIT, INBOX, LIFECYCLE, DISPOSALS, OPERATIONS];
const merged = {
  ...COMMON,
  ...ENTERPRISE,
  ...STAFF,
  ...PROTECTION,
  ...REGISTRY,
  ...ACCOUNT,
  ...PLEDGES,
  ...INSURANCE,
  ...COURT,
  ...COCKPIT,
  ...INBOX,
  ...LIFECYCLE,
  ...DISPOSALS,
  ...OPERATIONS,
};

// A key defined in two modules would silently take the later text.
const defined = MODULES.reduce<number>((n, m) => n + Object.keys(m).length, 0);
if (defined !== Object.keys(merged).length) throw new Error('a message key is defined in two modules of web/app/src/messages');

export type MessageKey = keyof typeof merged;
export const MESSAGES: Record<MessageKey, readonly [string, string]> = merged;
