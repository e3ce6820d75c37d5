// The cases subgraph: patent pre-examination and rights-protection cases.
import './pre-exam.js';
import './protection.js';

import { builder } from './builder.js';

export const casesSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
