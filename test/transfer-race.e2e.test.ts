// Two hub processes on one data directory racing transfers of one patent to different
// enterprises: each transfer claims the patent in the store before its RIGHT_TRANSFER entry is
// signed, so that a lost race is refused before the ledger (subgraphs/enterprises/right-acts.ts).
// The audit counts the ledger's entries against the transfers recorded: no entry attests a
// transfer that did not happen (a patent transfer is registered with CNIPA, Patent Law art. 10(3);
// the hub's record of it is what the ledger attests).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { ClientError, gql, GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import { today } from '../platform/hub-calendar.js';
import { closeStorage, openLedgerOn, openStorage } from '../platform/storage.js';
import { addYears } from '../standards/calendar-date.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';
import { tempDir } from './support/tmp.js';

const MAIN = fileURLToPath(new URL('../apps/hub.ts', import.meta.url));
const TRANSFEREES = 6;
const WAVES = 4;
const PER_WAVE = 24;

/** `npm start` on `dir`, on a port of its own; its URL once it says it is ready. */
function startHub(dir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, IPHUB_MONGODB_URL: '', IPHUB_DATA_DIR: dir, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not say it was ready:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1]! });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** A credit code with its check character, in `region`. */
const uscc = (region: string, n: number): string => {
  const first17 = `91${region}MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
};

const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
    }
  }
`;

describe('transfers racing across two hub processes on one data directory', () => {
  it('sign a RIGHT_TRANSFER entry for every transfer recorded and for no other (Patent Law art. 10(3)), the owner the last transferee', async () => {
    const dir = tempDir('iphub-transfer-race-');
    const hubs: ChildProcess[] = [];
    try {
      const storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
      const { key } = await createKey(openKeyStore(storage), { role: 'CENTER_STAFF' });
      await closeStorage(storage);
      // One after the other: the first creates the databases, the second opens them as they are.
      const a = await startHub(dir.path);
      hubs.push(a.child);
      const b = await startHub(dir.path);
      hubs.push(b.child);
      const [staffA, staffB] = [a.url, b.url].map((url) => new GraphQLClient(url, { headers: { authorization: `Bearer ${key}` } }));

      const register = (n: number) =>
        registerEnterprise(staffA!, { uscc: uscc('440300', n), name: `深圳受让企业 ${n} 有限公司`, regionCode: '440300', industry: '制造业' });
      const owner = await register(0);
      const transferees: string[] = [];
      for (let i = 1; i <= TRANSFEREES; i++) transferees.push(await register(i));
      const filingDate = addYears(today(), -4);
      const number = await registerPatent(staffA!, {
        enterpriseId: owner,
        applicationNumber: applicationNumber(filingDate, '1', 1),
        title: '一种储能电池',
        filingDate,
        status: 'GRANTED',
        grantDate: addYears(filingDate, 2),
        feesPaidThrough: addYears(filingDate, 4),
      });

      const outcomes = new Map<string, number>();
      for (let wave = 0; wave < WAVES; wave++) {
        const requests = Array.from({ length: PER_WAVE }, (_, i) => {
          const staff = i % 2 === 0 ? staffA! : staffB!;
          const input = {
            right: { rightKind: 'PATENT', number },
            toEnterpriseId: transferees[(wave * PER_WAVE + i) % TRANSFEREES],
            contractDate: today(),
            contractDigest: createHash('sha256').update(`转让合同 ${wave}-${i}`).digest('hex'),
          };
          return staff.request(TRANSFER, { input }).then(
            () => 'RECORDED',
            (err: unknown) => {
              if (err instanceof ClientError) return String(err.response.errors?.[0]?.extensions?.code);
              throw err;
            },
          );
        });
        for (const outcome of await Promise.all(requests)) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      // Lost races are refused (CONFLICT), or find the transferee owning the patent already; nothing fails otherwise.
      expect([...outcomes.keys()].filter((o) => !['RECORDED', 'CONFLICT', 'BAD_USER_INPUT'].includes(o))).toEqual([]);
      expect(outcomes.get('RECORDED')).toBeGreaterThan(1);
      expect(outcomes.get('CONFLICT'), JSON.stringify([...outcomes])).toBeGreaterThan(0);

      const { patent } = await staffB!.request<{ patent: { enterprise: { id: string }; transfers: { id: string; to: { id: string } }[] } }>(
        gql`
          query ($n: String!) {
            patent(applicationNumber: $n) {
              enterprise {
                id
              }
              transfers {
                id
                to {
                  id
                }
              }
            }
          }
        `,
        { n: number },
      );
      expect(patent.transfers).toHaveLength(outcomes.get('RECORDED')!);
      expect(patent.enterprise.id).toBe(patent.transfers.at(-1)!.to.id);
      await Promise.all(hubs.map(stop));

      // The audit: the ledger's RIGHT_TRANSFER entries of the patent, against the transfers recorded.
      const audited = await openStorage({ IPHUB_DATA_DIR: dir.path });
      const ledger = await openLedgerOn(audited);
      try {
        const signed: string[] = [];
        for (let seq = 0; ; seq++) {
          const entry = await ledger.entry(seq);
          if (entry === undefined) break;
          if (entry.kind === 'RIGHT_TRANSFER' && entry.subject === `patent:${number}`) signed.push(String(entry.metadata.transfer));
        }
        expect(signed.sort()).toEqual(patent.transfers.map((t) => t.id).sort());
      } finally {
        await ledger.close();
        await closeStorage(audited);
      }
    } finally {
      await Promise.all(hubs.map(stop));
      dir.remove();
    }
  }, 120_000);
});
