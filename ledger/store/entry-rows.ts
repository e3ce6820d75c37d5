// Entries packed for a bulk read (LedgerStore.entryRows): no object or buffer per entry, so a
// whole range crosses from the store, or to a worker thread, as one byte array.
//
// Per entry, in seq order: an ASCII header `seq,timestamp,<length of each FIELD>;` in decimal,
// then the fields' bytes in FIELD order (text as UTF-8). A field stored as NULL has length -1
// and no bytes; a timestamp that is not an integer is written as anything else (it reads NaN).
import type { StoredEntry } from './port.js';

export const FIELD = {
  kind: 0,
  subject: 1,
  depositor: 2,
  contentDigest: 3,
  payloadDigest: 4,
  prevHash: 5,
  entryHash: 6,
  metadata: 7,
  treeHashes: 8,
} as const;
const FIELDS = 9;

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const MINUS = 0x2d;

/** One packed entry, read in place: field i is bytes[start[i], start[i] + length[i]). */
export class EntryRow {
  seq = 0;
  timestamp = 0;
  /** Some field is NULL. */
  missing = false;
  readonly start = new Int32Array(FIELDS);
  readonly length = new Int32Array(FIELDS);

  #at = 0;

  /** Reads the entry at `offset` into this row; returns the next entry's offset. Throws on a malformed header. */
  read(bytes: Uint8Array, offset: number): number {
    this.#at = offset;
    this.seq = this.#number(bytes, COMMA);
    this.timestamp = this.#number(bytes, COMMA);
    this.missing = false;
    for (let i = 0; i < FIELDS; i++) {
      const length = this.#number(bytes, i === FIELDS - 1 ? SEMICOLON : COMMA);
      if (!(length >= -1)) throw new RangeError(`malformed entry rows at byte ${offset}`);
      this.missing ||= length < 0;
      this.length[i] = Math.max(0, length);
    }
    let at = this.#at;
    for (let i = 0; i < FIELDS; i++) {
      this.start[i] = at;
      at += this.length[i]!;
    }
    if (at > bytes.length) throw new RangeError(`entry rows end inside the entry at byte ${offset}`);
    return at;
  }

  /** A decimal integer ending in `end` (consumed); NaN if it is anything else. Throws at another separator. */
  #number(bytes: Uint8Array, end: number): number {
    let at = this.#at;
    let sign = 1;
    if (bytes[at] === MINUS) {
      sign = -1;
      at++;
    }
    let n = 0;
    let digits = 0;
    for (let c = bytes[at]!; c >= 0x30 && c <= 0x39; c = bytes[++at]!) {
      n = n * 10 + (c - 0x30);
      digits++;
    }
    if (bytes[at] !== end) {
      digits = 0;
      while (at < bytes.length && bytes[at] !== COMMA && bytes[at] !== SEMICOLON) at++;
      if (bytes[at] !== end) throw new RangeError(`malformed entry rows at byte ${this.#at}`);
    }
    this.#at = at + 1;
    return digits === 0 ? NaN : sign * n;
  }

  field(bytes: Uint8Array, i: number): Uint8Array {
    return bytes.subarray(this.start[i]!, this.start[i]! + this.length[i]!);
  }
}

const encoder = new TextEncoder();

/** Packs entries as a store without a packing query of its own gives them. */
export function packEntryRows(entries: readonly StoredEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const fields = [
      encoder.encode(e.kind),
      encoder.encode(e.subject),
      encoder.encode(e.depositor),
      e.contentDigest,
      e.payloadDigest,
      e.prevHash,
      e.entryHash,
      encoder.encode(e.metadataJson),
      e.treeHashes,
    ];
    const timestamp = Number.isSafeInteger(e.timestamp) ? String(e.timestamp) : '';
    parts.push(encoder.encode(`${e.seq},${timestamp},${fields.map((f) => f.length).join(',')};`), ...fields);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
