// Whether web/app/dist is the build of the sources beside it: tests that load the page refuse a
// stale one with the command that rebuilds it, rather than testing old code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const newest = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));

/** Why the app's build cannot be tested, or undefined when it is there and newer than its sources. */
export function staleBuild(app = fileURLToPath(new URL('.', import.meta.url))): string | undefined {
  const built = join(app, 'dist', 'index.html');
  if (!existsSync(built)) return `${built} is missing: run \`npm run build:app\` (npm install runs it)`;
  const sources = Math.max(newest(join(app, 'src')), statSync(join(app, 'index.html')).mtimeMs, statSync(join(app, 'vite.config.ts')).mtimeMs);
  if (sources > statSync(built).mtimeMs) return `web/app/dist is older than web/app/src: run \`npm run build:app\``;
  return undefined;
}
