import { describe, expect, it } from 'vitest';

import { bytesToHex } from './bytes.js';
import {
  canonicalMetadata,
  computeEntryHash,
  computePayloadDigest,
  encodeEntry,
  GENESIS_HASH,
  LedgerInputError,
  MAX_METADATA_BYTES,
  validateInput,
} from './entry.js';

// The worked example of FORMAT.md, recomputed independently with Python's hashlib and struct.
const METADATA = { title: '发明专利说明书 v2', category: 'PATENT_DOCUMENT', pages: 12 };
const FIELDS = {
  seq: 0,
  kind: 'EVIDENCE_DEPOSIT' as const,
  subject: 'evidence:01JD8W7Q6ZK3M',
  contentDigest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  payloadDigest: '65ba4633c0b9109d2be12146b413a6ea6a6d4f61b0e656dff4127c4fd37dd477',
  depositor: '91350100M000100Y43',
  timestamp: 1767225600000,
  prevHash: GENESIS_HASH,
};

describe('entry encoding (FORMAT.md)', () => {
  it('matches the worked example byte for byte', () => {
    expect(canonicalMetadata(METADATA)).toBe('{"category":"PATENT_DOCUMENT","pages":12,"title":"发明专利说明书 v2"}');
    expect(computePayloadDigest(canonicalMetadata(METADATA))).toBe(FIELDS.payloadDigest);
    expect(bytesToHex(encodeEntry(FIELDS))).toBe(
      '01' +
        '0000000000000000' +
        '0000019b76daa800' +
        '10' +
        '45564944454e43455f4445504f534954' +
        '0016' +
        '65766964656e63653a30314a4438573751365a4b334d' +
        '0012' +
        '39313335303130304d303030313030593433' +
        FIELDS.contentDigest +
        FIELDS.payloadDigest +
        GENESIS_HASH,
    );
    expect(computeEntryHash(FIELDS)).toBe('38a96761151f26c0bd3bcbfe7fe964c2b228f7d36422c23767c340cf3cde8247');
  });

  it('changes the hash when any field changes', () => {
    const base = computeEntryHash(FIELDS);
    const variants = [
      { ...FIELDS, seq: 1 },
      { ...FIELDS, timestamp: FIELDS.timestamp + 1 },
      { ...FIELDS, kind: 'CASE_DECISION' as const },
      { ...FIELDS, subject: 'evidence:01JD8W7Q6ZK3N' },
      { ...FIELDS, depositor: '91350100M000100Y44' },
      { ...FIELDS, contentDigest: '0'.repeat(64) },
      { ...FIELDS, payloadDigest: '0'.repeat(64) },
      { ...FIELDS, prevHash: 'f'.repeat(64) },
      // Moving a byte between two length-prefixed fields changes the hash too.
      { ...FIELDS, subject: 'evidence:01JD8W7Q6ZK3M9', depositor: '1350100M000100Y43' },
    ];
    for (const v of variants) expect(computeEntryHash(v)).not.toBe(base);
  });
});

describe('validateInput', () => {
  const good = { kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: 'AB'.repeat(32), depositor: 'd' };
  const code = (input: unknown) => {
    try {
      validateInput(input as Parameters<typeof validateInput>[0]);
      return 'ok';
    } catch (err) {
      expect(err).toBeInstanceOf(LedgerInputError);
      return (err as LedgerInputError).code;
    }
  };

  it('accepts a good request and normalizes the digest to lower case', () => {
    expect(bytesToHex(validateInput(good).contentDigest)).toBe('ab'.repeat(32));
    expect(bytesToHex(validateInput(good).payloadDigest)).toBe(computePayloadDigest('{}'));
    expect(validateInput({ ...good, metadata: { b: 1, a: 'x' } }).metadataJson).toBe('{"a":"x","b":1}');
  });

  it('names what is wrong', () => {
    expect(code({ ...good, contentDigest: 'ab'.repeat(31) })).toBe('INVALID_DIGEST');
    expect(code({ ...good, contentDigest: 'zz'.repeat(32) })).toBe('INVALID_DIGEST');
    expect(code({ ...good, contentDigest: 42 })).toBe('INVALID_DIGEST');
    expect(code({ ...good, kind: 'BIRTHDAY' })).toBe('UNKNOWN_KIND');
    expect(code({ ...good, metadata: { blob: 'x'.repeat(MAX_METADATA_BYTES) } })).toBe('METADATA_TOO_LARGE');
    expect(code({ ...good, metadata: { n: Number.NaN } })).toBe('INVALID_INPUT');
    expect(code({ ...good, metadata: { d: new Date() } })).toBe('INVALID_INPUT');
    expect(code({ ...good, metadata: [] })).toBe('INVALID_INPUT');
    expect(code({ ...good, subject: '' })).toBe('INVALID_INPUT');
    expect(code({ ...good, depositor: 'a\nb' })).toBe('INVALID_INPUT');
    expect(code({ ...good, subject: 'x'.repeat(257) })).toBe('INVALID_INPUT');
    expect(code(null)).toBe('INVALID_INPUT');
  });
});
