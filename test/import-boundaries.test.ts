// The layout's rules, read from the imports themselves: which part may reach which.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = ['enterprises', 'cases', 'finance', 'evidence'];
const BROWSER_PACKAGES = ['@noble/hashes', '@noble/curves', 'canonicalize'];

/** Static imports, re-exports, side-effect and dynamic imports: `from 'x'`, `import 'x'`, `import('x')`. */
const SPECIFIER = /(?:^\s*(?:import|export)\s[^'"]*?from\s+|^\s*import\s+|\bimport\(\s*)'([^']+)'/gm;

interface Import {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  /** Repository-relative path of the imported file, or the package name. */
  readonly to: string;
  readonly isPackage: boolean;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(SPECIFIER)].map(([, spec]) => {
    if (!spec!.startsWith('.')) return { from: file, to: spec!, isPackage: true };
    return { from: file, to: relative(ROOT, resolve(ROOT, dirname(file), spec!.replace(/\.js$/, '.ts'))), isPackage: false };
  });
}

const SOURCES = execFileSync('git', ['ls-files', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '' && !f.startsWith('web/vendor/'));
// Tests and contract suites may reach test support; the rules are about what ships.
const isTest = (f: string) => /\.test\.ts$|(^|\/)contract\.ts$|^test\//.test(f);
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
  it('reads the imports of the whole tree', () => {
    // A broken pattern would pass every rule below by finding nothing.
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(IMPORTS.filter((i) => i.from === 'gateway/hub.ts' && i.to === 'subgraphs/registry.ts')).toHaveLength(1);
  });

  it('no subgraph imports another (facts cross subgraphs only through federation)', () => {
    const crossing = IMPORTS.filter(
      (i) => !i.isPackage && partOf(i.from).startsWith('subgraphs/') && partOf(i.to).startsWith('subgraphs/') && partOf(i.from) !== partOf(i.to),
    );
    expect(show(crossing)).toEqual([]);
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

  it('the gateway reaches subgraphs only through their entry points', () => {
    const entries = new Set(['subgraphs/registry.ts', ...SUBGRAPHS.map((s) => `subgraphs/${s}/index.ts`)]);
    const inward = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.from.startsWith('gateway/') && i.to.startsWith('subgraphs/') && !entries.has(i.to));
    expect(show(inward)).toEqual([]);
  });

  it('the demo is reached only from the process entry points (apps/), benchmarks and tests; nothing imports an entry point', () => {
    const demo = PRODUCTION_IMPORTS.filter((i) => !i.isPackage && i.to.startsWith('demo/') && !/^(apps|demo|bench)\//.test(i.from));
    expect(show(demo)).toEqual([]);
    const entries = IMPORTS.filter((i) => !i.isPackage && i.to.startsWith('apps/'));
    expect(show(entries)).toEqual([]);
  });

  it('the registry import opens its store without loading a GraphQL schema', () => {
    const { files, packages } = importGraph('apps/import.ts');
    expect(files.has('subgraphs/enterprises/store/open.ts')).toBe(true);
    expect([...files].filter((f) => /(^|\/)(schema|builder|index)\.ts$/.test(f) && f.startsWith('subgraphs/'))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('@pothos/') || p.startsWith('@apollo/'))).toEqual([]);
  });

  it('ledger/verify imports only browser-safe modules (it runs in the /verify page)', () => {
    const { files, packages } = importGraph('ledger/verify/index.ts');
    expect(files.size).toBeGreaterThan(5);
    for (const p of packages)
      expect(
        BROWSER_PACKAGES.some((ok) => p === ok || p.startsWith(`${ok}/`)),
        `${p} is not browser-safe`,
      ).toBe(true);
    for (const f of files) expect(f).toMatch(/^ledger\/(verify|merkle)\/|^ledger\/(bytes|hashing|entry)\.ts$/);
  });
});
