// People's accounts: a username and password standing for the same identity a partner key does
// (role, and the enterprise or institution it acts for), so subgraphs authorize a person as a key.
import { randomBytes } from 'node:crypto';

import type { Identity, Role } from '../../platform/identity.js';
import { roleBindingProblem } from '../roles.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { type AccountRecord, type AccountStore, DuplicateUsernameError } from './store/port.js';

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  enterpriseId?: string | undefined;
  organization?: string | undefined;
}

/** A refusal a person can act on; the message says what to change. */
export class AccountError extends Error {
  override readonly name = 'AccountError';
}

/** The current password given was not right: a failure to count, as a failed sign-in is. */
export class WrongPasswordError extends AccountError {
  constructor() {
    super('the current password is not right');
  }
}

/** How the caller names the binding's fields in a message: options on the command line, JSON fields over HTTP. */
export interface BindingNames {
  readonly enterprise: string;
  readonly organization: string;
}

const CLI_NAMES: BindingNames = { enterprise: '--enterprise', organization: '--organization' };

const USERNAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

function refuseBadUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new AccountError(`a username must be 2 to 64 letters, digits, or . _ @ - (no spaces); got ${JSON.stringify(username)}`);
  }
}

function refuseBadPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new AccountError(problem);
}

export async function createAccount(store: AccountStore, spec: NewAccount, names: BindingNames = CLI_NAMES): Promise<AccountRecord> {
  refuseBadUsername(spec.username);
  const binding = roleBindingProblem(spec, { noun: 'account', ...names });
  if (binding !== undefined) throw new AccountError(binding);
  refuseBadPassword(spec.password);
  const now = new Date().toISOString();
  const record: AccountRecord = {
    id: randomBytes(8).toString('hex'),
    username: spec.username,
    passwordHash: await hashPassword(spec.password),
    role: spec.role,
    enterpriseId: spec.enterpriseId ?? null,
    organization: spec.organization ?? null,
    createdAt: now,
    disabledAt: null,
    passwordChangedAt: now,
  };
  try {
    await store.insert(record);
  } catch (err) {
    if (err instanceof DuplicateUsernameError) throw new AccountError(`${err.message}; choose another`);
    throw err;
  }
  return record;
}

// A hash of a password nobody knows, at today's parameters, for sign-ins with no account to check.
let dummy: Promise<string> | undefined;

/**
 * The active account the username and password stand for, or undefined. An unknown username and a
 * disabled account cost the same hashing as a wrong password, so the time taken does not say which.
 */
export async function checkPassword(store: AccountStore, username: string, password: string): Promise<AccountRecord | undefined> {
  const account = await store.byUsername(username);
  const matches = await verifyPassword(password, account?.passwordHash ?? (await (dummy ??= hashPassword(generatePassword()))));
  if (account === undefined || account.disabledAt !== null || !matches) return undefined;
  return account;
}

/** Who a person is to the subgraphs: the identity a key of the same role and binding gives, `keyId` `account:<id>`. */
export function identityOf(account: AccountRecord): Identity {
  return {
    keyId: `account:${account.id}`,
    role: account.role,
    ...(account.enterpriseId === null ? {} : { enterpriseId: account.enterpriseId }),
    ...(account.organization === null ? {} : { organization: account.organization }),
  };
}

/** The identity the username and password stand for, or undefined (checkPassword). */
export async function signIn(store: AccountStore, username: string, password: string): Promise<Identity | undefined> {
  const account = await checkPassword(store, username, password);
  return account === undefined ? undefined : identityOf(account);
}

async function activeAccount(store: AccountStore, id: string): Promise<AccountRecord> {
  const account = await store.byId(id);
  if (account === undefined) throw new AccountError(`no account ${id}`);
  if (account.disabledAt !== null) throw new AccountError(`the account ${account.username} was disabled at ${account.disabledAt}`);
  return account;
}

/** Throws WrongPasswordError for a wrong current one; the new one is checked first, costing no hash. */
export async function changePassword(store: AccountStore, id: string, oldPassword: string, newPassword: string): Promise<void> {
  const account = await activeAccount(store, id);
  refuseBadPassword(newPassword);
  if (newPassword === oldPassword) throw new AccountError('the new password must differ from the current one');
  if (!(await verifyPassword(oldPassword, account.passwordHash))) throw new WrongPasswordError();
  if (!(await store.setPassword(id, await hashPassword(newPassword), new Date().toISOString()))) throw new AccountError(`no account ${id}`);
}

/** Disables an active account: it no longer signs in. Returns it as it now is. */
export async function disableAccount(store: AccountStore, id: string): Promise<AccountRecord> {
  const account = await activeAccount(store, id);
  const at = new Date().toISOString();
  // Someone else may have disabled it meanwhile.
  if (!(await store.disable(id, at))) throw new AccountError(`the account ${account.username} is disabled already`);
  return { ...account, disabledAt: at };
}
