// `npm run accounts -- create --username U --role ROLE [--enterprise ID | --organization NAME] [--password-stdin]`,
// `list`, `disable --username U` (its sessions end too). Exits 2 with the usage on bad arguments, 1
// on a refusal with its reason.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';

import { AccountError, createAccount, disableAccount } from '../gateway/accounts/accounts.js';
import { generatePassword } from '../gateway/accounts/passwords.js';
import { openAccountStore } from '../gateway/accounts/store/open.js';
import type { AccountStore } from '../gateway/accounts/store/port.js';
import { openSessionStore } from '../gateway/sessions/store/open.js';
import type { SessionStore } from '../gateway/sessions/store/port.js';
import { isRole, type Role, ROLES } from '../platform/identity.js';
import { closeOnSignals, interrupted } from '../platform/process.js';
import { closeStorage, openStorage } from '../platform/storage.js';

const USAGE =
  'usage: npm run accounts -- create --username USERNAME --role ROLE [--enterprise ID | --organization NAME] [--password-stdin] | list | disable --username USERNAME';
const PAGE = 100;

type Command =
  | { name: 'create'; username: string; role: Role; enterpriseId: string | undefined; organization: string | undefined; passwordStdin: boolean }
  | { name: 'list' }
  | { name: 'disable'; username: string };

function command(): Command {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        enterprise: { type: 'string' },
        organization: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
    });
    const [name, ...extra] = positionals;
    if (extra.length > 0) throw new Error(`unexpected ${extra.join(' ')}`);
    if (name === 'list') return { name };
    if (values.username === undefined) throw new Error(`${name ?? 'a command'} needs --username`);
    if (name === 'disable') return { name, username: values.username };
    if (name !== 'create') throw new Error(name === undefined ? 'no command' : `no command ${name}`);
    if (!isRole(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    if (values.enterprise !== undefined && values.organization !== undefined) throw new Error('give --enterprise or --organization, not both');
    return {
      name,
      username: values.username,
      role: values.role,
      enterpriseId: values.enterprise,
      organization: values.organization,
      passwordStdin: values['password-stdin'],
    };
  } catch (err) {
    console.error(`npm run accounts: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

async function run(accounts: AccountStore, sessions: SessionStore, cmd: Command): Promise<void> {
  if (cmd.name === 'create') {
    // One line, as `printf '%s\n' "$PASSWORD" |` or a file gives it.
    const password = cmd.passwordStdin ? (await text(process.stdin)).replace(/\r?\n$/, '') : generatePassword();
    const { username, role, enterpriseId, organization } = cmd;
    const account = await createAccount(accounts, { username, role, enterpriseId, organization, password });
    console.log(
      `created account ${account.username} (${account.role}${(account.enterpriseId ?? account.organization) ? `, ${account.enterpriseId ?? account.organization}` : ''})`,
    );
    if (!cmd.passwordStdin) console.log(`give this password to its holder; it is not shown again:\n${password}`);
  } else if (cmd.name === 'list') {
    for (let page = await accounts.list(undefined, PAGE); page.length > 0; page = await accounts.list(page.at(-1)!.username, PAGE)) {
      for (const a of page) {
        console.log(
          [a.username, a.role, a.enterpriseId ?? a.organization ?? '-', a.createdAt, a.disabledAt === null ? 'active' : `disabled ${a.disabledAt}`].join('\t'),
        );
      }
    }
  } else {
    const account = await accounts.byUsername(cmd.username);
    if (account === undefined) throw new AccountError(`no account with the username ${JSON.stringify(cmd.username)}`);
    await disableAccount(accounts, account.id);
    // A session is refused once its account is disabled anyway; this clears them from the store.
    await sessions.deleteForAccount(account.id);
    console.log(`disabled ${account.username}`);
  }
}

const cmd = command();
const storage = await openStorage();
const accounts = await openAccountStore(storage);
const sessions = await openSessionStore(storage);
const close = closeOnSignals(async () => {
  await sessions.close();
  await accounts.close();
  await closeStorage(storage);
}, interrupted);
try {
  await run(accounts, sessions, cmd);
} catch (err) {
  if (!(err instanceof AccountError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await close();
}
