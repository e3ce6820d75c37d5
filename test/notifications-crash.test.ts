// kill -9 of the hub in the middle of deliveries, then a restart: every notification reaches the
// receiver at least once, and none whose acknowledgement the hub had recorded is sent again.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import type { Notification } from '../outbox/notification.js';
import { sqliteOutbox } from '../outbox/sqlite.js';
import { secretBox } from '../platform/secret-box.js';
import { closeStorage, openStorage, secretsKey } from '../platform/storage.js';
import { newSubscription } from '../subgraphs/notifications/domain/subscription.js';
import { openSqliteNotificationStore } from '../subgraphs/notifications/store/sqlite.js';
import { tempDir } from './support/tmp.js';

const NOTIFICATIONS = 400;
const main = fileURLToPath(new URL('../apps/hub.ts', import.meta.url));

/** The hub as `npm start` runs it, on `dir`; resolves once it says it is ready. */
function startHub(dir: string): Promise<{ kill(signal: NodeJS.Signals): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        IPHUB_MONGODB_URL: '',
        IPHUB_DATA_DIR: dir,
        PORT: '0',
        IPHUB_WEBHOOK_TIMEOUT_MS: '2000',
        IPHUB_WEBHOOK_LEASE_MS: '3000',
        IPHUB_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not say it was ready:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready at/.test(output)) {
        clearTimeout(timer);
        resolve({
          kill: async (signal) => {
            child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}

const note = (i: number): Notification => ({
  id: `case.moved:crash-${i}`,
  type: 'case.moved',
  occurredAt: new Date(Date.UTC(2026, 2, 1, 8, 0, 0, i)).toISOString(),
  subject: `pre_exam_case:${i}`,
  audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
  data: { i },
});

describe('notifications across a kill -9', () => {
  it('delivers every notification at least once, and none already acknowledged again', async () => {
    const dir = tempDir('iphub-notify-crash-');
    // What the receiver saw: each webhook-id with when, and whether its signature held.
    const received: { id: string; at: number; verified: boolean }[] = [];
    let secret = '';
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let verified = true;
        try {
          new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        received.push({ id: String(req.headers['webhook-id']), at: Date.now(), verified });
        // A little while to answer, so that the kill finds sends under way.
        setTimeout(() => res.writeHead(200).end(), Math.random() * 20);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    try {
      // A staff key's subscription (it receives everything), and the events waiting in a store's outbox.
      const store = openSqliteNotificationStore(
        new Database(join(dir.path, 'notifications.db')),
        secretBox(secretsKey({ kind: 'sqlite', dataDir: dir.path }, {})),
      );
      // Its owner a real staff key: a subscription whose owner no longer acts is sent nothing.
      const storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
      const { id: keyId } = await createKey(openKeyStore(storage), { role: 'CENTER_STAFF' });
      await closeStorage(storage);
      const subscription = newSubscription({ keyId, role: 'CENTER_STAFF' }, { url, eventTypes: [] });
      secret = subscription.secret;
      await store.createSubscription(subscription);
      await store.close();
      const casesDb = new Database(join(dir.path, 'cases.db'));
      sqliteOutbox(casesDb, 'cases').write(Array.from({ length: NOTIFICATIONS }, (_, i) => note(i)));
      casesDb.close();

      const first = await startHub(dir.path);
      await expect.poll(() => received.length, { timeout: 30_000, interval: 5 }).toBeGreaterThan(NOTIFICATIONS / 4);
      await first.kill('SIGKILL');
      const killedAt = Date.now();
      expect(received.length, 'some deliveries were left for after the kill').toBeLessThan(NOTIFICATIONS);

      // What the hub had recorded as acknowledged when it died.
      const recorded = openSqliteNotificationStore(
        new Database(join(dir.path, 'notifications.db')),
        secretBox(secretsKey({ kind: 'sqlite', dataDir: dir.path }, {})),
      );
      const acknowledged = new Set<string>();
      for (let after: { occurredAt: string; id: string } | undefined; ;) {
        const page = await recorded.deliveries('DELIVERED', after, 100);
        for (const d of page) acknowledged.add(d.notificationId);
        if (page.length < 100) break;
        after = { occurredAt: page.at(-1)!.occurredAt, id: page.at(-1)!.id };
      }
      await recorded.close();
      expect(acknowledged.size).toBeGreaterThan(0);

      const second = await startHub(dir.path);
      try {
        await expect.poll(() => new Set(received.map((r) => r.id)).size, { timeout: 60_000, interval: 50 }).toBe(NOTIFICATIONS);
      } finally {
        await second.kill('SIGTERM');
      }
      const afterRestart = received.filter((r) => r.at > killedAt);
      expect(afterRestart.filter((r) => acknowledged.has(r.id))).toStrictEqual([]);
      expect(received.every((r) => r.verified)).toBe(true);
      // Sent twice only when cut off between the receiver's answer and the hub's record of it.
      const twice = received.length - NOTIFICATIONS;
      expect(twice).toBeLessThanOrEqual(8);
      console.log(`kill -9: ${acknowledged.size} acknowledged before the kill, ${afterRestart.length} sent after the restart, ${twice} sent twice`);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      dir.remove();
    }
  }, 150_000);
});
