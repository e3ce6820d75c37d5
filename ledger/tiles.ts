// C2SP tlog-tiles: tile paths, which tiles a tree of a given size has, and their bytes as the
// store gives them.
import { concatBytes } from './bytes.js';
import { HASH_SIZE } from './hashing.js';
import type { LedgerStore } from './store/port.js';

/** Hashes per full tile, and the tile height in tree levels. */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

export interface TileId {
  /** Tile level: its hashes are perfect subtrees of 2^(8·level) leaves. -1 for an entry bundle. */
  readonly level: number;
  readonly index: number;
  /** 1..256; 256 is a full tile. */
  readonly width: number;
}

/** `x001/x234/067` for 1234067: three-digit groups, all but the last prefixed with x. */
function formatIndex(n: number): string {
  let out = String(n % 1000).padStart(3, '0');
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) out = `x${String(rest % 1000).padStart(3, '0')}/${out}`;
  return out;
}

export function tilePath(tile: TileId): string {
  const level = tile.level < 0 ? 'entries' : String(tile.level);
  return `tile/${level}/${formatIndex(tile.index)}${tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`}`;
}

/** Parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`; undefined unless canonical. */
export function parseTilePath(path: string): TileId | undefined {
  const m = /^tile\/(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(path);
  if (m === null) return undefined;
  const level = m[1] === 'entries' ? -1 : Number(m[1]);
  if (level > 63) return undefined;
  const index = Number(m[2]!.replaceAll('x', '').replaceAll('/', ''));
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (!Number.isSafeInteger(index) || width < 1 || width >= TILE_WIDTH + (m[3] === undefined ? 1 : 0)) return undefined;
  const tile = { level, index, width };
  return tilePath(tile) === path ? tile : undefined;
}

/** How many hashes a tree of `size` leaves has at tile level `level` (entries: level -1). */
function countAt(size: number, level: number): number {
  return level < 0 ? size : Math.floor(size / 2 ** (TILE_HEIGHT * level));
}

/**
 * Whether a tree of `size` leaves holds this tile: `width` of its hashes exist. A partial tile
 * of a tile now full is still served: a client that read an older checkpoint asks for it.
 */
export function tileExists(tile: TileId, size: number): boolean {
  return countAt(size, tile.level) - tile.index * TILE_WIDTH >= tile.width;
}

/**
 * The tile at `path` (`tile/<L>/<N>[.p/<W>]`, or `tile/entries/...` whose entries are the leaves'
 * data: each entry hash, length-prefixed); undefined when the log has no such tile.
 */
export async function readTile(store: LedgerStore, path: string): Promise<Uint8Array | undefined> {
  const tile = parseTilePath(path);
  const { size } = await store.head();
  if (tile === undefined || !tileExists(tile, size)) return undefined;
  const first = tile.index * TILE_WIDTH;
  if (tile.level >= 0) {
    const nodes = Array.from({ length: tile.width }, (_, i) => ({ level: TILE_HEIGHT * tile.level, index: first + i }));
    return concatBytes(...(await store.readHashes(nodes)));
  }
  const entries = await store.entries(first, tile.width);
  const out = new Uint8Array(entries.length * (2 + HASH_SIZE));
  entries.forEach((e, i) => {
    out[i * (2 + HASH_SIZE) + 1] = HASH_SIZE;
    out.set(e.entryHash, i * (2 + HASH_SIZE) + 2);
  });
  return out;
}
