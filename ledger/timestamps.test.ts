// RFC 3161 trusted time on checkpoints, against a real TSA (openssl ts -reply, ledger/testing/tsa.ts):
// tokens obtained and stored beside the checkpoint, carried in certificates, checked offline;
// each forged or misissued token refused with its reason; a TSA down never holds a deposit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bytesToHex, fromBase64, toBase64 } from './bytes.js';
import { type Ledger, openLedger } from './ledger.js';
import { generateSigner } from './note.js';
import { openSqliteLedgerStore } from './store/sqlite.js';
import { makeTestPki, startTestTsa, type TestPki, type TestTsa } from './testing/tsa.js';
import { fetchTimestampToken } from './timestamps.js';
import { type Certificate, verifyCertificate, verifyTrustedTime } from './verify/certificate.js';
import { pemCertificates } from './verify/timestamp.js';

const digest = (n: number) => bytesToHex(new Uint8Array(32).fill(n));
const deposit = (n: number) => ({ kind: 'EVIDENCE_DEPOSIT', subject: `evidence:${n}`, contentDigest: digest(n), depositor: 'enterprise-1' });

/** Resolves once `check` holds, polling; the TSA answers in its own time. */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RFC 3161 timestamps on checkpoints', () => {
  let pki: TestPki;
  let tsa: TestTsa;
  let expiredTsa: TestTsa;
  beforeAll(async () => {
    pki = await makeTestPki();
    [tsa, expiredTsa] = await Promise.all([startTestTsa(pki), startTestTsa(pki, 'expired')]);
  });
  afterAll(async () => {
    await Promise.all([tsa.close(), expiredTsa.close()]);
    pki.close();
  });

  const open = (urls: string[], intervalMs = 50): Promise<Ledger> =>
    openLedger({
      store: openSqliteLedgerStore({ path: ':memory:' }),
      signer: generateSigner('iphub.test/tsa'),
      checkpointIntervalMs: 20,
      timestamps: { urls, roots: [pki.rootDer], intervalMs, timeoutMs: 5_000 },
    });
  const trust = (ledger: Ledger, roots = [pki.rootDer]) => ({ trustedKeys: [ledger.verifierKey], tsaRoots: roots });

  it('stamps the newest checkpoint, carries the token in certificates, and the offline check reports the trusted time', async () => {
    const ledger = await open([tsa.url]);
    const before = Date.now();
    await ledger.append(deposit(1));
    await until(async () => (await ledger.certificate(0)).trustedTime !== undefined);
    const certificate = await ledger.certificate(0);
    expect(verifyCertificate(certificate, { contentDigest: digest(1), trustedKeys: [ledger.verifierKey] }).ok).toBe(true);
    const verdict = await verifyTrustedTime(certificate, trust(ledger));
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    expect(verdict.tokens).toHaveLength(1);
    expect(verdict.earliest?.tsa).toBe('CN=IP Hub Test TSA, O=IP Hub tests');
    expect(verdict.earliest?.accuracyMs).toBe(1000);
    expect(verdict.tokens[0]!.detail).toMatch(/^existed no later than \d{4}-\d\d-\d\dT.*\(±1 s\) per CN=IP Hub Test TSA/);
    // openssl's genTime has whole seconds.
    expect(Date.parse(verdict.earliest!.genTime)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(ledger.stats().lastTimestampAt).toBe(Date.parse(verdict.earliest!.genTime));
    await ledger.close();
  });

  it('asks again only when entries arrived since the last token', async () => {
    const ledger = await open([tsa.url], 30);
    await ledger.append(deposit(1));
    await until(() => ledger.stats().lastTimestampAt > 0);
    const asked = tsa.requests;
    await new Promise((r) => setTimeout(r, 200));
    expect(tsa.requests).toBe(asked);
    await ledger.append(deposit(2));
    await until(async () => (await ledger.certificate(1)).trustedTime !== undefined);
    expect(tsa.requests).toBe(asked + 1);
    await ledger.close();
  });

  it('gives a later deposit the first timestamped checkpoint covering it, with a consistency proof from its own', async () => {
    const ledger = await open([tsa.url], 60_000);
    await ledger.append(deposit(1));
    await until(() => ledger.stats().lastTimestampAt > 0);
    // The first certificate's checkpoint (size 1) is stamped; entry 1 comes after it.
    await ledger.append(deposit(2));
    const unstamped = await ledger.certificate(1);
    expect(unstamped.trustedTime).toBeUndefined();
    const missing = await verifyTrustedTime(unstamped, trust(ledger));
    expect([missing.ok, missing.present, missing.checkpoint.detail]).toEqual([false, false, expect.stringMatching(/no trusted time yet/)]);
    // The first deposit's certificate, issued from a newer checkpoint, proves consistency with the stamped one.
    await ledger.append(deposit(3));
    const first = await ledger.certificate(0);
    expect(first.inclusion.treeSize).toBeGreaterThan(1);
    expect(first.trustedTime?.consistency).toMatchObject({ fromSize: 1, toSize: first.inclusion.treeSize });
    expect((await verifyTrustedTime(first, trust(ledger))).ok).toBe(true);
    // A changed proof hash is refused.
    const hashes = [...first.trustedTime!.consistency!.hashes];
    hashes[0] = hashes[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const forged: Certificate = { ...first, trustedTime: { ...first.trustedTime!, consistency: { ...first.trustedTime!.consistency!, hashes } } };
    expect((await verifyTrustedTime(forged, trust(ledger))).checkpoint.detail).toMatch(/consistency proof does not lead/);
    await ledger.close();
  });

  describe('refuses each failure with its reason (RFC 3161 sections 2.3, 2.4.2; RFC 5280 section 6)', () => {
    let ledger: Ledger;
    let certificate: Certificate;
    beforeAll(async () => {
      ledger = await open([tsa.url]);
      await ledger.append(deposit(1));
      await until(async () => (await ledger.certificate(0)).trustedTime !== undefined);
      certificate = await ledger.certificate(0);
    });
    afterAll(() => ledger.close());
    const withToken = (token: string, note = certificate.trustedTime!.checkpoint): Certificate => ({
      ...certificate,
      trustedTime: { ...certificate.trustedTime!, checkpoint: note, tokens: [token] },
    });
    const reasons = async (c: Certificate, roots = [pki.rootDer]) => {
      const verdict = await verifyTrustedTime(c, trust(ledger, roots));
      expect(verdict.ok).toBe(false);
      return verdict.tokens.map((t) => t.detail).join(' | ');
    };

    it('a token over another checkpoint', async () => {
      await ledger.append(deposit(2));
      await until(async () => (await ledger.certificate(1)).trustedTime !== undefined);
      const other = (await ledger.certificate(1)).trustedTime!.tokens[0]!;
      expect(await reasons(withToken(other))).toMatch(/the token is over another document/);
    });

    it('a tampered token', async () => {
      const der = fromBase64(certificate.trustedTime!.tokens[0]!)!;
      der[der.length - 6]! ^= 0x01;
      expect(await reasons(withToken(toBase64(der)))).toMatch(/CMS signature does not verify/);
    });

    it('a signer without the critical timeStamping extended key usage', async () => {
      const resigned = await pki.resignWithoutCriticalUsage(fromBase64(certificate.trustedTime!.tokens[0]!)!);
      expect(await reasons(withToken(toBase64(resigned)))).toMatch(/timeStamping extended key usage is not marked critical/);
    });

    it('a chain to an untrusted root', async () => {
      expect(await reasons(certificate, pemCertificates(pki.otherRootPem))).toMatch(/does not chain to a trusted root/);
      expect(await reasons(certificate, [])).toMatch(/no trusted TSA root certificate was given/);
    });

    it("a TSA certificate expired before the token's time", async () => {
      const stamped = await open([expiredTsa.url]);
      // The ledger checks a token before keeping it: the expired TSA's are never stored.
      await stamped.append(deposit(1));
      await until(() => stamped.stats().timestampFailures > 0);
      expect((await stamped.certificate(0)).trustedTime).toBeUndefined();
      await stamped.close();
      // Offline, the same token is refused with its reason.
      const { token } = await fetchTimestampToken(expiredTsa.url, certificate.trustedTime!.checkpoint, 5_000);
      expect(await reasons(withToken(toBase64(token)))).toMatch(/certificate expired at 2021-01-01T00:00:00.000Z, before the token's time/);
    });
  });

  it('keeps taking deposits while the TSA is down, and stamps once it is back', async () => {
    tsa.down = true;
    try {
      const ledger = await open([tsa.url], 30);
      const receipts = await Promise.all([1, 2, 3, 4, 5].map((n) => ledger.append(deposit(n))));
      expect(receipts.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
      await until(() => ledger.stats().timestampFailures >= 2);
      expect((await ledger.certificate(4)).trustedTime).toBeUndefined();
      tsa.down = false;
      await until(async () => (await ledger.certificate(4)).trustedTime !== undefined);
      expect((await verifyTrustedTime(await ledger.certificate(4), trust(ledger))).ok).toBe(true);
      await ledger.close();
    } finally {
      tsa.down = false;
    }
  });

  it('never holds a deposit on a TSA that does not answer', async () => {
    const release = tsa.hold();
    try {
      const ledger = await open([tsa.url], 10);
      await ledger.append(deposit(1));
      await until(() => tsa.requests > 0);
      // The request is unanswered; deposits meanwhile are acknowledged as ever.
      for (let n = 2; n <= 20; n++) await ledger.append(deposit(n));
      expect(ledger.stats().size).toBe(20);
      expect(ledger.stats().lastTimestampAt).toBe(0);
      release();
      await until(() => ledger.stats().lastTimestampAt > 0);
      await ledger.close();
    } finally {
      release();
    }
  });
});
