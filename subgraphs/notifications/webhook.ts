// A notification as a Standard Webhooks request: the body `{"type", "timestamp", "data"}`, and the
// webhook-id (the notification's id, the same on every retry: the receiver's idempotency key),
// webhook-timestamp and webhook-signature (HMAC-SHA256 of id, timestamp and body, with the
// subscription's secret) headers.
import { Webhook } from 'standardwebhooks';

import type { Notification } from '../../outbox/notification.js';

export interface WebhookRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The request for `n`, signed with `secret` as sent at `at`. The audience stays out: it is the hub's business. */
export function webhookRequest(n: Notification, secret: string, at: Date): WebhookRequest {
  const body = JSON.stringify({ type: n.type, timestamp: n.occurredAt, data: { id: n.id, subject: n.subject, ...n.data } });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': n.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(n.id, at, body),
    },
  };
}
