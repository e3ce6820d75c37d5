// The /auth/* routes: signing in and out, the current session, changing one's password, and
// (../accounts/routes.ts) centre staff managing accounts. JSON in and out; never cached.
import { HttpError, readJsonObject, type Route, sendJson } from '../../platform/http.js';
import { changePassword, checkPassword, WrongPasswordError } from '../accounts/accounts.js';
import { createAccountRoute, disableAccountRoute, listAccountsRoute } from '../accounts/routes.js';
import { clearedCookie, sessionCookie, sessionToken } from './cookies.js';
import { AUTH_BODY_BYTES, type AuthHandler, hashing, type People, refuseBlocked, refuseIfBlocked, sessionJson, signedIn, text } from './people.js';

const signIn: AuthHandler = async (people, req, res) => {
  const body = await readJsonObject(req, AUTH_BODY_BYTES);
  const username = text(body, 'username');
  const password = text(body, 'password');
  const address = people.address(req);
  // Counted as a failure now, before hashing; given back below if the password is right.
  refuseBlocked(await people.signInLimits.attempt(address, username));
  let account: Awaited<ReturnType<typeof checkPassword>>;
  try {
    account = await hashing(people, () => checkPassword(people.accounts, username, password));
  } catch (err) {
    await people.signInLimits.abandoned(address, username);
    throw err;
  }
  // One answer for an unknown username, a wrong password and a disabled account (counted already).
  if (account === undefined) throw new HttpError(401, 'the username or password is not right', 'UNAUTHENTICATED');
  await people.signInLimits.succeeded(username, address);
  // The cookie this one replaces would otherwise leave its session behind until it timed out.
  const replaced = sessionToken(req, people.limits.sessions.secureCookie);
  if (replaced !== undefined) await people.sessions.endToken(replaced);
  const { token, session } = await people.sessions.start(account);
  sendJson(res, 200, sessionJson(session), { 'set-cookie': sessionCookie(token, people.limits.sessions.secureCookie) });
};

/** The live session, or 204 when there is none: a page asking whether anyone is signed in is not refused. */
const current: AuthHandler = async (people, req, res) => {
  if (sessionToken(req, people.limits.sessions.secureCookie) === undefined) return sendJson(res, 204);
  try {
    sendJson(res, 200, sessionJson(await signedIn(people, req, false)));
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 401) throw err;
    // The session ended: the browser forgets its cookie.
    sendJson(res, 204, undefined, { 'set-cookie': clearedCookie(people.limits.sessions.secureCookie) });
  }
};

const signOut: AuthHandler = async (people, req, res) => {
  const session = await signedIn(people, req, true);
  await people.sessions.end(session);
  sendJson(res, 204, undefined, { 'set-cookie': clearedCookie(people.limits.sessions.secureCookie) });
};

const password: AuthHandler = async (people, req, res) => {
  const session = await signedIn(people, req, true);
  const body = await readJsonObject(req, AUTH_BODY_BYTES);
  const currentPassword = text(body, 'currentPassword');
  const newPassword = text(body, 'newPassword');
  const { account } = session;
  const address = people.address(req);
  // A stolen session must not become a way to guess the password.
  await refuseIfBlocked(people, address, account.username);
  await hashing(people, async () => {
    try {
      await changePassword(people.accounts, account.id, currentPassword, newPassword);
    } catch (err) {
      if (err instanceof WrongPasswordError) await people.signInLimits.failed(address, account.username);
      throw err;
    }
  });
  await people.signInLimits.succeeded(account.username);
  // Whoever else held a session of this account (perhaps who learned the old password) is out.
  await people.sessions.endAll(account.id, session);
  sendJson(res, 204);
};

const ROUTES: Record<string, Partial<Record<'GET' | 'POST', AuthHandler>>> = {
  '/auth/sign-in': { POST: signIn },
  '/auth/session': { GET: current },
  '/auth/sign-out': { POST: signOut },
  '/auth/password': { POST: password },
  '/auth/accounts': { GET: listAccountsRoute, POST: createAccountRoute },
  '/auth/accounts/disable': { POST: disableAccountRoute },
};

/** The route for every path under /auth/. */
export function authRoutes(people: People): Route {
  return async (req, res) => {
    // Sessions, tokens and accounts: no cache keeps any of it, errors included.
    res.setHeader('cache-control', 'no-store');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const methods = ROUTES[path];
    if (methods === undefined) throw new HttpError(404, `no such path: ${path}`, 'NOT_FOUND');
    const handler = methods[req.method as 'GET' | 'POST'];
    if (handler === undefined) {
      const allowed = Object.keys(methods).join(', ');
      throw new HttpError(405, `${path} takes ${allowed}, not ${req.method}`, 'METHOD_NOT_ALLOWED', { allow: allowed });
    }
    await handler(people, req, res);
  };
}
