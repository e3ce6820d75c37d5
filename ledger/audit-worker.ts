// A worker thread of the audit (audit.ts): audits each range it is sent.
import { parentPort } from 'node:worker_threads';
import { auditRange, type RangeJob } from './audit.js';

parentPort!.on('message', (job: RangeJob) => parentPort!.postMessage(auditRange(job)));
