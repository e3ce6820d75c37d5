// ledger/verify must run in a browser: nothing it imports, directly or not, may be Node-only.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BROWSER_PACKAGES = ['@noble/hashes', '@noble/curves', 'canonicalize'];

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else packages.add(spec!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('ledger/verify', () => {
  it('imports only browser-safe modules', () => {
    const { files, packages } = importGraph(fileURLToPath(new URL('../ledger/verify/index.ts', import.meta.url)));
    expect(files.size).toBeGreaterThan(5);
    for (const p of packages) {
      expect(BROWSER_PACKAGES.some((ok) => p === ok || p.startsWith(`${ok}/`)), `${p} is not browser-safe`).toBe(true);
    }
    for (const f of files) expect(f).not.toMatch(/store|ledger\.ts$/);
  });
});
