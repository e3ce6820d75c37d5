// Ledger entries, their canonical encoding and the hash chain (see FORMAT.md). Pure: the writer
// and the offline verifier both recompute hashes with these functions.
import canonicalize from 'canonicalize';
import { sha256, HASH_SIZE } from './hashing.js';
import { bytesToHex, fromHex, isHex } from './bytes.js';

export const ENTRY_KINDS = [
  'EVIDENCE_DEPOSIT',
  'DATA_ASSET_REGISTRATION',
  'PLEDGE_REGISTRATION',
  'PLEDGE_RELEASE',
  'CASE_DECISION',
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

const encoder = new TextEncoder();

/** The canonical bytes of an entry without its entryHash (FORMAT.md, "Entry encoding"). */
export function encodeEntry(e: EntryFields): Uint8Array {
  const kind = encoder.encode(e.kind);
  const subject = encoder.encode(e.subject);
  const depositor = encoder.encode(e.depositor);
  const out = new Uint8Array(1 + 8 + 8 + 1 + kind.length + 2 + subject.length + 2 + depositor.length + 3 * HASH_SIZE);
  const view = new DataView(out.buffer);
  let at = 0;
  view.setUint8(at, ENTRY_FORMAT_VERSION);
  at += 1;
  view.setBigUint64(at, BigInt(e.seq));
  at += 8;
  view.setBigUint64(at, BigInt(e.timestamp));
  at += 8;
  view.setUint8(at, kind.length);
  out.set(kind, (at += 1));
  at += kind.length;
  view.setUint16(at, subject.length);
  out.set(subject, (at += 2));
  at += subject.length;
  view.setUint16(at, depositor.length);
  out.set(depositor, (at += 2));
  at += depositor.length;
  for (const hex of [e.contentDigest, e.payloadDigest, e.prevHash]) {
    out.set(fromHex(hex), at);
    at += HASH_SIZE;
  }
  return out;
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

export function computePayloadDigest(canonicalJson: string): string {
  return bytesToHex(sha256(encoder.encode(canonicalJson)));
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
  readonly contentDigest: string;
  readonly depositor: string;
  readonly metadata: Metadata;
  readonly payloadDigest: string;
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
  const canonical = canonicalMetadata(metadata);
  const size = encoder.encode(canonical).length;
  if (size > MAX_METADATA_BYTES) {
    throw new LedgerInputError('METADATA_TOO_LARGE', `metadata is ${size} bytes as canonical JSON; the limit is ${MAX_METADATA_BYTES}`);
  }
  return { kind: kind as EntryKind, subject, contentDigest, depositor, metadata, payloadDigest: computePayloadDigest(canonical) };
}

function checkId(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new LedgerInputError('INVALID_INPUT', `${field} must be a non-empty string`);
  if (/[\u0000-\u001f\u007f]|\p{Surrogate}/u.test(value)) throw new LedgerInputError('INVALID_INPUT', `${field} must not contain control characters`);
  if (encoder.encode(value).length > MAX_ID_BYTES) throw new LedgerInputError('INVALID_INPUT', `${field} is longer than ${MAX_ID_BYTES} bytes`);
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
