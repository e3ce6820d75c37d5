// GraphiQL for partner developers, every file served by the hub. Requests go to this hub's
// /graphql; a partner key goes in the Headers pane (`{"Authorization": "Bearer <key>"}`).
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

const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
  </StrictMode>,
);
