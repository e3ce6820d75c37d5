// The session cookie: read from the Cookie header, written HttpOnly (no script reads it) and
// SameSite=Strict (no other site's page sends it). Over HTTPS it is Secure and named with the
// __Host- prefix (RFC 6265bis 4.1.3.2), which a browser keeps only when set by this host itself
// for Path=/: no other host under the same domain can plant or shadow it.
import type { IncomingMessage } from 'node:http';

import { HttpError } from '../../platform/http.js';

const cookieName = (secure: boolean): string => (secure ? '__Host-iphub_session' : 'iphub_session');

/**
 * The session token the request's cookie carries, or undefined. Two cookies of the name are
 * refused (400): one of them was planted (a sibling host's "cookie tossing"), and taking either
 * could sign the person in as someone else.
 */
export function sessionToken(req: IncomingMessage, secure: boolean): string | undefined {
  const name = cookieName(secure);
  const values: string[] = [];
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    values.push(
      pair
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  if (values.length > 1) throw new HttpError(400, `two ${name} cookies came with the request: clear this site's cookies and sign in again`, 'BAD_REQUEST');
  return values[0] === '' ? undefined : values[0];
}

const attributes = (secure: boolean): string => `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;

/** Set-Cookie for a new session: no Max-Age, so the browser forgets it when it closes; the server ends it anyway. */
export const sessionCookie = (token: string, secure: boolean): string => `${cookieName(secure)}=${token}; ${attributes(secure)}`;

/** Set-Cookie that removes the session cookie. */
export const clearedCookie = (secure: boolean): string => `${cookieName(secure)}=; ${attributes(secure)}; Max-Age=0`;
