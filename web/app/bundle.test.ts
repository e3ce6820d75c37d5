// The first view's script stays under 400 KB gzipped, and ECharts loads only with the cockpit:
// measured on the Vite build's manifest (the entry and every chunk it imports statically).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { staleBuild } from './built.js';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  name?: string;
}

const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

describe('the web application bundle', () => {
  const stale = staleBuild();
  it('is built from the current sources', () => expect(stale).toBeUndefined());

  it.skipIf(stale !== undefined)('loads under 400 KB of gzipped script on its first view, none of it ECharts', () => {
    const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8')) as Record<string, Chunk>;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const closure = new Set<string>();
    const visit = (key: string) => {
      if (closure.has(key)) return;
      closure.add(key);
      for (const next of manifest[key]!.imports ?? []) visit(next);
    };
    visit(entry);
    const files = [...closure].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(`${DIST}${f}`), { level: 9 }).length, 0);
    console.log(`first view: ${files.length} scripts, ${(bytes / 1024).toFixed(1)} KiB gzipped`);
    expect(bytes).toBeLessThan(400 * 1000);
    for (const f of files) expect(readFileSync(`${DIST}${f}`, 'utf8')).not.toContain('echarts');
    // …and the cockpit does load it, lazily.
    const cockpit = Object.values(manifest).find((c) => c.name === 'Cockpit');
    expect(cockpit, 'a lazily loaded Cockpit chunk').toBeDefined();
    expect(closure.has(Object.keys(manifest).find((k) => manifest[k] === cockpit)!)).toBe(false);
  });
});
