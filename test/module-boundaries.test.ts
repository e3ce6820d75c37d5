// The layout's rules, read from the imports themselves: which part may reach which.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { SUBGRAPH_NAMES } from '../platform/subgraph.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Every subgraph the hub knows (platform/subgraph.ts), notifications included.
const SUBGRAPHS: readonly string[] = SUBGRAPH_NAMES;
// pdf-lib reads a PDF certificate (ledger/verify/certificate-pdf.ts), in a chunk of its own.
const BROWSER_PACKAGES = ['@noble/hashes', '@noble/curves', 'canonicalize', 'pdf-lib', 'asn1js', 'pkijs'];

/** Static imports, re-exports, side-effect and dynamic imports: `from 'x'`, `import 'x'`, `import('x')`. */
const SPECIFIER = /(?:^\s*(?:import|export)\s[^'"]*?from\s+|^\s*import\s+|\bimport\(\s*)'([^']+)'/gm;
/** A module started from a URL: a worker thread, a Web Worker, a child process's script. */
const MODULE_URL = /new URL\(\s*'(\.[^']+\.(?:ts|tsx|mjs))',\s*import\.meta\.url\s*\)/g;

interface Import {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  /** Repository-relative path of the imported file, or the package name. */
  readonly to: string;
  readonly isPackage: boolean;
}

/** The file a relative specifier names: `.js` written for a `.ts` or `.tsx` file, or no extension at all (the web app's). */
function resolveSpecifier(file: string, spec: string): string {
  const path = relative(ROOT, resolve(ROOT, dirname(file), spec));
  const candidates = [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`];
  return candidates.find((c) => existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) ?? path;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...[...source.matchAll(SPECIFIER)].map((m) => m[1]!), ...[...source.matchAll(MODULE_URL)].map((m) => m[1]!)];
  return specifiers.map((spec) =>
    spec.startsWith('.') ? { from: file, to: resolveSpecifier(file, spec), isPackage: false } : { from: file, to: spec, isPackage: true },
  );
}

// Every source file: TypeScript, the web app's TSX, the workers' .mjs.
const SOURCES = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '' && !f.startsWith('web/vendor/') && !/^web\/[^/]+\/dist\//.test(f));
// Tests and contract suites may reach test support; the rules are about what ships.
const isTest = (f: string) => /\.test\.tsx?$|(^|\/)contract\.ts$|^test\/|^ledger\/testing\//.test(f);
const PRODUCTION = SOURCES.filter((f) => !isTest(f));
const IMPORTS = SOURCES.flatMap(importsOf);
const PRODUCTION_IMPORTS = PRODUCTION.flatMap(importsOf);

const partOf = (path: string): string => {
  const [top, sub] = path.split('/');
  return top === 'subgraphs' && sub !== undefined && SUBGRAPHS.includes(sub) ? `subgraphs/${sub}` : top!;
};
const show = (imports: readonly Import[]) => imports.map((i) => `${i.from} -> ${i.to}`);

/** Every file `entry` reaches through relative imports, and every package they import. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of importsOf(file)) {
      if (i.isPackage) packages.add(i.to);
      else visit(i.to);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('import boundaries', () => {
  it('reads the imports of the whole tree, TSX, workers and every subgraph included', () => {
    // A broken pattern would pass every rule below by finding nothing.
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(SOURCES.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(50);
    expect(IMPORTS.filter((i) => i.from === 'gateway/hub.ts' && i.to === 'subgraphs/index.ts')).toHaveLength(1);
    // Worker threads started from a URL, and the web app's imports without an extension.
    expect(IMPORTS.some((i) => i.from === 'ledger/audit.ts' && i.to === 'ledger/audit-worker.mjs')).toBe(true);
    expect(IMPORTS.some((i) => i.from === 'web/app/src/hash-files.ts' && i.to === 'web/app/src/hash-worker.ts')).toBe(true);
    expect(IMPORTS.some((i) => i.from.startsWith('web/app/src/') && i.to === 'standards/nice-class.ts')).toBe(true);
    expect(SUBGRAPHS).toContain('notifications');
    // Every import of a file names a file that exists.
    expect(show(IMPORTS.filter((i) => !i.isPackage && !existsSync(join(ROOT, i.to))))).toEqual([]);
  });

  it('no subgraph imports another (facts cross subgraphs only through federation)', () => {
    const crossing = IMPORTS.filter(
      (i) => !i.isPackage && partOf(i.from).startsWith('subgraphs/') && partOf(i.to).startsWith('subgraphs/') && partOf(i.from) !== partOf(i.to),
    );
    expect(show(crossing)).toEqual([]);
  });

  it('every subgraph has the same shape: entry, context, builder and one-line schema, domain/ and store/', () => {
    const shape = [
      'index.ts',
      'context.ts',
      'builder.ts',
      'schema.ts',
      'domain/model.ts',
      ...['port', 'open', 'sqlite', 'mongodb', 'contract', 'contract.test'].map((f) => `store/${f}.ts`),
    ];
    for (const name of SUBGRAPHS)
      expect(
        shape.filter((f) => !existsSync(join(ROOT, 'subgraphs', name, f))),
        name,
      ).toEqual([]);
    // The entry point is the subgraph as the gateway opens it, made by defineSubgraph.
    for (const name of SUBGRAPHS)
      expect(readFileSync(join(ROOT, 'subgraphs', name, 'index.ts'), 'utf8')).toMatch(/^(export const \w+ = | {2}return )defineSubgraph\(\{$/m);
  });

  it("a subgraph's domain/ (its records and rules) imports no store: the store depends on the domain, not back", () => {
    const circle = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && /^subgraphs\/[^/]+\/domain\//.test(i.from) && /^subgraphs\/[^/]+\/store\//.test(i.to));
    expect(show(circle)).toEqual([]);
  });

  it('the subgraph list (subgraphs/index.ts) names exactly the subgraphs whose stores keep an outbox (the ones the notifications subgraph relays)', () => {
    const keeps = (name: string) => readFileSync(join(ROOT, `subgraphs/${name}/store/sqlite.ts`), 'utf8').includes('sqliteOutbox(');
    expect([...OUTBOX_OWNERS]).toEqual(SUBGRAPHS.filter(keeps));
    expect(OUTBOX_OWNERS.length).toBeGreaterThan(0);
  });

  it('outbox/, what every reporting store embeds, imports only itself and platform/', () => {
    const outside = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('outbox/') && !/^(outbox|platform)\//.test(i.to));
    expect(show(outside)).toEqual([]);
  });

  it('subgraphs/common, platform/ and standards/ import no subgraph', () => {
    const shared = IMPORTS.filter((i) => !i.isPackage && /^(subgraphs\/common|platform|standards)\//.test(i.from) && partOf(i.to).startsWith('subgraphs/'));
    expect(show(shared)).toEqual([]);
  });

  it('standards/ imports only itself; platform/ only itself, standards/ and ledger/', () => {
    const outside = PRODUCTION_IMPORTS.filter(
      (i) =>
        !i.isPackage &&
        ((i.from.startsWith('standards/') && !i.to.startsWith('standards/')) ||
          (i.from.startsWith('platform/') && !/^(platform|standards|ledger)\//.test(i.to))),
    );
    expect(show(outside)).toEqual([]);
  });

  it('ledger/ imports nothing outside itself', () => {
    const outside = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('ledger/') && !i.to.startsWith('ledger/'));
    expect(show(outside)).toEqual([]);
  });

  it('outside ledger/, tests included, the ledger is reached only through its doors: ledger/index.ts, the verifier ledger/verify/index.ts, and the test TSA', () => {
    // ledger/testing/tsa.ts: a real RFC 3161 authority (openssl) for tests and benchmarks alone.
    const doors = new Set(['ledger/index.ts', 'ledger/verify/index.ts', 'ledger/testing/tsa.ts']);
    const inward = IMPORTS.filter((i) => !i.isPackage && !i.from.startsWith('ledger/') && i.to.startsWith('ledger/') && !doors.has(i.to));
    expect(show(inward)).toEqual([]);
  });

  it('the list of subgraphs (subgraphs/index.ts), which imports every one, is imported only by process entry points, the gateway, benchmarks and tests', () => {
    const importers = IMPORTS.filter((i) => i.to === 'subgraphs/index.ts' && !isTest(i.from) && !/^(apps|gateway|bench)\//.test(i.from));
    expect(show(importers)).toEqual([]);
  });

  it('the gateway reaches subgraphs only through their entry points', () => {
    const entries = new Set(['subgraphs/index.ts', ...SUBGRAPHS.map((s) => `subgraphs/${s}/index.ts`)]);
    const inward = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('gateway/') && i.to.startsWith('subgraphs/') && !entries.has(i.to));
    expect(show(inward)).toEqual([]);
  });

  it('the demo is reached only from the process entry points (apps/), benchmarks and tests; nothing imports an entry point', () => {
    const demo = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.to.startsWith('demo/') && !/^(apps|demo|bench)\//.test(i.from));
    expect(show(demo)).toEqual([]);
    // Tests start entry points as processes, and bin/iphub.mjs runs apps/iphub.ts; no module imports one.
    const entries = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.to.startsWith('apps/') && i.from !== 'bin/iphub.mjs');
    expect(show(entries)).toEqual([]);
  });

  it('the registry import opens its store without loading a GraphQL schema', () => {
    const { files, packages } = importGraph('apps/import.ts');
    expect(files.has('subgraphs/enterprises/store/open.ts')).toBe(true);
    expect([...files].filter((f) => /(^|\/)(schema|builder|index)\.ts$/.test(f) && f.startsWith('subgraphs/'))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('@pothos/') || p.startsWith('@apollo/'))).toEqual([]);
  });

  it('the /verify page reaches only browser-safe modules, walked from its real entry (web/verify/page.ts)', () => {
    const { files, packages } = importGraph('web/verify/page.ts');
    expect(files.size).toBeGreaterThan(5);
    for (const p of packages)
      expect(
        BROWSER_PACKAGES.some((ok) => p === ok || p.startsWith(`${ok}/`)),
        `${p} is not browser-safe`,
      ).toBe(true);
    for (const f of files)
      expect(f).toMatch(/^web\/verify\/|^web\/file-digest\.ts$|^client\/hub-api\.ts$|^ledger\/(verify|merkle)\/|^ledger\/(bytes|hashing|entry)\.ts$/);
  });

  it('the web application imports only itself, the public standards and the file digest it shares with /verify (it is bundled for the browser)', () => {
    const outside = PRODUCTION_IMPORTS.filter(
      (i) => !i.isPackage && i.from.startsWith('web/app/src/') && !/^(web\/app\/src|standards)\/|^web\/file-digest\.ts$/.test(i.to),
    );
    expect(show(outside)).toEqual([]);
  });

  it('client/ reaches only the offline verifier; cli/ only the ledger, platform/ and client/; nothing ships importing bench/', () => {
    const client = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('client/') && !/^client\/|^ledger\/verify\/index\.ts$/.test(i.to));
    expect(show(client)).toEqual([]);
    const cli = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('cli/') && !/^(cli|ledger|platform|client)\//.test(i.to));
    expect(show(cli)).toEqual([]);
    const bench = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.to.startsWith('bench/') && !i.from.startsWith('bench/'));
    expect(show(bench)).toEqual([]);
  });
});
