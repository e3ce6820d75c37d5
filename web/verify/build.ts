// Bundles the verification page's script (web/verify/page.ts, with ledger/verify and
// @noble/hashes) into web/verify/verify.js, and pdf-lib, which reads a PDF certificate, into the
// chunks beside it (verify-<name>.js) that the page imports only when one is loaded. The bundle is
// committed, so no user builds it; `npm run build:web` rewrites it and a test fails when it is stale.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import { isBundleFile } from './serve.js';

export const VERIFY_DIR = fileURLToPath(new URL('.', import.meta.url));
const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));

export interface Bundle {
  /** Each file by its name: verify.js, and the chunks it imports. */
  readonly files: Map<string, string>;
  /** The packages bundled into each file. */
  readonly packages: Map<string, Set<string>>;
}

export async function bundleVerifyPage(): Promise<Bundle> {
  const result = await build({
    entryPoints: { verify: ENTRY },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    // pdf-lib in a chunk of its own, named without a hash: a second chunk of one name fails the build.
    splitting: true,
    chunkNames: 'verify-[name]',
    outdir: VERIFY_DIR,
    write: false,
    metafile: true,
    banner: { js: '// Generated from web/verify/page.ts by `npm run build:web`: do not edit.' },
  });
  const files = new Map(result.outputFiles.map((f) => [basename(f.path), f.text]));
  const strays = [...files.keys()].filter((name) => !isBundleFile(name));
  if (strays.length > 0) throw new Error(`the bundle wrote files /verify would not serve: ${strays.join(', ')}`);
  const packageOf = (input: string): string | undefined => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
  const packages = new Map(
    Object.entries(result.metafile.outputs).map(([path, output]) => [
      basename(path),
      new Set(Object.keys(output.inputs).flatMap((input) => packageOf(input) ?? [])),
    ]),
  );
  return { files, packages };
}

/** The bundle's files in web/verify now. */
export const bundleFilesOnDisk = (): string[] => readdirSync(VERIFY_DIR).filter(isBundleFile).sort();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files } = await bundleVerifyPage();
  for (const stale of bundleFilesOnDisk().filter((name) => !files.has(name))) rmSync(join(VERIFY_DIR, stale));
  for (const [name, text] of files) writeFileSync(join(VERIFY_DIR, name), text);
  console.log(`wrote ${[...files.keys()].map((name) => join(VERIFY_DIR, name)).join(', ')}`);
}
