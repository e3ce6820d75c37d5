// The page's words: every message has both languages with the same placeholders, and every enum
// the page names with label() has words for each of its values in the schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildASTSchema, isEnumType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import { SUPERGRAPH_PATH } from '../../gateway/compose.js';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
// The app is type-checked by its own tsconfig (bundler imports, no extensions); vitest loads it as it is.
const MODULE = './src/messages.ts';
const { MESSAGES } = (await import(MODULE)) as { MESSAGES: Record<string, readonly [string, string]> };

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the web application's messages", () => {
  it('say everything in Chinese and in English, with the same placeholders', () => {
    const faults = Object.entries(MESSAGES).flatMap(([key, [zh, en]]) => {
      if (zh.trim() === '' || en.trim() === '') return [`${key}: a language is empty`];
      return JSON.stringify(placeholders(zh)) === JSON.stringify(placeholders(en)) ? [] : [`${key}: {…} differ between 中文 and English`];
    });
    expect(faults).toEqual([]);
  });

  it('name every value of every enum the pages label', () => {
    const schema = buildASTSchema(parse(readFileSync(SUPERGRAPH_PATH, 'utf8')), { assumeValidSDL: true });
    const groups = new Set(sources(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/label\('(\w+)'/g)].map((m) => m[1]!)));
    const enums = [...groups].filter((g) => isEnumType(schema.getType(g)));
    expect(enums.length).toBeGreaterThan(10);
    const missing = enums.flatMap((g) => {
      const type = schema.getType(g);
      return isEnumType(type) ? type.getValues().flatMap((v) => (`${g}.${v.name}` in MESSAGES ? [] : [`${g}.${v.name}`])) : [];
    });
    expect(missing).toEqual([]);
  });
});
