// A notification as a Standard Webhooks request: the body `{"type", "timestamp", "data"}`, and the
// webhook-id (the notification's id, the same on every retry: the receiver's idempotency key),
// webhook-timestamp and webhook-signature (HMAC-SHA256 of id, timestamp and body, with the
// subscription's secret) headers; and how it is sent.
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

import { Webhook } from 'standardwebhooks';

import type { Notification } from '../../outbox/notification.js';
import { type DestinationPolicy, type Lookup, resolveDestination } from './destination.js';

export interface WebhookRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The request for `n`, signed with each of `secrets` as sent at `at` (Standard Webhooks carries
 * several signatures, space-separated, while a rotated-out secret still signs: a receiver holding
 * either verifies). The audience stays out: it is the hub's business.
 */
export function webhookRequest(n: Notification, secrets: readonly string[], at: Date): WebhookRequest {
  const body = JSON.stringify({ type: n.type, timestamp: n.occurredAt, data: { id: n.id, subject: n.subject, ...n.data } });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': n.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(n.id, at, body)).join(' '),
    },
  };
}

/** Sends a webhook request; resolves with the HTTP status the receiver answered. */
export type WebhookSend = (url: string, request: WebhookRequest, signal: AbortSignal) => Promise<number>;

/**
 * Posts to the address resolveDestination checked (the connection's own lookup answers with it:
 * no second lookup), never following a redirect, never reading the body. Rejects with
 * WebhookUrlRefused for a refused destination and with the signal's reason once it aborts.
 */
export function webhookSender(policy: DestinationPolicy, lookup?: Lookup): WebhookSend {
  return async (url, request, signal) => {
    const target = new URL(url);
    const { address, family } = await resolveDestination(target, policy, lookup);
    const pinned: LookupFunction = (_host, options, callback) => {
      if (options.all) (callback as (err: null, addresses: LookupAddress[]) => void)(null, [{ address, family }]);
      else (callback as (err: null, address: string, family: number) => void)(null, address, family);
    };
    return new Promise<number>((resolve, reject) => {
      const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
        target,
        { method: 'POST', headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) }, lookup: pinned, signal, agent: false },
        (res) => {
          res.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (err) => reject(signal.aborted ? (signal.reason as unknown) : err));
      req.end(request.body);
    });
  };
}
