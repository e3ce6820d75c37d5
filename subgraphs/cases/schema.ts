// The cases subgraph: patent pre-examination and rights-protection cases.
import { builder } from './builder.js';
import './pre-exam.js';
import './protection.js';

export const casesSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
