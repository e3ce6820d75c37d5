// C2SP tlog-cosignature: witnesses' timestamped cosignatures of checkpoints, and certificates
// that require them. Vectors from C2SP tlog-cosignature.md and transparency-dev/formats.
import { describe, expect, it } from 'vitest';

import { openLedger } from './ledger.js';
import { cosignNote, generateSigner, signerFromSeed, signNote, verifierKey } from './note.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { verifyCertificate } from './verify/certificate.js';
import { ALG_COSIGNATURE_V1, cosignatureTime, parseNote, parseVerifierKey, verifyNote } from './verify/note.js';

const SOFA_COSIGNED = `example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
`;

describe('witness cosignatures', () => {
  it('reads the C2SP example and the formats key vectors', () => {
    const witness = parseNote(SOFA_COSIGNED)!.signatures[1]!;
    expect(witness.keyId).toBe(0x8d66cf3f);
    expect(cosignatureTime(witness)).toBe(1679315147);
    expect(cosignatureTime(parseNote(SOFA_COSIGNED)!.signatures[0]!)).toBeUndefined();
    expect(parseVerifierKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')).toMatchObject({
      alg: ALG_COSIGNATURE_V1,
      keyId: 0xda77ade7,
    });
    expect(parseVerifierKey('rekor.sigstore.dev+12345678+AwEB')).toBeUndefined();
  });

  it('verifies a cosignature by its witness key, and not a changed one', () => {
    const log = generateSigner('iphub.example/log');
    const witness = signerFromSeed('witness.example/w1', new Uint8Array(32).fill(9), ALG_COSIGNATURE_V1);
    const note = signNote('iphub.example/log\n7\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', log);
    const cosigned = cosignNote(note, witness, 1_767_225_600);
    expect(verifyNote(cosigned, verifierKey(witness))).toBe(true);
    expect(verifyNote(cosigned, verifierKey(log))).toBe(true);
    expect(cosignatureTime(parseNote(cosigned)!.signatures[1]!)).toBe(1_767_225_600);
    // The time is signed: another time in the line does not verify.
    const line = cosigned.trimEnd().split('\n').at(-1)!;
    const bytes = Buffer.from(line.split(' ').at(-1)!, 'base64');
    bytes[11] = bytes[11]! ^ 1;
    const retimed = cosigned.replace(line, `${line.split(' ').slice(0, -1).join(' ')} ${bytes.toString('base64')}`);
    expect(verifyNote(retimed, verifierKey(witness))).toBe(false);
    expect(() => cosignNote(note, log)).toThrow();
  });

  it('lets a certificate require cosignatures from trusted witnesses', async () => {
    const log = generateSigner('iphub.example/log');
    const witness = signerFromSeed('witness.example/w1', new Uint8Array(32).fill(7), ALG_COSIGNATURE_V1);
    const ledger = await openLedger({ store: openSqliteLedgerStore({ path: ':memory:' }), signer: log });
    const digest = 'ab'.repeat(32);
    await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: digest, depositor: 'd' });
    const certificate = await ledger.certificate(0);
    const options = { contentDigest: digest, trustedKeys: [ledger.verifierKey], witnessKeys: [verifierKey(witness)] };

    expect(verifyCertificate(certificate, options).ok).toBe(true);
    const uncosigned = verifyCertificate(certificate, { ...options, minWitnesses: 1 });
    expect(uncosigned.ok).toBe(false);
    expect(uncosigned.checks.witnesses?.ok).toBe(false);
    const cosigned = { ...certificate, checkpoint: cosignNote(certificate.checkpoint, witness) };
    const verdict = verifyCertificate(cosigned, { ...options, minWitnesses: 1 });
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.witnesses?.detail).toContain('witness.example/w1');
    expect(verifyCertificate(cosigned, { ...options, minWitnesses: 2 }).ok).toBe(false);
    // A witness's key is no stand-in for the log's.
    expect(verifyCertificate(cosigned, { ...options, trustedKeys: [verifierKey(witness)] }).checks.checkpointSignature.ok).toBe(false);
    await ledger.close();
  });

  it('keeps cosignatures witnesses send back, and hands them out in certificates', async () => {
    const log = generateSigner('iphub.example/log');
    const witness = signerFromSeed('witness.example/w1', new Uint8Array(32).fill(5), ALG_COSIGNATURE_V1);
    const stranger = signerFromSeed('witness.example/w9', new Uint8Array(32).fill(6), ALG_COSIGNATURE_V1);
    const ledger = await openLedger({ store: openSqliteLedgerStore({ path: ':memory:' }), signer: log, witnessKeys: [verifierKey(witness)] });
    const digest = 'cd'.repeat(32);
    await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: digest, depositor: 'd' });
    const checkpoint = await ledger.checkpoint();

    const merged = await ledger.addCosignatures(cosignNote(checkpoint, witness));
    expect(merged.startsWith(checkpoint)).toBe(true);
    expect(verifyNote(merged, verifierKey(witness))).toBe(true);
    const certificate = await ledger.certificate(0);
    expect(certificate.checkpoint).toBe(merged);
    expect(
      verifyCertificate(certificate, { contentDigest: digest, trustedKeys: [ledger.verifierKey], witnessKeys: [verifierKey(witness)], minWitnesses: 1 }).ok,
    ).toBe(true);

    await expect(ledger.addCosignatures(cosignNote(checkpoint, witness))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ledger.addCosignatures(cosignNote(checkpoint, stranger))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      ledger.addCosignatures(cosignNote(signNote('iphub.example/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', log), witness)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.addCosignatures('not a note')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await ledger.audit()).ok).toBe(true);
    await ledger.close();
  });
});
