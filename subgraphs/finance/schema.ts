// The finance subgraph: IP pledges with their ledger-recorded registration and release, risk
// compensation on default, the pledgee's consents to disposals, and IP insurance with its claims.
import './pledges.js';
import './consents.js';
import './insurance.js';

import { builder } from './builder.js';

export const financeSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
