// Trusted time through the whole hub: configured by IPHUB_TSA_* against a real TSA (openssl ts
// -reply on loopback), a deposit's certificate comes back from verifyEvidence carrying the token,
// the offline check reports the TSA's time, and the admin listener says how old the newest token is.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTestPki, startTestTsa, type TestPki, type TestTsa } from '../ledger/testing/tsa.js';
import { type Certificate, verifyCertificate, verifyTrustedTime } from '../ledger/verify/index.js';
import { timestampOptions } from '../platform/storage.js';
import { iphub } from './support/cli.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { tempDir } from './support/tmp.js';
import { run, toolsPresent } from './support/tools.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const VERIFY = gql`
  query ($digest: String!) {
    verifyEvidence(contentDigest: $digest) {
      deposits {
        seq
        certificate
      }
    }
  }
`;

describe('trusted time through the hub (RFC 3161, 人民法院在线诉讼规则 arts. 16-19)', () => {
  const dir = tempDir('iphub-tsa-roots-');
  let pki: TestPki;
  let tsa: TestTsa;
  let t: TestHub;
  let rootsFile: string;
  let ownKey: string;

  beforeAll(async () => {
    pki = await makeTestPki();
    tsa = await startTestTsa(pki);
    rootsFile = join(dir.path, 'tsa-roots.pem');
    writeFileSync(rootsFile, pki.rootPem);
    t = await startTestHub({ env: { IPHUB_TSA_URLS: tsa.url, IPHUB_TSA_ROOTS: rootsFile, IPHUB_TSA_INTERVAL_MS: '1000' } });
  });
  afterAll(async () => {
    await t.close();
    await tsa.close();
    pki.close();
    dir.remove();
  });

  it('gives a deposit a certificate carrying the TSA token once its checkpoint is stamped; verifyEvidence returns that newest form', async () => {
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(
      gql`
        mutation ($input: RegisterEnterpriseInput!) {
          registerEnterprise(input: $input) {
            id
          }
        }
      `,
      { input: { uscc: '914403001922038216', name: '华为技术有限公司', regionCode: '440300', industry: '软件和信息技术服务业' } },
    );
    ownKey = await t.key('ENTERPRISE', { enterpriseId: registerEnterprise.id });
    const own = t.client(ownKey);
    const digest = sha256('产品设计图 v3');
    await own.request(
      gql`
        mutation ($input: DepositEvidenceInput!) {
          depositEvidence(input: $input) {
            id
          }
        }
      `,
      { input: { contentDigest: digest, title: '产品设计图', category: 'DOCUMENT' } },
    );
    let certificate: Certificate | undefined;
    for (let i = 0; i < 200; i++) {
      const { verifyEvidence } = await t.anonymous.request<{ verifyEvidence: { deposits: { certificate: Certificate }[] } }>(VERIFY, { digest });
      certificate = verifyEvidence.deposits[0]!.certificate;
      if (certificate.trustedTime !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(certificate?.trustedTime?.tokens).toHaveLength(1);
    const { ledgerVerifierKey, ledgerTimestampRoots } = await t.anonymous.request<{ ledgerVerifierKey: string; ledgerTimestampRoots: string[] }>(
      '{ ledgerVerifierKey ledgerTimestampRoots }',
    );
    expect(ledgerTimestampRoots).toEqual([pki.rootPem]);
    expect(verifyCertificate(certificate, { contentDigest: digest, trustedKeys: [ledgerVerifierKey] }).ok).toBe(true);
    const verdict = await verifyTrustedTime(certificate, { trustedKeys: [ledgerVerifierKey], tsaRoots: [pki.rootDer] });
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    expect(verdict.earliest?.tsa).toBe('CN=IP Hub Test TSA, O=IP Hub tests');

    // The command line checks the same certificate offline against the roots a court gives it.
    const file = join(dir.path, 'design.txt');
    writeFileSync(file, '产品设计图 v3');
    const certificateFile = join(dir.path, 'certificate.json');
    writeFileSync(certificateFile, JSON.stringify(certificate));
    writeFileSync(join(dir.path, 'other-root.pem'), pki.otherRootPem);
    const args = ['verify', '--file', file, '--certificate', certificateFile, '--trusted-key', ledgerVerifierKey];
    const trusted = await iphub([...args, '--tsa-root', rootsFile]);
    expect(trusted.stdout).toMatch(/^PASS {2}trustedTime\.token1: existed no later than \d{4}-.*\(±1 s\) per CN=IP Hub Test TSA, O=IP Hub tests$/m);
    expect(trusted.code).toBe(0);
    const untrusted = await iphub([...args, '--tsa-root', join(dir.path, 'other-root.pem')]);
    expect(untrusted.stdout).toMatch(/^FAIL {2}trustedTime\.token1: the TSA's certificate does not chain to a trusted root/m);
    expect(untrusted.code).toBe(1);
    const unasked = await iphub(args);
    expect(unasked.stdout).toMatch(
      /^NOTE {2}the certificate carries an RFC 3161 token of .* by CN=IP Hub Test TSA, O=IP Hub tests, not checked: give --tsa-root FILE/m,
    );
    expect(unasked.code).toBe(0);
  });

  it.skipIf(!toolsPresent(['pdftotext'], "the PDF certificate's trusted time"))(
    'prints the trusted time on the PDF certificate (存证证书) beside the ledger time',
    async () => {
      const res = await fetch(t.hub.url.replace(/\/graphql$/, '/certificates/0.pdf'), { headers: { authorization: `Bearer ${ownKey}` } });
      expect(res.status).toBe(200);
      const pdf = join(dir.path, 'certificate.pdf');
      writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
      const text = (await run('pdftotext', ['-layout', pdf, '-'])).toString('utf8').replace(/\s+/g, ' ');
      expect(text).toContain('可信时间');
      expect(text).toMatch(/existed no later than \d{4}-\d\d-\d\dT[\d:.]+Z \(±1 s\) per CN=IP Hub Test TSA, O=IP Hub tests/);
    },
  );

  it("says on the admin listener how old the newest token is, as a metric and in /readyz; the public /readyz says only 'ready'", async () => {
    const metrics = await (await fetch(`${t.hub.adminUrl}/metrics`)).text();
    const age = Number(/^iphub_ledger_timestamp_age_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(Number.isFinite(age) && age >= 0).toBe(true);
    expect(metrics).toMatch(/^iphub_ledger_timestamp_failures 0$/m);
    const detailed = await (await fetch(`${t.hub.adminUrl}/readyz`)).text();
    expect(detailed).toMatch(/^ready\nledger timestamps: newest token \d+ s old \(genTime \d{4}-\d\d-\d\dT[\d:.]+Z\)\n$/);
    expect(await (await fetch(t.hub.url.replace(/\/graphql$/, '/readyz'))).text()).toBe('ready\n');
  });

  it('refuses a TSA configuration it cannot use, saying what to set', () => {
    expect(timestampOptions({})).toBeUndefined();
    expect(() => timestampOptions({ IPHUB_TSA_URLS: tsa.url })).toThrow(/IPHUB_TSA_ROOTS must name the root certificate file/);
    expect(() => timestampOptions({ IPHUB_TSA_URLS: 'ftp://tsa.example', IPHUB_TSA_ROOTS: rootsFile })).toThrow(/not an http\(s\) URL/);
    expect(() => timestampOptions({ IPHUB_TSA_URLS: tsa.url, IPHUB_TSA_ROOTS: join(dir.path, 'missing.pem') })).toThrow(/IPHUB_TSA_ROOTS: .*missing\.pem/);
    writeFileSync(join(dir.path, 'not-pem.txt'), 'hello');
    expect(() => timestampOptions({ IPHUB_TSA_URLS: tsa.url, IPHUB_TSA_ROOTS: join(dir.path, 'not-pem.txt') })).toThrow(/no PEM certificate/);
    expect(() => timestampOptions({ IPHUB_TSA_URLS: tsa.url, IPHUB_TSA_ROOTS: rootsFile, IPHUB_TSA_INTERVAL_MS: '10' })).toThrow(/at least 1000/);
    expect(timestampOptions({ IPHUB_TSA_URLS: ` ${tsa.url} `, IPHUB_TSA_ROOTS: rootsFile })).toMatchObject({ urls: [tsa.url], intervalMs: 60_000 });
  });
});
