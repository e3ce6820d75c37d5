// The webhook request: the Standard Webhooks body and headers, signed so that its library verifies it.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import type { Notification } from '../../outbox/notification.js';
import { webhookRequest } from './webhook.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 8).toString('base64')}`;
const N: Notification = {
  id: 'outbox:finance:7',
  type: 'pledge.registered',
  occurredAt: '2026-03-02T08:00:00.000Z',
  subject: 'pledge:P-7',
  audience: [{ kind: 'ORGANIZATION', role: 'BANK', name: 'A' }],
  data: { amountFen: 100_000_000, pledgee: 'A' },
};

describe('a webhook request', () => {
  it('carries type, timestamp and data (id, subject and the data), not the audience', () => {
    const { body, headers } = webhookRequest(N, [SECRET], new Date());
    expect(JSON.parse(body)).toStrictEqual({
      type: 'pledge.registered',
      timestamp: '2026-03-02T08:00:00.000Z',
      data: { id: 'outbox:finance:7', subject: 'pledge:P-7', amountFen: 100_000_000, pledgee: 'A' },
    });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe(N.id);
  });

  it('is signed with the secret as sent, in whole seconds', () => {
    const at = new Date();
    const { body, headers } = webhookRequest(N, [SECRET], at);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(SECRET).verify(body, { ...headers })).toStrictEqual(JSON.parse(body));
    expect(() => new Webhook(OTHER).verify(body, { ...headers })).toThrow(/No matching signature/);
  });

  it('is signed with each secret while a rotated-out one still signs: a receiver holding either verifies it', () => {
    const { body, headers } = webhookRequest(N, [OTHER, SECRET], new Date());
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(SECRET).verify(body, { ...headers })).toStrictEqual(JSON.parse(body));
    expect(new Webhook(OTHER).verify(body, { ...headers })).toStrictEqual(JSON.parse(body));
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`).verify(body, { ...headers })).toThrow(/No matching signature/);
  });
});
