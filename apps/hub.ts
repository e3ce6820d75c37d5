// `npm start`: the whole hub in one process on the embedded default (SQLite under ./data, or
// IPHUB_DATA_DIR), the gateway on PORT (4000). `npm start -- --demo` first fills an empty data
// directory with demo data and writes one key per role to <data dir>/demo-keys.json and one
// person's account per role to demo-accounts.json;
// `--enterprises N` sets its size (default 1,200; a province is about 120,000).
import { parseArgs } from 'node:util';

import { DEMO_DEFAULT_ENTERPRISES, DEMO_MAX_ENTERPRISES, seedDemo, seedDemoAccounts, writeDemoAccounts, writeDemoKeys } from '../demo/index.js';
import { startHub } from '../gateway/hub.js';
import { limitsFromEnvOrExit } from '../gateway/limits/limits.js';
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { closeOnSignals } from '../platform/process.js';

function options(): { demo: boolean; enterprises: number } {
  try {
    const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false }, enterprises: { type: 'string' } } });
    const enterprises = values.enterprises === undefined ? DEMO_DEFAULT_ENTERPRISES : Number(values.enterprises);
    if (values.enterprises !== undefined && !values.demo) throw new Error('--enterprises sizes the demo: give it with --demo');
    if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > DEMO_MAX_ENTERPRISES) {
      throw new Error(`--enterprises must be a whole number from 1 to ${DEMO_MAX_ENTERPRISES.toLocaleString('en')}; got ${values.enterprises}`);
    }
    return { demo: values.demo, enterprises };
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}\nusage: npm start [-- --demo [--enterprises N]]`);
    process.exit(2);
  }
}

const values = options();
calendarFromEnvOrExit('npm start');
const hub = await startHub({ port: Number(process.env.PORT ?? 4000), limits: limitsFromEnvOrExit() });

if (values.demo) {
  if (hub.storage.kind !== 'sqlite') throw new Error('--demo fills the embedded SQLite data directory only');
  const started = Date.now();
  const keys = await seedDemo(hub.storage, hub.ledger, hub.keys, { enterprises: values.enterprises });
  if (keys === undefined) console.log('demo: the data directory holds data already; nothing seeded, demo-keys.json and demo-accounts.json kept');
  else {
    const accounts = await seedDemoAccounts(hub.accounts, keys.enterpriseId);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const dir = hub.storage.dataDir;
    console.log(`demo: seeded in ${seconds} s; keys in ${writeDemoKeys(dir, keys)}, accounts in ${writeDemoAccounts(dir, accounts)}`);
  }
}

const origin = hub.url.replace(/\/graphql$/, '');
console.log(`IP Hub gateway ready at ${hub.url} (GraphiQL there in a browser)`);
console.log(`web application: ${origin}/ (sign in with an account from npm run accounts, or demo-accounts.json)`);
console.log(`evidence verification page: ${origin}/verify`);
console.log(`ledger verifier key: ${hub.ledger.verifierKey}`);

closeOnSignals(() => hub.close());
