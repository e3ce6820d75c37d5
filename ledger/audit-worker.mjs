// A worker thread of the audit (audit.ts): audits each range it is sent. Worker threads start
// without the TypeScript loader of the thread that made them: tsx first.
import { parentPort } from 'node:worker_threads';

import { register } from 'tsx/esm/api';

register();
const { auditRange } = await import('./audit.ts');
parentPort.on('message', (job) => parentPort.postMessage(auditRange(job)));
