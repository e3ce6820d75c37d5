// Vectors from C2SP tlog-tiles and transparency-dev/trillian-tessera api/layout/paths_test.go.
import { describe, expect, it } from 'vitest';

import { parseTilePath, tileExists, tilePath } from './tiles.js';

describe('tlog-tiles paths', () => {
  it('formats paths as tessera does', () => {
    expect(tilePath({ level: 0, index: 0, width: 256 })).toBe('tile/0/000');
    expect(tilePath({ level: 0, index: 0, width: 255 })).toBe('tile/0/000.p/255');
    expect(tilePath({ level: 1, index: 0, width: 1 })).toBe('tile/1/000.p/1');
    expect(tilePath({ level: 15, index: 455667, width: 256 })).toBe('tile/15/x455/667');
    expect(tilePath({ level: 3, index: 1234567, width: 256 })).toBe('tile/3/x001/x234/567');
    expect(tilePath({ level: -1, index: 123456789, width: 256 })).toBe('tile/entries/x123/x456/789');
    expect(tilePath({ level: -1, index: 0, width: 8 })).toBe('tile/entries/000.p/8');
  });

  it('parses canonical paths and nothing else', () => {
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('tile/0/x001/x234/067.p/89')).toEqual({ level: 0, index: 1234067, width: 89 });
    expect(parseTilePath('tile/63/x999/x999/x999/x999/999.p/255')).toEqual({ level: 63, index: 999999999999999, width: 255 });
    // Tessera's 18-digit vector is past 2^53: JavaScript numbers cannot name it, so it is refused.
    expect(parseTilePath('tile/63/x999/x999/x999/x999/x999/999.p/255')).toBeUndefined();
    expect(parseTilePath('tile/0/001')).toEqual({ level: 0, index: 1, width: 256 });
    expect(parseTilePath('tile/entries/x001/002')).toEqual({ level: -1, index: 1002, width: 256 });
    for (const bad of [
      'tile/0/x001/x234/067.p/',
      'tile/0/x001/x234/067.p',
      'tile/0/x001/x234/',
      'tile/0/x001',
      'tile/1/x001/.p/abc',
      'tile/64/x001/002',
      'tile/-1/x001/002',
      'tile/abc/x001/002',
      'tile/8/001/002',
      'tile/8/x001/0002',
      'tile/8/x001/-002',
      'tile/8/x001/002.p/256',
      'tile/0/x000/001',
      'tile/00/001',
      'tile/0/001.p/0',
    ]) {
      expect(parseTilePath(bad), bad).toBeUndefined();
    }
  });

  it('knows which tiles a tree has (C2SP: 70,000 leaves)', () => {
    const s = 70_000;
    expect(tileExists({ level: 0, index: 272, width: 256 }, s)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 112 }, s)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 100 }, s)).toBe(true);
    expect(tileExists({ level: 0, index: 273, width: 113 }, s)).toBe(false);
    expect(tileExists({ level: 0, index: 273, width: 256 }, s)).toBe(false);
    expect(tileExists({ level: 1, index: 0, width: 256 }, s)).toBe(true);
    expect(tileExists({ level: 1, index: 1, width: 17 }, s)).toBe(true);
    expect(tileExists({ level: 2, index: 0, width: 1 }, s)).toBe(true);
    expect(tileExists({ level: 2, index: 0, width: 2 }, s)).toBe(false);
    expect(tileExists({ level: 1, index: 0, width: 1 }, 256)).toBe(true);
    // What a client of an older checkpoint asks for: part of a tile now full.
    expect(tileExists({ level: 0, index: 272, width: 3 }, s)).toBe(true);
  });
});
