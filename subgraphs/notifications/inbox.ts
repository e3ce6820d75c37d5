// Each enterprise's and organisation's inbox, with its unread count, marked read by its reader.
import { recipientOf } from '../../outbox/audience.js';
import { badInput, forbidden } from '../../platform/errors.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { requireIdentity } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, pageArgDescriptions } from '../common/shared-types.js';
import { builder, inboxKey, NotificationType, PageInfo, parseKey } from './builder.js';
import type { NotificationsContext } from './context.js';
import type { InboxItem } from './domain/model.js';

/** Most ids one markNotificationsRead takes. */
const MAX_MARK = 100;

const InboxNotification = builder.objectRef<InboxItem>('InboxNotification').implement({
  description: 'A notification in an inbox, with whether that inbox has marked it read',
  fields: (t) => ({
    notification: t.field({ type: NotificationType, description: 'The notification', resolve: (i) => i.notification }),
    read: t.exposeBoolean('read', { description: 'Whether the inbox marked it read (markNotificationsRead, markAllNotificationsRead)' }),
  }),
});

const InboxConnection = connectionType(builder, 'InboxNotification', InboxNotification, PageInfo);
const Inbox = builder.objectRef<{ recipient: string; first?: number | null; after?: string | null }>('Inbox').implement({
  description: "The caller's inbox: an enterprise's, an organisation's (bank, court, insurer), or the centre's",
  fields: (t) => ({
    unreadCount: t.int({ description: 'How many of its notifications are not marked read', resolve: (i, _args, ctx) => ctx.store.unreadCount(i.recipient) }),
    notifications: t.field({
      type: InboxConnection,
      description: 'Newest first',
      args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
      resolve: async (i, args, ctx) => {
        const page = pageRequest(args.first, args.after);
        const rows = await ctx.store.inbox(i.recipient, parseKey(page.after), page.first + 1);
        return toConnection(
          rows,
          page,
          (r) => inboxKey(r.notification.occurredAt, r.notification.id),
          () => ctx.store.inboxCount(i.recipient),
        );
      },
    }),
  }),
});

/** The inbox the caller reads: FORBIDDEN for an identity bound to no enterprise or organisation. */
function recipient(ctx: NotificationsContext): string {
  const key = recipientOf(requireIdentity(ctx));
  if (key === undefined) throw forbidden('this identity acts for no enterprise or organisation, so it has no inbox');
  return key;
}

builder.queryFields((t) => ({
  inbox: t.field({
    type: Inbox,
    description: "The caller's own inbox and its unread count",
    tag: calledBy(...ANY_ROLE),
    resolve: (_root, _args, ctx) => ({ recipient: recipient(ctx) }),
  }),
}));

mutationForms(builder, {
  name: 'markNotificationsRead',
  payload: 'notificationsMarkRead',
  object: 'markedCount',
  type: 'Int',
  description: `Marks notifications of the caller's inbox read (${MAX_MARK} at most); how many were unread`,
  callers: ANY_ROLE,
  args: (t) => ({
    ids: t.idList({
      required: true,
      description: `The notifications' ids, 1 to ${MAX_MARK}; one not in the caller's inbox, or read already, changes nothing`,
    }),
  }),
  resolve: async ({ ids }, ctx) => {
    const inbox = recipient(ctx);
    if (ids.length === 0 || ids.length > MAX_MARK) throw badInput(`ids must name 1 to ${MAX_MARK} notifications`, 'ids');
    return ctx.store.markRead(inbox, ids.map(String));
  },
});

mutationForms(builder, {
  name: 'markAllNotificationsRead',
  payload: 'notificationsMarkAllRead',
  object: 'markedCount',
  type: 'Int',
  description: "Marks every notification of the caller's inbox read; how many were unread",
  callers: ANY_ROLE,
  args: () => ({}),
  resolve: async (_args, ctx) => ctx.store.markAllRead(recipient(ctx)),
});
