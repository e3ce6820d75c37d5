// The notifications subgraph: each enterprise's and organisation's inbox with its unread count,
// webhook subscriptions for partner systems with an API key, and, for centre staff, the
// deliveries that failed, to look into and send again. (The order of the imports is the order of
// the fields in the schema.)
import './inbox.js';
import './subscriptions.js';
import './deliveries.js';

import { builder } from './builder.js';

export const notificationsSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
