// The session cookie: read from the Cookie header, written HttpOnly (no script reads it) and
// SameSite=Strict (no other site's page sends it), Secure when the hub is served over HTTPS.
import type { IncomingMessage } from 'node:http';

const NAME = 'iphub_session';

/** The session token the request's cookie carries, or undefined. */
export function sessionToken(req: IncomingMessage): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== NAME) continue;
    const value = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return value === '' ? undefined : value;
  }
  return undefined;
}

const attributes = (secure: boolean): string => `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;

/** Set-Cookie for a new session: no Max-Age, so the browser forgets it when it closes; the server ends it anyway. */
export const sessionCookie = (token: string, secure: boolean): string => `${NAME}=${token}; ${attributes(secure)}`;

/** Set-Cookie that removes the session cookie. */
export const clearedCookie = (secure: boolean): string => `${NAME}=; ${attributes(secure)}; Max-Age=0`;
