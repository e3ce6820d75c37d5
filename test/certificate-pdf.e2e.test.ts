// GET /certificates/<seq>.pdf through the hub (issue 24): the depositor, with its key or its
// person's session (a link sends no CSRF token), gets the PDF certificate, and the certificate
// attached to it verifies offline from the PDF alone; another enterprise gets 404, as for an entry
// that records no deposit; no one gets 401; a path that names no seq, 400.
import { createHash } from 'node:crypto';

import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../gateway/accounts/accounts.js';
import { certificateFromPdf } from '../ledger/verify/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { signInOver } from './support/people.js';

const HUAWEI = '914403001922038216';
const TENCENT = '9144030071526726XG';
const PASSWORD = 'correct horse battery staple';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('GET /certificates/<seq>.pdf', () => {
  let t: TestHub;
  let base: string;
  let huaweiKey: string;
  let tencentKey: string;
  let seq: number;
  const digest = sha256('采购合同 第二版');

  beforeAll(async () => {
    t = await startTestHub();
    base = t.hub.url.replace(/\/graphql$/, '');
    const staff = t.client(await t.key('CENTER_STAFF'));
    const ids: string[] = [];
    for (const [uscc, name] of [
      [HUAWEI, '华为技术有限公司'],
      [TENCENT, '深圳市腾讯计算机系统有限公司'],
    ] as const) {
      const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(
        gql`
          mutation ($uscc: String!, $name: String!) {
            registerEnterprise(input: { uscc: $uscc, name: $name, regionCode: "440300", industry: "制造业" }) {
              id
            }
          }
        `,
        { uscc, name },
      );
      ids.push(registerEnterprise.id);
    }
    huaweiKey = await t.key('ENTERPRISE', { enterpriseId: ids[0]! });
    tencentKey = await t.key('ENTERPRISE', { enterpriseId: ids[1]! });
    await createAccount(t.hub.accounts, { username: 'wang.fang', password: PASSWORD, role: 'ENTERPRISE', enterpriseId: ids[0]! });
    await createAccount(t.hub.accounts, { username: 'li.lei', password: PASSWORD, role: 'ENTERPRISE', enterpriseId: ids[1]! });
    const { depositEvidence } = await t.client(huaweiKey).request<{ depositEvidence: { receipt: { seq: number } } }>(
      gql`
        mutation ($d: String!) {
          depositEvidence(input: { contentDigest: $d, title: "采购合同（第二版）", category: CONTRACT }) {
            receipt {
              seq
            }
          }
        }
      `,
      { d: digest },
    );
    seq = depositEvidence.receipt.seq;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}${path}`, { method, headers });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const codeOf = async (res: Response) => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

  it('gives the depositor its certificate as a PDF download that verifies offline from the PDF alone', async () => {
    const res = await get(`/certificates/${seq}.pdf`, bearer(huaweiKey));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="iphub-certificate-${seq}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200 * 1024);
    const certificate = await certificateFromPdf(pdf);
    expect(certificate.entry.seq).toBe(seq);
    expect(certificate.entry.contentDigest).toBe(digest);
    const verdict = verifyCertificate(certificate, { contentDigest: digest, trustedKeys: [t.hub.ledger.verifierKey] });
    expect(verdict.checks).toMatchObject({ digest: { ok: true }, entryHash: { ok: true }, inclusion: { ok: true }, checkpointSignature: { ok: true } });
    expect(verdict.ok).toBe(true);
    // The same deposit's certificate renders to the same bytes.
    expect(new Uint8Array(await (await get(`/certificates/${seq}.pdf`, bearer(huaweiKey))).arrayBuffer())).toStrictEqual(pdf);
  });

  it('takes the person’s session cookie without a CSRF token (the portal links to it), and answers HEAD with the headers alone', async () => {
    const wang = await signInOver(base, 'wang.fang', PASSWORD);
    const res = await get(`/certificates/${seq}.pdf`, { cookie: wang.cookie });
    expect(res.status).toBe(200);
    expect((await certificateFromPdf(new Uint8Array(await res.arrayBuffer()))).entry.seq).toBe(seq);
    const head = await get(`/certificates/${seq}.pdf`, { cookie: wang.cookie }, 'HEAD');
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'application/pdf', '']);
    // Another enterprise's person reads it no more than its key does.
    const li = await signInOver(base, 'li.lei', PASSWORD);
    expect((await get(`/certificates/${seq}.pdf`, { cookie: li.cookie })).status).toBe(404);
  });

  it('answers another enterprise 404, as for an entry that records no deposit or none at all; centre staff read it', async () => {
    const other = await get(`/certificates/${seq}.pdf`, bearer(tencentKey));
    expect(other.status).toBe(404);
    expect(await codeOf(other)).toBe('NOT_FOUND');
    const none = await get(`/certificates/${seq + 1000}.pdf`, bearer(huaweiKey));
    expect([none.status, await codeOf(none)]).toEqual([404, 'NOT_FOUND']);
    expect((await get(`/certificates/${seq}.pdf`, bearer(await t.key('CENTER_STAFF')))).status).toBe(200);
  });

  it('refuses no one with 401, and a path naming no seq with 400', async () => {
    const anonymous = await get(`/certificates/${seq}.pdf`);
    expect([anonymous.status, await codeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    for (const path of [
      '/certificates/x.pdf',
      '/certificates/01.pdf',
      '/certificates/-1.pdf',
      `/certificates/${seq}`,
      '/certificates/2147483648.pdf',
      '/certificates/',
    ]) {
      const bad = await get(path, bearer(huaweiKey));
      expect([path, bad.status, await codeOf(bad)]).toEqual([path, 400, 'BAD_USER_INPUT']);
    }
    expect((await get(`/certificates/${seq}.pdf`, bearer(huaweiKey), 'POST')).status).toBe(405);
  });
});
