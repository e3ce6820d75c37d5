// The page's verdict, outside the browser: each check in plain words, offline from a loaded
// certificate, and nothing passes on a changed file, a forged entry or an untrusted key.
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HubApi } from '../../client/hub-api.js';
import { type Ledger, openLedger } from '../../ledger/index.js';
import { generateSigner, signerFromKey, signerKey, verifierKey } from '../../ledger/index.js';
import { openSqliteLedgerStore } from '../../ledger/index.js';
import { makeTestPki, startTestTsa, type TestPki, type TestTsa } from '../../ledger/testing/tsa.js';
import type { Certificate } from '../../ledger/verify/index.js';
import { pemCertificates } from '../../ledger/verify/index.js';
import { computeEntryHash } from '../../ledger/verify/index.js';
import { startTestHub } from '../../test/support/hub.js';
import { tempDir } from '../../test/support/tmp.js';
import { buildReport, ReportInputError } from './report.js';

describe('the verification report', () => {
  const dir = tempDir('iphub-report-');
  const signer = generateSigner('iphub.test/report');
  const key = verifierKey(signer);
  const digest = createHash('sha256').update('采购合同').digest('hex');
  let ledger: Ledger;
  let certificate: Certificate;

  beforeAll(async () => {
    ledger = await openLedger({ store: openSqliteLedgerStore({ path: join(dir.path, 'ledger.db') }), signer });
    const receipt = await ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: 'evidence:1',
      contentDigest: digest,
      depositor: 'enterprise-1',
      metadata: { title: '采购合同' },
    });
    certificate = await ledger.certificate(receipt.seq);
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  it('says a file is the one deposited only when it fingerprinted a file; a digest alone is a deposit on record', async () => {
    const withFile = await buildReport(digest, { certificate, trustedKeys: [key], fileName: '采购合同.pdf' });
    expect(withFile).toMatchObject({ ok: true, fileChecked: true });
    expect(withFile.deposits[0]!.checks.find((c) => c.name === 'digest')!.words.en).toBe('The file is exactly the one deposited (the same SHA-256).');
    const digestOnly = await buildReport(digest, { certificate, trustedKeys: [key] });
    expect(digestOnly).toMatchObject({ ok: true, fileChecked: false });
    const words = digestOnly.deposits[0]!.checks.find((c) => c.name === 'digest')!.words;
    expect(words.en).toMatch(/^A deposit with this fingerprint is on record\. No file was fingerprinted/);
    expect(words.zh).not.toContain('完全一致');
  });

  it('passes a certificate offline, saying what it attests', async () => {
    const report = await buildReport(digest.toUpperCase(), { certificate, trustedKeys: [key], now: 0 });
    expect(report.ok).toBe(true);
    expect(report.deposits[0]!.checks.map((c) => [c.name, c.ok])).toEqual([
      ['digest', true],
      ['entryHash', true],
      ['inclusion', true],
      ['checkpointSignature', true],
    ]);
    expect(report.deposits[0]!.attested).toMatchObject({ seq: 0, depositor: 'enterprise-1', title: '采购合同', origin: 'iphub.test/report', treeSize: 1 });
    const inclusion = report.deposits[0]!.checks.find((c) => c.name === 'inclusion')!;
    expect(inclusion.words.zh).toBe('该记录是账本第 0 条，收录在含 1 条记录的检查点中。');
    expect(inclusion.words.en).toBe('The record is entry 0 of the ledger, included in the checkpoint of 1 entry.');
  });

  it('fails another file, a forged entry and an untrusted key, each on its own check', async () => {
    const other = createHash('sha256').update('采购合同（改）').digest('hex');
    const failed = async (d: string, c: unknown, keys = [key]) =>
      (await buildReport(d, { certificate: c, trustedKeys: keys })).deposits[0]!.checks.filter((x) => !x.ok).map((x) => x.name);
    expect(await failed(other, certificate)).toEqual(['digest']);
    const forged = { ...certificate.entry, depositor: 'enterprise-2' };
    expect(await failed(digest, { ...certificate, entry: forged })).toEqual(['entryHash']);
    // Re-hashed to match, the forged entry is no longer the leaf the checkpoint commits to.
    expect(await failed(digest, { ...certificate, entry: { ...forged, entryHash: computeEntryHash(forged) } })).toEqual(['inclusion']);
    expect(await failed(digest, certificate, [verifierKey(generateSigner('iphub.test/other'))])).toEqual(['checkpointSignature']);
    for (const junk of [{ not: 'a certificate' }, null, 5, 'text', []]) {
      expect(await failed(digest, junk)).toEqual(['digest', 'entryHash', 'inclusion', 'checkpointSignature']);
    }
  });

  it('requires witnesses when asked, and says how many', async () => {
    const report = await buildReport(digest, { certificate, trustedKeys: [key], minWitnesses: 2 });
    const witnesses = report.deposits[0]!.checks.find((c) => c.name === 'witnesses')!;
    expect([report.ok, witnesses.ok, witnesses.words.en]).toEqual([false, false, 'Fewer than 2 independent witnesses you trust cosigned the checkpoint.']);
  });

  it("checks with the hub that its log extends the certificate's checkpoint, and catches a forked log signed with the same key", async () => {
    const key = signerKey('iphub.test/split', randomBytes(32));
    const t = await startTestHub({ env: { IPHUB_LEDGER_KEY: key } });
    const forkDir = tempDir('iphub-fork-');
    const fork = await openLedger({ store: openSqliteLedgerStore({ path: join(forkDir.path, 'ledger.db') }), signer: signerFromKey(key) });
    try {
      const hub = new HubApi(t.hub.url);
      const deposit = { kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: digest, depositor: 'enterprise-1', metadata: {} } as const;
      for (let i = 0; i < 3; i++) await t.hub.ledger.append({ ...deposit, subject: `evidence:${i}` });
      await fork.append({ ...deposit, subject: 'evidence:forked' });
      const forked = await fork.certificate((await fork.append(deposit)).seq);
      const trustedKeys = [t.hub.ledger.verifierKey];

      const honest = await buildReport(digest, { hub, trustedKeys });
      expect(honest.deposits.map((d) => d.ok)).toEqual([true, true, true]);
      expect(honest.deposits[0]!.checks.at(-1)).toMatchObject({ name: 'consistency', ok: true });

      // The forked certificate is signed by the very key the court trusts: only the log tells.
      const split = await buildReport(digest, { certificate: forked, hub, trustedKeys });
      expect(split.deposits[0]!.checks.map((c) => [c.name, c.ok])).toEqual([
        ['digest', true],
        ['entryHash', true],
        ['inclusion', true],
        ['checkpointSignature', true],
        ['consistency', false],
      ]);
      expect(split.ok).toBe(false);
    } finally {
      await fork.close();
      forkDir.remove();
      await t.close();
    }
  });

  it('refuses what is not a SHA-256 before asking anyone', async () => {
    await expect(buildReport('abc', { certificate, trustedKeys: [key] })).rejects.toBeInstanceOf(ReportInputError);
  });
});

describe('the verification report on trusted time (RFC 3161, a real TSA: openssl ts -reply)', () => {
  const signer = generateSigner('iphub.test/report-tsa');
  const digest = createHash('sha256').update('设计图纸').digest('hex');
  let pki: TestPki;
  let tsa: TestTsa;
  let ledger: Ledger;
  beforeAll(async () => {
    pki = await makeTestPki();
    tsa = await startTestTsa(pki);
    ledger = await openLedger({
      store: openSqliteLedgerStore({ path: ':memory:' }),
      signer,
      checkpointIntervalMs: 20,
      timestamps: { urls: [tsa.url], roots: [pki.rootDer], intervalMs: 60_000 },
    });
  });
  afterAll(async () => {
    await ledger.close();
    await tsa.close();
    pki.close();
  });

  it("states the TSA's time beside the ledger's, and fails the deposit when the token does not chain to a root the user trusts", async () => {
    await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:1', contentDigest: digest, depositor: 'enterprise-1' });
    for (let i = 0; i < 500 && (await ledger.certificate(0)).trustedTime === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    const certificate = await ledger.certificate(0);
    const report = await buildReport(digest, { certificate, trustedKeys: [verifierKey(signer)], tsaRoots: [pki.rootDer] });
    expect(report.ok).toBe(true);
    const line = report.deposits[0]!.checks.find((c) => c.name === 'trustedTime')!;
    expect(line.words.zh).toMatch(/^时间戳服务机构 CN=IP Hub Test TSA, O=IP Hub tests 证明：该记录不晚于 .*（北京时间）.* \(±1 s\) 已存在。$/);
    const trusted = report.deposits[0]!.attested!.trustedTime;
    expect(trusted).toMatchObject({ tsa: 'CN=IP Hub Test TSA, O=IP Hub tests', accuracyMs: 1000 });

    const untrusted = await buildReport(digest, { certificate, trustedKeys: [verifierKey(signer)], tsaRoots: pemCertificates(pki.otherRootPem) });
    expect(untrusted.ok).toBe(false);
    const failed = untrusted.deposits[0]!.checks.find((c) => c.name === 'trustedTime')!;
    expect([failed.ok, failed.detail]).toEqual([false, expect.stringMatching(/does not chain to a trusted root/)]);
  });

  it('says the trusted time is pending, without failing the deposit, for a certificate issued before its checkpoint was stamped', async () => {
    await ledger.append({ kind: 'EVIDENCE_DEPOSIT', subject: 'evidence:2', contentDigest: digest, depositor: 'enterprise-1' });
    const certificate = await ledger.certificate(1);
    expect(certificate.trustedTime).toBeUndefined();
    const report = await buildReport(digest, { certificate, trustedKeys: [verifierKey(signer)], tsaRoots: [pki.rootDer] });
    expect(report.ok).toBe(true);
    expect(report.deposits[0]!.attested!.trustedTime).toBe('pending');
    expect(report.deposits[0]!.checks.map((c) => c.name)).not.toContain('trustedTime');
  });
});
