// A request's session, as /graphql and /auth/* refuse it: 401 (clearing the cookie) when the
// cookie's session has ended, 403 CSRF_REJECTED when a change comes without the session's token.
import type { IncomingMessage } from 'node:http';

import { HttpError } from '../../platform/http.js';
import { clearedCookie } from './cookies.js';
import { csrfMatches, type Session, type Sessions } from './sessions.js';

export const CSRF_HEADER = 'x-csrf-token';

/** The live session `token` opens; refused, never taken as no one, when it has ended. */
export async function liveSession(sessions: Sessions, token: string, secureCookie: boolean): Promise<Session> {
  const session = await sessions.resolve(token);
  if (session === undefined) {
    throw new HttpError(401, 'your session has ended (it expired, or was signed out or revoked): sign in again', 'UNAUTHENTICATED', {
      'set-cookie': clearedCookie(secureCookie),
    });
  }
  return session;
}

/** Refuses a cookie-authenticated request without the session's CSRF token: a page of another origin cannot know it. */
export function requireCsrf(req: IncomingMessage, session: Session): void {
  if (!csrfMatches(session, req.headers[CSRF_HEADER])) {
    throw new HttpError(
      403,
      `send the header ${CSRF_HEADER} with the csrfToken your sign-in gave (GET /auth/session gives it again); this request was not run`,
      'CSRF_REJECTED',
    );
  }
}
