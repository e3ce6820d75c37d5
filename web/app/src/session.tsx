// Who is signed in: asked of /auth/session when the page opens, set by signing in, cleared by
// signing out or when the hub says the session has ended (idle or absolute timeout, revoked).
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import { type Account, auth, bindSession, type Session } from './api';

interface SessionState {
  /** undefined while the page asks; null when nobody is signed in. */
  readonly session: Session | null | undefined;
  /** Why the last session ended without signing out, for the sign-in page to say. */
  readonly ended: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const Context = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  // What one person read is not shown to the next one to sign in on this browser.
  const queries = useQueryClient();
  const lost = useCallback(() => {
    queries.clear();
    setSession(null);
    setEnded(true);
  }, [queries]);
  useEffect(() => {
    bindSession(session?.csrfToken ?? '', lost);
  }, [session, lost]);
  useEffect(() => {
    // Nobody signed in (204) and no answer alike lead to the sign-in page, which says what fails next.
    auth<Session | undefined>('session').then(
      (current) => {
        // Bound before the frame renders: its first query (the inbox's unread count) carries the token.
        if (current) bindSession(current.csrfToken, lost);
        setSession(current ?? null);
      },
      () => setSession(null),
    );
  }, [lost]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      ended,
      signIn: async (username, password) => {
        const next = await auth<Session>('sign-in', { username, password });
        bindSession(next.csrfToken, lost);
        setEnded(false);
        setSession(next);
      },
      signOut: async () => {
        try {
          await auth('sign-out', {});
        } finally {
          bindSession('', lost);
          queries.clear();
          setEnded(false);
          setSession(null);
        }
      },
    }),
    [session, ended, lost, queries],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(Context);
  if (state === undefined) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in person's account: only for pages shown after sign-in. */
export function useAccount(): Account {
  const { session } = useSession();
  if (!session) throw new Error('useAccount before sign-in');
  return session.account;
}
