// On SQLite a subscription's secret is stored sealed, and a database from before sealing has its
// plain secrets sealed when it opens, each still the one its receiver checks signatures with.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import type { Identity } from '../../../platform/identity.js';
import { TEST_SECRET_BOX } from '../../../test/support/secrets.js';
import { newSubscription } from '../domain/subscription.js';
import { openSqliteNotificationStore } from './sqlite.js';

const OWNER: Identity = { keyId: 'k-bank', role: 'BANK', organization: '招商银行' };
const rawSecrets = (db: Database.Database): string[] =>
  db
    .prepare<[], { secret: string }>('SELECT secret FROM subscriptions ORDER BY id')
    .all()
    .map((r) => r.secret);

describe('subscription secrets on SQLite', () => {
  it('are stored sealed, and read back as made', async () => {
    const db = new Database(':memory:');
    const store = openSqliteNotificationStore(db, TEST_SECRET_BOX);
    const s = newSubscription(OWNER, { url: 'https://bank.example/hooks', eventTypes: [] });
    await store.createSubscription(s);
    expect(rawSecrets(db)).toEqual([expect.stringMatching(/^sealed:v1:/)]);
    expect(rawSecrets(db)[0]).not.toContain(s.secret.slice(6));
    expect((await store.subscription(s.id))!.secret).toBe(s.secret);
    await store.close();
  });

  it('seals the plain secrets of a database from before, on opening it', async () => {
    const db = new Database(':memory:');
    const store = openSqliteNotificationStore(db, TEST_SECRET_BOX);
    const s = newSubscription(OWNER, { url: 'https://bank.example/hooks', eventTypes: [] });
    await store.createSubscription(s);
    // As an earlier version stored it.
    db.prepare('UPDATE subscriptions SET secret = ?').run(s.secret);
    const reopened = openSqliteNotificationStore(db, TEST_SECRET_BOX);
    expect(rawSecrets(db)).toEqual([expect.stringMatching(/^sealed:v1:/)]);
    expect((await reopened.subscription(s.id))!.secret).toBe(s.secret);
    await reopened.close();
  });
});
