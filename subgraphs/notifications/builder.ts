// The notifications subgraph's builder and the types its topics share: the notification, pages
// and their newest-first cursor.
import type { Notification } from '../../outbox/notification.js';
import { badInput } from '../../platform/errors.js';
import { createBuilder } from '../common/create-builder.js';
import { jsonScalar, pageInfoType, roleEnum } from '../common/shared-types.js';
import type { NotificationsContext } from './context.js';
import type { PageKey } from './store/port.js';

export const builder = createBuilder<NotificationsContext>();
jsonScalar(builder);
export const PageInfo = pageInfoType(builder);
export const Role = roleEnum(builder);

export const NotificationType = builder.objectRef<Notification>('Notification').implement({
  description: 'One event of the hub told to the people it concerns: a fee warning, a case moved, a pledge or licence registered',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable: the webhook-id of its deliveries' }),
    type: t.exposeString('type', { description: 'e.g. patent.annual_fee.warning, case.moved, pledge.registered' }),
    occurredAt: t.field({ type: 'DateTime', description: "When the event happened: the timestamp in a webhook's body", resolve: (n) => n.occurredAt }),
    subject: t.exposeString('subject', { description: 'What it is about, e.g. patent:202310123456.7' }),
    data: t.field({
      type: 'JSON',
      description:
        "The event's details, a JSON object of at most 16 KiB whose keys depend on its type (docs/notifications.md); a webhook sends them beside id and subject",
      resolve: (n) => n.data,
    }),
  }),
});

/** The newest-first cursor: when it occurred, then its id. */
export const inboxKey = (occurredAt: string, id: string): string => `${occurredAt} ${id}`;
export function parseKey(after: string | undefined): PageKey | undefined {
  if (after === undefined) return undefined;
  const [occurredAt = '', ...rest] = after.split(' ');
  const id = rest.join(' ');
  if (Number.isNaN(Date.parse(occurredAt)) || id === '') throw badInput('after is not a cursor this API returned', 'after');
  return { occurredAt, id };
}
