// Ledger entries, their canonical encoding and the hash chain (see FORMAT.md). Pure: the writer
// and the offline verifier both recompute hashes with these functions.
import canonicalize from 'canonicalize';

import { bytesToHex, fromHex, isHex } from './bytes.js';
import { HASH_SIZE, sha256 } from './hashing.js';

export const ENTRY_KINDS = [
  'EVIDENCE_DEPOSIT',
  'DATA_ASSET_REGISTRATION',
  'PLEDGE_REGISTRATION',
  'PLEDGE_RELEASE',
  // A change of a registered pledge's secured amount or term both parties made (subgraphs/finance/amendments.ts).
  'PLEDGE_AMENDMENT',
  'CASE_DECISION',
  'RIGHT_TRANSFER',
  'LICENCE_REGISTRATION',
  // A patent's open licence (开放许可, Patent Law art. 50) as CNIPA announced it, and its withdrawal: one
  // kind, the document's `state` (DECLARED or WITHDRAWN) says which (subgraphs/enterprises/open-licences.ts).
  'OPEN_LICENCE_DECLARATION',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_FORMAT_VERSION = 1;
export const MAX_ID_BYTES = 256;
export const MAX_METADATA_BYTES = 16 * 1024;
/** prevHash of entry 0. */
export const GENESIS_HASH = bytesToHex(new Uint8Array(HASH_SIZE));

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Metadata = { [key: string]: JsonValue };

/** A ledger entry; digests and hashes are lower-case hex, timestamp is ms since the Unix epoch. */
export interface Entry {
  readonly seq: number;
  readonly kind: EntryKind;
  readonly subject: string;
  readonly contentDigest: string;
  readonly payloadDigest: string;
  readonly depositor: string;
  readonly timestamp: number;
  readonly prevHash: string;
  readonly entryHash: string;
  /** The metadata whose canonical JSON (RFC 8785) hashes to payloadDigest. */
  readonly metadata: Metadata;
}

export type EntryFields = Omit<Entry, 'entryHash' | 'metadata'>;

/** An entry as the ledger writes and audits it: digests as bytes, metadata as its canonical JSON. */
export interface EntryRecord {
  readonly seq: number;
  readonly kind: string;
  readonly subject: string;
  readonly contentDigest: Uint8Array;
  readonly payloadDigest: Uint8Array;
  readonly depositor: string;
  readonly timestamp: number;
  readonly prevHash: Uint8Array;
  readonly entryHash: Uint8Array;
  /** RFC 8785 canonical JSON: its SHA-256 is payloadDigest. */
  readonly metadataJson: string;
}

export type EntryRecordFields = Omit<EntryRecord, 'entryHash' | 'metadataJson'>;

export function toEntry(r: EntryRecord): Entry {
  return {
    seq: r.seq,
    kind: r.kind as EntryKind,
    subject: r.subject,
    contentDigest: bytesToHex(r.contentDigest),
    payloadDigest: bytesToHex(r.payloadDigest),
    depositor: r.depositor,
    timestamp: r.timestamp,
    prevHash: bytesToHex(r.prevHash),
    entryHash: bytesToHex(r.entryHash),
    metadata: JSON.parse(r.metadataJson) as Metadata,
  };
}

const encoder = new TextEncoder();

const KIND_BYTES = new Map<string, Uint8Array>(ENTRY_KINDS.map((k) => [k, encoder.encode(k)]));
const FIXED_BYTES = 1 + 8 + 8 + 1 + 2 + 2 + 3 * HASH_SIZE;

/** The canonical bytes of an entry without its entryHash (FORMAT.md, "Entry encoding"). */
export function encodeEntry(e: EntryFields): Uint8Array {
  return encodeEntryRecord({ ...e, contentDigest: fromHex(e.contentDigest), payloadDigest: fromHex(e.payloadDigest), prevHash: fromHex(e.prevHash) });
}

export function encodeEntryRecord(e: EntryRecordFields): Uint8Array {
  const out = new Uint8Array(encodingBound(e));
  return out.subarray(0, writeEntryEncoding(out, e));
}

let scratch = new Uint8Array(1024);

/** entryHash = SHA-256 of the encoding, written into a reused buffer (the writer's hot path). */
export function hashEntryEncoding(e: EntryRecordFields): Uint8Array {
  const bound = encodingBound(e);
  if (bound > scratch.length) scratch = new Uint8Array(bound);
  return sha256(scratch.subarray(0, writeEntryEncoding(scratch, e)));
}

// UTF-8 takes at most 3 bytes per UTF-16 code unit: strings are encoded in place, then trimmed.
const encodingBound = (e: EntryRecordFields): number => FIXED_BYTES + 3 * (e.kind.length + e.subject.length + e.depositor.length);

/** Writes the encoding into `out` (at least encodingBound(e) bytes); returns its length. */
function writeEntryEncoding(out: Uint8Array, e: EntryRecordFields): number {
  const kind = KIND_BYTES.get(e.kind) ?? encoder.encode(e.kind);
  let at = putHeader(out, e.seq, e.timestamp);
  out[at++] = kind.length;
  out.set(kind, at);
  at += kind.length;
  at = putText(out, at, e.subject);
  at = putText(out, at, e.depositor);
  at = putDigest(out, at, e.contentDigest);
  at = putDigest(out, at, e.payloadDigest);
  return putDigest(out, at, e.prevHash);
}

/**
 * Writes the encoding of an entry whose kind, subject and depositor (UTF-8) and then its
 * contentDigest, payloadDigest and prevHash lie one after another in `src` from `from`, as packed
 * entry rows hold them (the audit's hot path); returns its length. `out` needs FIXED_BYTES plus
 * the three texts' lengths.
 */
export function writeEntryEncodingOf(
  out: Uint8Array,
  seq: number,
  timestamp: number,
  src: Uint8Array,
  from: number,
  kindLength: number,
  subjectLength: number,
  depositorLength: number,
): number {
  let at = putHeader(out, seq, timestamp);
  out[at++] = kindLength;
  at = copy(out, at, src, from, kindLength);
  at = putLength(out, at, subjectLength);
  at = copy(out, at, src, from + kindLength, subjectLength);
  at = putLength(out, at, depositorLength);
  return copy(out, at, src, from + kindLength + subjectLength, depositorLength + 3 * HASH_SIZE);
}

function copy(out: Uint8Array, at: number, src: Uint8Array, from: number, length: number): number {
  for (let i = 0; i < length; i++) out[at + i] = src[from + i]!;
  return at + length;
}

function putHeader(out: Uint8Array, seq: number, timestamp: number): number {
  out[0] = ENTRY_FORMAT_VERSION;
  return putUint64(out, putUint64(out, 1, seq), timestamp);
}

function putDigest(out: Uint8Array, at: number, digest: Uint8Array): number {
  if (digest.length !== HASH_SIZE) throw new RangeError('digests are 32 bytes');
  out.set(digest, at);
  return at + HASH_SIZE;
}

/** A uint16 length, then the text's UTF-8 bytes. */
function putText(out: Uint8Array, at: number, text: string): number {
  const { written } = encoder.encodeInto(text, out.subarray(at + 2));
  putLength(out, at, written);
  return at + 2 + written;
}

/** A uint16 text length (as DataView.setUint16 writes it: modulo 2^16). */
function putLength(out: Uint8Array, at: number, length: number): number {
  out[at] = length >>> 8;
  out[at + 1] = length;
  return at + 2;
}

/** Big-endian, as DataView.setUint32 writes each half (ToUint32 of each). */
function putUint64(out: Uint8Array, at: number, n: number): number {
  const high = Math.floor(n / 2 ** 32) >>> 0;
  const low = n >>> 0;
  out[at] = high >>> 24;
  out[at + 1] = high >>> 16;
  out[at + 2] = high >>> 8;
  out[at + 3] = high;
  out[at + 4] = low >>> 24;
  out[at + 5] = low >>> 16;
  out[at + 6] = low >>> 8;
  out[at + 7] = low;
  return at + 8;
}

export function computeEntryHash(e: EntryFields): string {
  return bytesToHex(sha256(encodeEntry(e)));
}

/** RFC 8785 canonical JSON of metadata. */
export function canonicalMetadata(metadata: Metadata): string {
  const s = canonicalize(metadata);
  if (s === undefined) throw new TypeError('metadata is not JSON');
  return s;
}

export function computePayloadDigest(canonicalJson: string | Uint8Array): string {
  return bytesToHex(sha256(typeof canonicalJson === 'string' ? encoder.encode(canonicalJson) : canonicalJson));
}

/**
 * The content digest of an entry that records a document (a case decision, a pledge): SHA-256
 * of its canonical JSON, so the document, kept as the entry's metadata, proves itself.
 */
export function documentDigest(document: Metadata): string {
  return computePayloadDigest(canonicalMetadata(document));
}

/** What a caller asks the ledger to record. */
export interface AppendInput {
  kind: string;
  subject: string;
  /** SHA-256 of the deposited content, 64 hex digits. */
  contentDigest: string;
  depositor: string;
  metadata?: Metadata;
}

export type LedgerInputErrorCode = 'INVALID_DIGEST' | 'UNKNOWN_KIND' | 'METADATA_TOO_LARGE' | 'INVALID_INPUT' | 'NOT_FOUND';

/** Raised for input the ledger refuses; nothing is written. */
export class LedgerInputError extends Error {
  override readonly name = 'LedgerInputError';
  constructor(
    readonly code: LedgerInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ValidatedInput {
  readonly kind: EntryKind;
  readonly subject: string;
  readonly contentDigest: Uint8Array;
  readonly depositor: string;
  readonly metadataJson: string;
  readonly payloadDigest: Uint8Array;
}

/** Checks and normalizes an append request; throws LedgerInputError. */
export function validateInput(input: AppendInput): ValidatedInput {
  if (input === null || typeof input !== 'object') throw new LedgerInputError('INVALID_INPUT', 'append needs an object');
  const { kind, subject, depositor } = input;
  if (typeof kind !== 'string' || !(ENTRY_KINDS as readonly string[]).includes(kind)) {
    throw new LedgerInputError('UNKNOWN_KIND', `unknown entry kind ${JSON.stringify(kind)}; expected one of ${ENTRY_KINDS.join(', ')}`);
  }
  const contentDigest = typeof input.contentDigest === 'string' ? input.contentDigest.toLowerCase() : input.contentDigest;
  if (!isHex(contentDigest, HASH_SIZE)) {
    throw new LedgerInputError('INVALID_DIGEST', 'contentDigest must be a SHA-256 digest: 64 hexadecimal characters');
  }
  checkId('subject', subject);
  checkId('depositor', depositor);
  const metadata = input.metadata ?? {};
  if (!isJsonObject(metadata)) {
    throw new LedgerInputError('INVALID_INPUT', 'metadata must be a JSON object of strings, finite numbers, booleans, null, arrays and objects');
  }
  const metadataJson = canonicalMetadata(metadata);
  // UTF-8 has at least a byte per UTF-16 code unit, and at most three: a string within the
  // limit is encoded into a reused buffer (an encode() per append is an ArrayBuffer to collect).
  const { written } =
    metadataJson.length > MAX_METADATA_BYTES ? { written: encoder.encode(metadataJson).length } : encoder.encodeInto(metadataJson, metadataBytes);
  if (written > MAX_METADATA_BYTES) {
    throw new LedgerInputError('METADATA_TOO_LARGE', `metadata is ${written} bytes as canonical JSON; the limit is ${MAX_METADATA_BYTES}`);
  }
  return {
    kind: kind as EntryKind,
    subject,
    contentDigest: fromHex(contentDigest),
    depositor,
    metadataJson,
    payloadDigest: sha256(metadataBytes.subarray(0, written)),
  };
}

const metadataBytes = new Uint8Array(3 * MAX_METADATA_BYTES);

function checkId(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new LedgerInputError('INVALID_INPUT', `${field} must be a non-empty string`);
  if (/[\u0000-\u001f\u007f]|\p{Surrogate}/u.test(value)) throw new LedgerInputError('INVALID_INPUT', `${field} must not contain control characters`);
  if (value.length * 3 > MAX_ID_BYTES && encoder.encode(value).length > MAX_ID_BYTES)
    throw new LedgerInputError('INVALID_INPUT', `${field} is longer than ${MAX_ID_BYTES} bytes`);
}

function isJsonObject(v: unknown): v is Metadata {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isJsonValue);
}

function isJsonValue(v: unknown): v is JsonValue {
  switch (typeof v) {
    case 'string':
      return !/\p{Surrogate}/u.test(v);
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || (Array.isArray(v) ? v.every(isJsonValue) : isJsonObject(v));
    default:
      return false;
  }
}
