// Demo data for `npm start -- --demo`: fills an empty data set with enterprises in real regions
// and industries, their patents, trademarks and copyrights, and evidence deposits on the ledger,
// then makes one partner key and one person's account per role. Deterministic for a given seed
// (and day), except the keys, the passwords and the ledger's timestamps.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createAccount } from '../gateway/accounts/accounts.js';
import { generatePassword } from '../gateway/accounts/passwords.js';
import type { AccountStore } from '../gateway/accounts/store/port.js';
import { createKey } from '../gateway/keys/keys.js';
import type { KeyStore } from '../gateway/keys/store/port.js';
import type { RoleBinding } from '../gateway/roles.js';
import type { Ledger } from '../ledger/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { type Role, ROLES } from '../platform/identity.js';
import type { Storage } from '../platform/storage.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import { type DemoData, generate } from './generate.js';
import { seedCases } from './seed-cases.js';
import { RegistryWriter } from './seed-enterprises.js';
import { seedEvidence } from './seed-evidence.js';
import { seedFinance } from './seed-finance.js';

export interface DemoKeys {
  CENTER_STAFF: string;
  ENTERPRISE: string;
  COURT: string;
  BANK: string;
  INSURER: string;
  GUARANTOR: string;
  /** The enterprise the ENTERPRISE key acts for. */
  enterpriseId: string;
}

export interface DemoOptions {
  /** How many enterprises (default 1200). */
  enterprises?: number;
  /** PRNG seed (default 1): the same seed on the same day gives the same data. */
  seed?: number;
  /** The day fee and expiry states are relative to, YYYY-MM-DD (default: today, UTC). */
  today?: string;
}

export const DEMO_DEFAULT_ENTERPRISES = 1200;
export const DEMO_MAX_ENTERPRISES = 1_000_000;
export const DEMO_COURT = '福州市中级人民法院';
export const DEMO_BANK = '中国工商银行福州分行';
export const DEMO_INSURER = '中国人民财产保险股份有限公司福建省分公司';
export const DEMO_GUARANTOR = '福建省融资担保有限责任公司';

/** What each role acts for in the demo, for its key and its account alike. */
const demoBindings = (enterpriseId: string): Record<Role, RoleBinding> => ({
  CENTER_STAFF: { role: 'CENTER_STAFF' },
  ENTERPRISE: { role: 'ENTERPRISE', enterpriseId },
  COURT: { role: 'COURT', organization: DEMO_COURT },
  BANK: { role: 'BANK', organization: DEMO_BANK },
  INSURER: { role: 'INSURER', organization: DEMO_INSURER },
  GUARANTOR: { role: 'GUARANTOR', organization: DEMO_GUARANTOR },
});

/**
 * Fills an empty data set with demo data and returns one key per role; when enterprises exist
 * already, writes nothing and returns undefined.
 */
export async function seedDemo(storage: Storage, ledger: Ledger, keys: KeyStore, options: DemoOptions = {}): Promise<DemoKeys | undefined> {
  const count = options.enterprises ?? DEMO_DEFAULT_ENTERPRISES;
  if (!Number.isInteger(count) || count < 1 || count > DEMO_MAX_ENTERPRISES) {
    throw new RangeError(`enterprises must be a whole number from 1 to ${DEMO_MAX_ENTERPRISES}; got ${count}`);
  }
  const today = options.today ?? hubToday();
  const enterprisesStore = await openEnterprisesStore(storage);
  try {
    if ((await enterprisesStore.enterprises.count({})) > 0) return undefined;
    // The registry is written on a thread of its own (registry-worker.ts), a chunk at a time
    // as it is drawn, while this thread draws the rest and appends the deposits to the ledger.
    const registry = new RegistryWriter(storage);
    let data: DemoData = { enterprises: [], patents: [], trademarks: [], copyrights: [], deposits: [] };
    try {
      const chunks = generate(count, options.seed ?? 1, today);
      let next = chunks.next();
      for (; !next.done; next = chunks.next()) {
        registry.write(next.value);
        const { enterprises, patents, trademarks, copyrights } = next.value;
        data = {
          ...data,
          enterprises: data.enterprises.concat(enterprises),
          patents: data.patents.concat(patents),
          trademarks: data.trademarks.concat(trademarks),
          copyrights: data.copyrights.concat(copyrights),
        };
      }
      data.deposits = next.value;
      registry.end();

      await seedEvidence(storage, ledger, data.deposits);

      const { protectionCases } = await seedCases(storage, ledger, {
        enterprises: data.enterprises,
        patents: data.patents,
        deposits: data.deposits,
        court: DEMO_COURT,
        today,
      });
      await seedFinance(storage, ledger, {
        enterprises: data.enterprises,
        patents: data.patents,
        bank: DEMO_BANK,
        guarantor: DEMO_GUARANTOR,
        insurer: DEMO_INSURER,
        protectionCases,
        today,
      });
    } catch (err) {
      await registry.abort(); // no writer left behind
      throw err;
    }
    await registry.done;

    const enterpriseId = data.enterprises[0]!.id;
    const bindings = demoBindings(enterpriseId);
    return {
      CENTER_STAFF: (await createKey(keys, bindings.CENTER_STAFF)).key,
      ENTERPRISE: (await createKey(keys, bindings.ENTERPRISE)).key,
      COURT: (await createKey(keys, bindings.COURT)).key,
      BANK: (await createKey(keys, bindings.BANK)).key,
      INSURER: (await createKey(keys, bindings.INSURER)).key,
      GUARANTOR: (await createKey(keys, bindings.GUARANTOR)).key,
      enterpriseId,
    };
  } finally {
    await enterprisesStore.close();
  }
}

/** Writes <dataDir>/demo-keys.json (mode 0600) and returns its path. */
export function writeDemoKeys(dataDir: string, keys: DemoKeys): string {
  const path = join(dataDir, 'demo-keys.json');
  const body = {
    CENTER_STAFF: keys.CENTER_STAFF,
    ENTERPRISE: keys.ENTERPRISE,
    COURT: keys.COURT,
    BANK: keys.BANK,
    INSURER: keys.INSURER,
    GUARANTOR: keys.GUARANTOR,
    enterpriseId: keys.enterpriseId,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // the mode option applies only when the file is created
  return path;
}

export type DemoAccounts = Record<Role, { username: string; password: string }>;

/** One account per role (demo-center_staff, demo-enterprise, ...), bound as the demo's keys, each with a generated password. */
export async function seedDemoAccounts(accounts: AccountStore, enterpriseId: string): Promise<DemoAccounts> {
  const bindings = demoBindings(enterpriseId);
  const made: Partial<DemoAccounts> = {};
  // One at a time: each hash takes 128 MiB.
  for (const role of ROLES) {
    const account = { username: `demo-${role.toLowerCase()}`, password: generatePassword() };
    await createAccount(accounts, { ...bindings[role], ...account });
    made[role] = account;
  }
  return made as DemoAccounts;
}

/** Writes <dataDir>/demo-accounts.json (mode 0600) and returns its path. */
export function writeDemoAccounts(dataDir: string, accounts: DemoAccounts): string {
  const path = join(dataDir, 'demo-accounts.json');
  writeFileSync(path, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // the mode option applies only when the file is created
  return path;
}
