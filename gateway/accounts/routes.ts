// Centre staff managing people's accounts over HTTP: a page of accounts, a new account with a
// generated password shown once, disabling one (its sessions end at once).
import { readJsonObject, sendJson } from '../../platform/http.js';
import { isRole, ROLES } from '../../platform/identity.js';
import { accountJson, AUTH_BODY_BYTES, type AuthHandler, badInput, hashing, optionalText, staff, text } from '../sessions/people.js';
import { AccountError, createAccount, disableAccount } from './accounts.js';
import { generatePassword } from './passwords.js';

const PAGE_DEFAULT = 50;
const PAGE_MAX = 100;

/** GET /auth/accounts?after=<username>&first=<1..100>: accounts in username order; `next` is the `after` of the next page. */
export const listAccountsRoute: AuthHandler = async (people, req, res) => {
  await staff(people, req, false);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const given = query.get('first');
  const first = given === null ? PAGE_DEFAULT : /^\d{1,3}$/.test(given) ? Number(given) : NaN;
  if (!(first >= 1 && first <= PAGE_MAX)) throw badInput(`first must be a whole number from 1 to ${PAGE_MAX}; got ${JSON.stringify(given)}`);
  // One more than asked says whether another page follows.
  const page = await people.accounts.list(query.get('after') ?? undefined, first + 1);
  const accounts = page.slice(0, first);
  sendJson(res, 200, { accounts: accounts.map(accountJson), next: page.length > first ? accounts.at(-1)!.username : null });
};

/** POST /auth/accounts {username, role, enterpriseId?, organization?}: 201 with the account and its password, shown this once. */
export const createAccountRoute: AuthHandler = async (people, req, res) => {
  await staff(people, req, true);
  const body = await readJsonObject(req, AUTH_BODY_BYTES);
  const username = text(body, 'username');
  const role = body.role;
  if (!isRole(role)) throw badInput(`role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(role ?? null)}`);
  const spec = { username, role, enterpriseId: optionalText(body, 'enterpriseId'), organization: optionalText(body, 'organization') };
  const password = generatePassword();
  const account = await hashing(people, () =>
    createAccount(people.accounts, { ...spec, password }, { enterprise: 'enterpriseId', organization: 'organization' }),
  );
  sendJson(res, 201, { account: accountJson(account), password });
};

/** POST /auth/accounts/disable {id}: the account, now disabled; its sessions end at once. */
export const disableAccountRoute: AuthHandler = async (people, req, res) => {
  const by = await staff(people, req, true);
  const id = text(await readJsonObject(req, AUTH_BODY_BYTES), 'id');
  // Else the last member of staff could lock everyone out of the web application.
  if (by.keyId === `account:${id}`) throw badInput('you cannot disable your own account; ask another member of staff');
  let account;
  try {
    account = await disableAccount(people.accounts, id);
  } catch (err) {
    if (err instanceof AccountError) throw badInput(err.message);
    throw err;
  }
  await people.sessions.endAll(id);
  sendJson(res, 200, { account: accountJson(account) });
};
