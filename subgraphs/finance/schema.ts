// The finance subgraph: IP pledges applied for jointly, with their ledger-recorded registration,
// amendments and release, risk compensation on default, the pledgee's consents to disposals, and IP insurance with its claims.
import './pledges.js';
import './pledge-applications.js';
import './amendments.js';
import './consents.js';
import './insurance.js';

import { builder } from './builder.js';

export const financeSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
