// The evidence subgraph: evidence deposits timestamped on the ledger, registered data assets, the
// ledger's public face and the deposits' statistics. (The order of the imports is the order of the
// fields in the schema.)
import './statistics.js';
import './deposits.js';
import './data-assets.js';
import './ledger.js';

import { builder } from './builder.js';

export const evidenceSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
