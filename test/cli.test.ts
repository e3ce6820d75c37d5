// The command line a court or an auditor runs: `iphub verify` and `iphub audit`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Certificate, cosignNote, formatTlogProof, signerFromSeed, verifierKey } from '../ledger/index.js';
import { ALG_COSIGNATURE_V1 } from '../ledger/verify/index.js';
import { iphub } from './support/cli.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { tempDir } from './support/tmp.js';

describe('iphub command line', () => {
  let t: TestHub;
  const files = tempDir('iphub-cli-');
  const evidence = join(files.path, '合同.pdf');
  let hub: string;

  beforeAll(async () => {
    t = await startTestHub();
    hub = t.hub.url.replace(/\/graphql$/, '');
    writeFileSync(evidence, Buffer.from('%PDF-1.7 采购合同 '.repeat(50_000)));
    const staff = t.client(await t.key('CENTER_STAFF'));
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "制造业" }) {
          id
        }
      }
    `);
    const d = createHash('sha256')
      .update(Buffer.from('%PDF-1.7 采购合同 '.repeat(50_000)))
      .digest('hex');
    await staff.request(
      gql`
        mutation ($d: String!, $e: ID!) {
          depositEvidence(input: { contentDigest: $d, title: "采购合同", category: CONTRACT, depositorId: $e }) {
            id
          }
        }
      `,
      {
        d,
        e: registerEnterprise.id,
      },
    );
    const certificate = await t.hub.ledger.certificate(0);
    writeFileSync(join(files.path, 'certificate.json'), JSON.stringify(certificate));
    // The log grows after the certificate was issued.
    for (let i = 0; i < 5; i++) {
      await staff.request(
        gql`
          mutation ($d: String!, $e: ID!) {
            depositEvidence(input: { contentDigest: $d, title: "后续证据", category: OTHER, depositorId: $e }) {
              id
            }
          }
        `,
        {
          d: createHash('sha256').update(`later ${i}`).digest('hex'),
          e: registerEnterprise.id,
        },
      );
    }
    await t.hub.ledger.checkpoint();
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('verifies a file online: certificate fetched, checkpoint signed, log consistent since', async () => {
    const r = await iphub(['verify', '--file', evidence, '--hub', hub, '--trusted-key', t.hub.ledger.verifierKey]);
    expect(r.code, r.stdout).toBe(0);
    for (const check of ['digest', 'entryHash', 'inclusion', 'checkpointSignature', 'consistency']) expect(r.stdout).toMatch(new RegExp(`PASS  ${check}`));
    expect(r.stdout).toContain('VERIFIED');
  });

  it('verifies offline from a saved certificate, and checks consistency against the hub later', async () => {
    const certificate = join(files.path, 'certificate.json');
    const offline = await iphub(['verify', '--file', evidence, '--certificate', certificate], { IPHUB_TRUSTED_KEY: t.hub.ledger.verifierKey });
    expect(offline.code, offline.stdout).toBe(0);
    expect(offline.stdout).not.toContain('consistency');
    const online = await iphub(['verify', '--file', evidence, '--certificate', certificate, '--hub', hub, '--trusted-key', t.hub.ledger.verifierKey]);
    expect(online.code, online.stdout).toBe(0);
    expect(online.stdout).toMatch(/PASS {2}consistency: the hub's log of \d+ entries extends the certificate's checkpoint of 1/);
  });

  it('verifies offline from the standard proof (c2sp.org/tlog-proof@v1) as from the certificate, and fails a changed one', async () => {
    const proof = join(files.path, 'certificate.tlog-proof');
    const text = formatTlogProof(JSON.parse(readFileSync(join(files.path, 'certificate.json'), 'utf8')) as Certificate);
    writeFileSync(proof, text);
    const ok = await iphub(['verify', '--file', evidence, '--certificate', proof], { IPHUB_TRUSTED_KEY: t.hub.ledger.verifierKey });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/PASS {2}inclusion/);
    writeFileSync(proof, text.replace('index 0\n', 'index 1\n'));
    const changed = await iphub(['verify', '--file', evidence, '--certificate', proof], { IPHUB_TRUSTED_KEY: t.hub.ledger.verifierKey });
    expect(changed.code).not.toBe(0);
    expect(changed.stdout).toMatch(/FAIL {2}inclusion/);
  });

  it('verifies offline from the PDF certificate (GET /certificates/<seq>.pdf), which carries the certificate, and fails for another file', async () => {
    const res = await fetch(`${hub}/certificates/0.pdf`, { headers: { authorization: `Bearer ${await t.key('CENTER_STAFF')}` } });
    expect(res.status).toBe(200);
    const pdf = join(files.path, 'iphub-certificate-0.pdf');
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const ok = await iphub(['verify', '--file', evidence, '--certificate', pdf], { IPHUB_TRUSTED_KEY: t.hub.ledger.verifierKey });
    expect(ok.code, ok.stdout).toBe(0);
    for (const check of ['digest', 'entryHash', 'inclusion', 'checkpointSignature']) expect(ok.stdout).toMatch(new RegExp(`PASS  ${check}`));
    expect(ok.stdout).toContain('VERIFIED');
    const other = join(files.path, 'other.pdf');
    writeFileSync(other, Buffer.from('%PDF-1.7 另一份合同 '.repeat(1_000)));
    const wrong = await iphub(['verify', '--file', other, '--certificate', pdf], { IPHUB_TRUSTED_KEY: t.hub.ledger.verifierKey });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL {2}digest/);
    expect(wrong.stdout).toContain('NOT VERIFIED');
  });

  it('requires witnesses when asked, and passes once they cosigned', async () => {
    const witness = signerFromSeed('witness.example/w1', new Uint8Array(32).fill(4), ALG_COSIGNATURE_V1);
    const certificate = JSON.parse(readFileSync(join(files.path, 'certificate.json'), 'utf8')) as { checkpoint: string };
    const args = ['verify', '--file', evidence, '--trusted-key', t.hub.ledger.verifierKey, '--witness-key', verifierKey(witness), '--min-witnesses', '1'];
    const alone = await iphub([...args, '--certificate', join(files.path, 'certificate.json')]);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(/FAIL {2}witnesses/);
    writeFileSync(join(files.path, 'cosigned.json'), JSON.stringify({ ...certificate, checkpoint: cosignNote(certificate.checkpoint, witness) }));
    const cosigned = await iphub([...args, '--certificate', join(files.path, 'cosigned.json')]);
    expect(cosigned.code, cosigned.stdout).toBe(0);
    expect(cosigned.stdout).toMatch(/PASS {2}witnesses/);
  });

  it('fails, exiting non-zero, for a changed file or an untrusted key', async () => {
    const changed = join(files.path, 'changed.pdf');
    writeFileSync(changed, Buffer.from('%PDF-1.7 采购合同 '.repeat(50_000) + ' '));
    const r = await iphub(['verify', '--file', changed, '--certificate', join(files.path, 'certificate.json'), '--trusted-key', t.hub.ledger.verifierKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}digest/);
    expect(r.stdout).toContain('NOT VERIFIED');
    const untrusted = await iphub([
      'verify',
      '--file',
      evidence,
      '--hub',
      hub,
      '--trusted-key',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/FAIL {2}checkpointSignature/);
    const unknown = await iphub(['verify', '--file', changed, '--hub', hub, '--trusted-key', t.hub.ledger.verifierKey]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/FAIL {2}deposit: the hub holds no deposit/);
    expect((await iphub(['verify'])).code).toBe(2);
  });

  it('audits the whole ledger with a final verdict', async () => {
    const r = await iphub(['audit'], { IPHUB_DATA_DIR: t.hub.storage.kind === 'sqlite' ? t.hub.storage.dataDir : '' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/AUDIT OK: 6 entries/);
  });
});
