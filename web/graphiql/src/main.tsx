// GraphiQL for partner developers, every file served by the hub. Requests go to this hub's
// /graphql; a partner key goes in the Headers pane (`{"Authorization": "Bearer <key>"}`). A
// person signed in to the hub's pages is recognised by the session cookie, whose requests must
// carry the session's CSRF token.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const DEFAULT_QUERY = `# IP Hub's GraphQL API. Public fields answer without a key; for the rest, put your
# partner key in the Headers pane below: {"Authorization": "Bearer <key>"}
{
  ledgerVerifierKey
  ledgerCheckpoint
}
`;

const csrfToken: Promise<string | undefined> = fetch('/auth/session', { credentials: 'same-origin' })
  .then(async (r) => (r.ok ? ((await r.json()) as { csrfToken: string }).csrfToken : undefined))
  .catch(() => undefined);

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  fetch: async (input, init) => {
    const headers = new Headers(init?.headers);
    const token = await csrfToken;
    if (token !== undefined && !headers.has('authorization')) headers.set('x-csrf-token', token);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  },
});

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
  </StrictMode>,
);
