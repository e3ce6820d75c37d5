// Bundles the verification page's script (web/verify/page.ts, with ledger/verify and
// @noble/hashes) into web/verify/verify.js. The bundle is committed, so no user builds it;
// `npm run build:web` rewrites it and a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

export const VERIFY_BUNDLE_PATH = fileURLToPath(new URL('./verify.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));

export async function bundleVerifyPage(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    banner: { js: '// Generated from web/verify/page.ts by `npm run build:web`: do not edit.' },
  });
  return result.outputFiles[0]!.text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(VERIFY_BUNDLE_PATH, await bundleVerifyPage());
  console.log(`wrote ${VERIFY_BUNDLE_PATH}`);
}
