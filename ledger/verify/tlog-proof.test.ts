// The C2SP tlog-proof@v1 form of a certificate (https://c2sp.org/tlog-proof): written from a real
// ledger's certificate, it verifies as the certificate does; any changed line fails, and a file
// that is not one says why.
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tempDir } from '../../test/support/tmp.js';
import { type Ledger, openLedger } from '../ledger.js';
import { generateSigner, verifierKey } from '../note.js';
import { openSqliteLedgerStore } from '../store/sqlite.js';
import { type Certificate, verifyCertificate } from './certificate.js';
import { formatTlogProof, parseTlogProof, readCertificateFile, TLOG_PROOF_HEADER, TlogProofError } from './tlog-proof.js';

const digestOf = (i: number) => i.toString(16).padStart(64, '0');
const signer = generateSigner('iphub.test/tlog-proof');
const trustedKeys = [verifierKey(signer)];

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let cert: Certificate;
beforeAll(async () => {
  dir = tempDir('iphub-tlog-proof-');
  ledger = await openLedger({ store: openSqliteLedgerStore({ path: join(dir.path, 'ledger.db') }), signer });
  for (let i = 0; i < 7; i++) {
    await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: `evidence:${i}`, contentDigest: digestOf(i), depositor: 'e1', metadata: { title: `合同 ${i}` } });
  }
  await ledger.checkpoint();
  cert = await ledger.certificate(4);
});
afterAll(async () => {
  await ledger.close();
  dir.remove();
});

const verdict = (c: Certificate, digest = digestOf(4)) => verifyCertificate(c, { contentDigest: digest, trustedKeys });

describe('c2sp.org/tlog-proof@v1', () => {
  it('is written in the spec’s layout: header, extra, index, proof lines, an empty line, the checkpoint verbatim', () => {
    const text = formatTlogProof(cert);
    const [head, checkpoint] = [text.slice(0, text.indexOf('\n\n')), text.slice(text.indexOf('\n\n') + 2)];
    const lines = head.split('\n');
    expect(lines[0]).toBe(TLOG_PROOF_HEADER);
    expect(lines[1]).toMatch(/^extra [A-Za-z0-9+/]+=*$/);
    expect(lines[2]).toBe('index 4');
    expect(lines.slice(3)).toHaveLength(cert.inclusion.hashes.length);
    expect(checkpoint).toBe(cert.checkpoint);
  });

  it('reads back as the certificate it projects, and verifies as it does', () => {
    const read = parseTlogProof(formatTlogProof(cert));
    expect(read.entry).toStrictEqual(cert.entry);
    expect(read.inclusion).toStrictEqual(cert.inclusion);
    expect(verdict(read).ok).toBe(true);
    expect(verdict(read, digestOf(5)).checks.digest.ok).toBe(false);
    expect(verifyCertificate(read, { contentDigest: digestOf(4), trustedKeys: [verifierKey(generateSigner('iphub.test/tlog-proof'))] }).ok).toBe(false);
  });

  it('fails on any changed line: a proof hash, the index, the entry, the checkpoint', () => {
    const text = formatTlogProof(cert);
    const lines = text.split('\n');
    const changed = (i: number, line: string) => parseTlogProof(lines.map((l, j) => (j === i ? line : l)).join('\n'));
    const flipped = (b64: string) => (b64[0] === 'A' ? 'B' : 'A') + b64.slice(1);
    expect(verdict(changed(3, flipped(lines[3]!))).checks.inclusion.ok).toBe(false);
    expect(verdict(changed(2, 'index 5')).checks.inclusion.ok).toBe(false);
    const entry = { ...cert.entry, timestamp: cert.entry.timestamp + 1 };
    expect(verdict(changed(1, `extra ${Buffer.from(JSON.stringify(entry)).toString('base64')}`)).checks.entryHash.ok).toBe(false);
    const root = lines.indexOf(cert.checkpoint.split('\n')[2]!);
    expect(verdict(changed(root, flipped(lines[root]!))).ok).toBe(false);
  });

  it('says what is wrong with a file that is not one', () => {
    const text = formatTlogProof(cert);
    const reason = (t: string) => {
      try {
        parseTlogProof(t);
        return 'parsed';
      } catch (err) {
        expect(err).toBeInstanceOf(TlogProofError);
        return (err as Error).message;
      }
    };
    expect(reason(text.replace(TLOG_PROOF_HEADER, 'c2sp.org/tlog-proof@v2'))).toMatch(/first line/);
    expect(reason(text.replace(/^extra .*\n/m, ''))).toMatch(/extra/);
    expect(reason(text.replace('index 4', 'index 04'))).toMatch(/index/);
    expect(reason(text.replace(/\n\n/, '\n'))).toMatch(/empty line|index|proof line/);
    expect(reason(text.split('\n\n')[0]! + '\n\nnot a checkpoint\n')).toMatch(/checkpoint/);
  });

  it('is taken where a certificate file is, beside the JSON form', () => {
    expect(readCertificateFile(formatTlogProof(cert)).entry).toStrictEqual(cert.entry);
    expect(readCertificateFile(JSON.stringify(cert))).toStrictEqual(cert);
    expect(() => readCertificateFile('%PDF-1.7')).toThrow(TlogProofError);
  });
});
