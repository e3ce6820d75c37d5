// The enterprises subgraph: registered enterprises and their IP, its lifecycle and its warnings.
import './registry.js';
import './lifecycle-mutations.js';
import './trademark-freezes.js';
import './rights.js';
import './open-licences.js';
import './history.js';
import './registrations.js';
import './feed-upload.js';
import './viewer.js';
import './error-codes.js';

import { builder } from './builder.js';

export const enterprisesSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
