// Worker threads start without the TypeScript loader of the thread that made them: tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./registry-worker.ts');
