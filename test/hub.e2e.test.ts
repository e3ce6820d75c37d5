// The hub end to end: partner systems over HTTP through the gateway, as the GraphQL contract
// of issue 3 states it.
import { createHash } from 'node:crypto';

import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cosignNote, signerFromSeed, verifierKey } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { ALG_COSIGNATURE_V1, verifyNote } from '../ledger/verify/index.js';
import { answersNull, errorCode, startTestHub, type TestHub } from './support/hub.js';

const WITNESS = signerFromSeed('witness.example/w1', new Uint8Array(32).fill(1), ALG_COSIGNATURE_V1);
import type { GraphQLClient } from 'graphql-request';

import { hashLeaf } from '../ledger/index.js';
import { MerkleTree } from '../ledger/index.js';
import { parseCheckpoint } from '../ledger/verify/index.js';
import { hubDateOf } from '../platform/hub-calendar.js';

const HUAWEI = '914403001922038216';
const TENCENT = '9144030071526726XG';
const STANDARD_EXAMPLE = '91350100M000100Y43';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const REGISTER_ENTERPRISE = gql`
  mutation ($input: RegisterEnterpriseInput!) {
    registerEnterprise(input: $input) {
      id
      uscc
      name
      regionCode
      industry
      creditCodeOverride {
        approvedBy
        reason
      }
    }
  }
`;
const REGISTER_PATENT = gql`
  mutation ($input: RegisterPatentInput!) {
    registerPatent(input: $input) {
      applicationNumber
      type
      title
      filingDate
      status
      annualFeeDue
    }
  }
`;
const DEPOSIT = gql`
  mutation ($input: DepositEvidenceInput!) {
    depositEvidence(input: $input) {
      id
      contentDigest
      title
      depositor {
        id
      }
      receipt {
        seq
        entryHash
        timestamp
      }
    }
  }
`;

type Registered = { registerEnterprise: { id: string; uscc: string; creditCodeOverride: { approvedBy: string; reason: string } | null } };

describe('the federated hub', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let huawei: string;
  let tencent: string;
  let huaweiClient: GraphQLClient;

  beforeAll(async () => {
    t = await startTestHub({ env: { IPHUB_WITNESS_KEYS: verifierKey(WITNESS) } });
    staff = t.client(await t.key('CENTER_STAFF'));
    const register = async (uscc: string, name: string) =>
      (await staff.request<Registered>(REGISTER_ENTERPRISE, { input: { uscc, name, regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' } }))
        .registerEnterprise.id;
    huawei = await register(HUAWEI, '华为技术有限公司');
    tencent = await register(TENCENT, '深圳市腾讯计算机系统有限公司');
    huaweiClient = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
  });
  afterAll(async () => {
    await t.close();
  });

  describe('enterprises and patents', () => {
    it('registers an enterprise and finds it by id and by credit code', async () => {
      const byId = await staff.request<{ enterprise: { uscc: string; name: string } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              uscc
              name
            }
          }
        `,
        { id: huawei },
      );
      expect(byId.enterprise).toEqual({ uscc: HUAWEI, name: '华为技术有限公司' });
      const byCode = await staff.request<{ enterpriseByCreditCode: { id: string } }>(
        gql`
          query ($u: String!) {
            enterpriseByCreditCode(uscc: $u) {
              id
            }
          }
        `,
        { u: HUAWEI.toLowerCase() },
      );
      expect(byCode.enterpriseByCreditCode.id).toBe(huawei);
      const missing = await staff.request<{ enterprise: null }>(gql`
        {
          enterprise(id: "no-such-id") {
            id
          }
        }
      `);
      expect(missing.enterprise).toBeNull();
    });

    it('refuses a wrong check character, and lets staff register it with a recorded override', async () => {
      const bad = { uscc: STANDARD_EXAMPLE.slice(0, 17) + '4', name: '某公司', regionCode: '350100', industry: '商务服务业' };
      expect(await errorCode(staff.request(REGISTER_ENTERPRISE, { input: bad }))).toBe('INVALID_CREDIT_CODE');
      const r = await staff.request<Registered>(REGISTER_ENTERPRISE, {
        input: { ...bad, creditCodeOverride: { reason: '营业执照原件核验，赋码机关早期试点代码' } },
      });
      expect(r.registerEnterprise.creditCodeOverride).toMatchObject({ reason: '营业执照原件核验，赋码机关早期试点代码' });
      expect(r.registerEnterprise.creditCodeOverride!.approvedBy).toMatch(/^[0-9a-f]{16}$/);
      // A malformed code is never overridable.
      expect(await errorCode(staff.request(REGISTER_ENTERPRISE, { input: { ...bad, uscc: 'ABC', creditCodeOverride: { reason: 'x' } } }))).toBe(
        'INVALID_CREDIT_CODE',
      );
    });

    it('refuses a duplicate credit code with CONFLICT, changing nothing', async () => {
      const before = await staff.request<{ enterprises: { totalCount: number } }>(gql`
        {
          enterprises {
            totalCount
          }
        }
      `);
      expect(await errorCode(staff.request(REGISTER_ENTERPRISE, { input: { uscc: HUAWEI, name: '重复', regionCode: '440300', industry: 'x' } }))).toBe(
        'CONFLICT',
      );
      const after = await staff.request<{ enterprises: { totalCount: number } }>(gql`
        {
          enterprises {
            totalCount
          }
        }
      `);
      expect(after.enterprises.totalCount).toBe(before.enterprises.totalCount);
    });

    it('registers patents under their canonical number, refusing bad and duplicate numbers', async () => {
      const input = { enterpriseId: huawei, applicationNumber: 'ZL 2015 1 0958772.0', title: '一种数据传输方法', filingDate: '2015-12-28' };
      const r = await huaweiClient.request<{ registerPatent: { applicationNumber: string; type: string } }>(REGISTER_PATENT, { input });
      expect(r.registerPatent).toMatchObject({ applicationNumber: '201510958772.0', type: 'INVENTION' });
      // The enterprise declared it; the centre's own record supersedes the declaration, once.
      const recorded = await staff.request<{ registerPatent: { applicationNumber: string } }>(REGISTER_PATENT, {
        input: { ...input, applicationNumber: 'CN201510958772.0' },
      });
      expect(recorded.registerPatent.applicationNumber).toBe('201510958772.0');
      expect(await errorCode(staff.request(REGISTER_PATENT, { input: { ...input, applicationNumber: 'CN201510958772.0' } }))).toBe('CONFLICT');
      expect(await errorCode(staff.request(REGISTER_PATENT, { input: { ...input, applicationNumber: '201510958772.1' } }))).toBe('INVALID_PATENT_NUMBER');
      expect(await errorCode(staff.request(REGISTER_PATENT, { input: { ...input, applicationNumber: 'not a number' } }))).toBe('INVALID_PATENT_NUMBER');
      expect(
        await errorCode(
          staff.request(REGISTER_PATENT, {
            input: { ...input, applicationNumber: '201811564288.X', filingDate: '2018-12-20', enterpriseId: 'no-such-enterprise' },
          }),
        ),
      ).toBe('NOT_FOUND');
      const found = await staff.request<{ patent: { title: string; enterprise: { id: string } } }>(gql`
        {
          patent(applicationNumber: "CN201510958772.0") {
            title
            enterprise {
              id
            }
          }
        }
      `);
      expect(found.patent).toEqual({ title: '一种数据传输方法', enterprise: { id: huawei } });
      // The refused registrations wrote nothing.
      const list = await staff.request<{ enterprise: { patents: { edges: { node: { applicationNumber: string } }[] } } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              patents {
                edges {
                  node {
                    applicationNumber
                  }
                }
              }
            }
          }
        `,
        {
          id: huawei,
        },
      );
      expect(list.enterprise.patents.edges.map((e) => e.node.applicationNumber)).toEqual(['201510958772.0']);
    });

    it('pages through enterprises with a Relay connection and filters', async () => {
      const page = gql`
        query ($after: String, $industry: String) {
          enterprises(first: 2, after: $after, industry: $industry) {
            totalCount
            edges {
              cursor
              node {
                id
                uscc
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `;
      type Page = { enterprises: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const first = await staff.request<Page>(page, {});
      expect(first.enterprises.totalCount).toBeGreaterThanOrEqual(3);
      expect(first.enterprises.edges).toHaveLength(2);
      expect(first.enterprises.pageInfo.hasNextPage).toBe(true);
      const second = await staff.request<Page>(page, { after: first.enterprises.pageInfo.endCursor });
      const ids = [...first.enterprises.edges, ...second.enterprises.edges].map((e) => e.node.id);
      expect(new Set(ids).size).toBe(ids.length);
      const filtered = await staff.request<Page>(page, { industry: '计算机、通信和其他电子设备制造业' });
      expect(filtered.enterprises.totalCount).toBe(2);
      expect(
        await errorCode(
          staff.request(gql`
            {
              enterprises(first: 1000) {
                totalCount
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        await errorCode(
          staff.request(gql`
            {
              enterprises(after: "not-a-cursor") {
                totalCount
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('reports statistics by region and industry to centre staff', async () => {
      const r = await staff.request<{
        enterpriseStatistics: { totalEnterprises: number; byRegion: { regionCode: string; enterprises: number; patents: number }[] };
      }>(gql`
        {
          enterpriseStatistics {
            totalEnterprises
            byRegion {
              regionCode
              enterprises
              patents
            }
            byIndustry {
              industry
              enterprises
            }
          }
        }
      `);
      const shenzhen = r.enterpriseStatistics.byRegion.find((x) => x.regionCode === '440300');
      expect(shenzhen).toMatchObject({ enterprises: 2, patents: 1 });
      expect(
        await errorCode(
          huaweiClient.request(gql`
            {
              enterpriseStatistics {
                totalEnterprises
              }
            }
          `),
        ),
      ).toBe('FORBIDDEN');
    });
  });

  describe('monitoring', () => {
    const shift = (days: number) => hubDateOf(new Date(Date.now() + days * 86_400_000));
    const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

    it('warns of annual fees falling due and of protection ending, to the enterprise and to staff', async () => {
      // Granted invention whose 6th anniversary is 30 days away, fees paid through the 5th.
      const dueIn30 = shift(30);
      const filed = yearsBefore(dueIn30, 6);
      const digits = `${filed.slice(0, 4)}1${String(Date.now() % 1e7).padStart(7, '0')}`;
      const { patentCheckDigit } = await import('../standards/patent-number.js');
      const number = `${digits}.${patentCheckDigit(digits)}`;
      await staff.request(REGISTER_PATENT, {
        input: {
          enterpriseId: huawei,
          applicationNumber: number,
          title: '一种基站天线',
          filingDate: filed,
          status: 'GRANTED',
          grantDate: filed,
          feesPaidThrough: yearsBefore(dueIn30, 1),
        },
      });
      // Utility model whose ten-year term ends in 60 days.
      const ends = shift(60);
      const umDigits = `${Number(ends.slice(0, 4)) - 10}2${String((Date.now() + 1) % 1e7).padStart(7, '0')}`;
      await staff.request(REGISTER_PATENT, {
        input: {
          enterpriseId: huawei,
          applicationNumber: `${umDigits}.${patentCheckDigit(umDigits)}`,
          title: '一种散热支架',
          filingDate: yearsBefore(ends, 10),
          status: 'GRANTED',
          grantDate: yearsBefore(ends, 10),
          feesPaidThrough: yearsBefore(ends, 1),
        },
      });

      type Warnings = {
        annualFeeWarnings: { totalCount: number; edges: { node: { patent: { applicationNumber: string }; dueDate: string; state: string } }[] };
        expiryWarnings: { totalCount: number; edges: { node: { number: string; right: string; expiresOn: string } }[] };
      };
      const query = gql`
        query ($e: ID) {
          annualFeeWarnings(enterpriseId: $e, first: 100) {
            totalCount
            edges {
              node {
                patent {
                  applicationNumber
                }
                dueDate
                state
              }
            }
          }
          expiryWarnings(enterpriseId: $e, first: 100) {
            totalCount
            edges {
              node {
                number
                right
                expiresOn
              }
            }
          }
        }
      `;
      const nodes = <T>(c: { edges: { node: T }[] }) => c.edges.map((e) => e.node);
      const own = await huaweiClient.request<Warnings>(query, {});
      expect(nodes(own.annualFeeWarnings)).toContainEqual({ patent: { applicationNumber: number }, dueDate: dueIn30, state: 'DUE_SOON' });
      expect(nodes(own.expiryWarnings)).toContainEqual({ number: `${umDigits}.${patentCheckDigit(umDigits)}`, right: 'PATENT', expiresOn: ends });
      expect(own.annualFeeWarnings.totalCount).toBe(own.annualFeeWarnings.edges.length);
      const bystaff = await staff.request<Warnings>(query, { e: huawei });
      expect(nodes(bystaff.annualFeeWarnings).map((w) => w.patent.applicationNumber)).toContain(number);
      // The same list from the enterprise, and narrowed to its region and industry.
      const fromEnterprise = await staff.request<{ enterprise: Pick<Warnings, 'annualFeeWarnings'> }>(
        gql`
          query ($e: ID!) {
            enterprise(id: $e) {
              annualFeeWarnings(first: 100) {
                totalCount
                edges {
                  node {
                    patent {
                      applicationNumber
                    }
                    dueDate
                    state
                  }
                }
              }
            }
          }
        `,
        { e: huawei },
      );
      expect(fromEnterprise.enterprise.annualFeeWarnings).toEqual(bystaff.annualFeeWarnings);
      const shenzhen = await staff.request<Warnings>(gql`
        {
          annualFeeWarnings(regionCode: "440300", withinDays: 30, first: 100) {
            totalCount
            edges {
              node {
                patent {
                  applicationNumber
                }
                dueDate
                state
              }
            }
          }
          expiryWarnings(regionCode: "110108") {
            totalCount
            edges {
              node {
                number
                right
                expiresOn
              }
            }
          }
        }
      `);
      expect(nodes(shenzhen.annualFeeWarnings)).toContainEqual({ patent: { applicationNumber: number }, dueDate: dueIn30, state: 'DUE_SOON' });
      expect(nodes(shenzhen.expiryWarnings).map((w) => w.number)).not.toContain(`${umDigits}.${patentCheckDigit(umDigits)}`);
      expect(await errorCode(huaweiClient.request(query, { e: tencent }))).toBe('FORBIDDEN');
      expect(await errorCode(t.client(await t.key('BANK')).request(query, {}))).toBe('FORBIDDEN');
      expect(
        await errorCode(
          staff.request(gql`
            {
              annualFeeWarnings(regionCode: "44") {
                totalCount
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        await errorCode(
          staff.request(gql`
            {
              annualFeeWarnings(after: "bm90IGEgY3Vyc29y") {
                totalCount
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        await errorCode(
          staff.request(gql`
            {
              annualFeeWarnings(withinDays: -1) {
                totalCount
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('evidence and the ledger', () => {
    it('deposits evidence, verifies it publicly and offline, and fails for another file', async () => {
      const file = '合同扫描件：华为与某供应商的采购合同 2026-03-01';
      const deposit = await huaweiClient.request<{
        depositEvidence: { id: string; contentDigest: string; depositor: { id: string }; receipt: { seq: number; entryHash: string } };
      }>(DEPOSIT, { input: { contentDigest: sha256(file).toUpperCase(), title: '采购合同', category: 'CONTRACT' } });
      expect(deposit.depositEvidence).toMatchObject({ contentDigest: sha256(file), depositor: { id: huawei } });

      const verified = await t.anonymous.request<{
        verifyEvidence: {
          found: boolean;
          deposits: { seq: number; depositor: string; inclusionProof: { treeSize: number }; certificate: unknown }[];
          checkpoint: string;
        };
      }>(
        gql`
          query ($d: String!) {
            verifyEvidence(contentDigest: $d) {
              found
              checkpoint
              deposits {
                seq
                depositor
                inclusionProof {
                  treeSize
                }
                certificate
              }
            }
          }
        `,
        { d: sha256(file) },
      );
      expect(verified.verifyEvidence.found).toBe(true);
      const [found] = verified.verifyEvidence.deposits;
      expect(found).toMatchObject({ seq: deposit.depositEvidence.receipt.seq, depositor: huawei });

      // The court trusts the key the centre publishes, not the one in the response.
      const trustedKeys = [t.hub.ledger.verifierKey];
      expect(verifyCertificate(found!.certificate, { contentDigest: sha256(file), trustedKeys }).ok).toBe(true);
      const other = verifyCertificate(found!.certificate, { contentDigest: sha256(file + ' (altered)'), trustedKeys });
      expect(other.ok).toBe(false);
      expect(other.checks.digest.ok).toBe(false);

      const none = await t.anonymous.request<{ verifyEvidence: { found: boolean } }>(
        gql`
          query ($d: String!) {
            verifyEvidence(contentDigest: $d) {
              found
            }
          }
        `,
        { d: sha256('never deposited') },
      );
      expect(none.verifyEvidence.found).toBe(false);
    });

    it('registers a data asset on the ledger, verifiable by its fingerprint', async () => {
      const fingerprint = sha256('2026年第一季度脱敏交易数据集');
      const REGISTER = gql`
        mutation ($input: RegisterDataAssetInput!) {
          registerDataAsset(input: $input) {
            id
            fingerprint
            owner {
              id
            }
            receipt {
              seq
            }
          }
        }
      `;
      const r = await huaweiClient.request<{ registerDataAsset: { id: string; fingerprint: string; owner: { id: string }; receipt: { seq: number } } }>(
        REGISTER,
        {
          input: { name: '终端销售数据集', description: '2026年第一季度，脱敏', fingerprint },
        },
      );
      expect(r.registerDataAsset).toMatchObject({ fingerprint, owner: { id: huawei } });
      const read = gql`
        query ($id: ID!) {
          dataAsset(id: $id) {
            name
            certificate
            owner {
              name
            }
          }
        }
      `;
      const mine = await huaweiClient.request<{ dataAsset: { name: string; certificate: unknown; owner: { name: string } } }>(read, {
        id: r.registerDataAsset.id,
      });
      expect(mine.dataAsset.owner.name).toBe('华为技术有限公司');
      expect(verifyCertificate(mine.dataAsset.certificate, { contentDigest: fingerprint, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(true);
      const verified = await t.anonymous.request<{ verifyEvidence: { deposits: { kind: string; subject: string }[] } }>(
        gql`
          query ($d: String!) {
            verifyEvidence(contentDigest: $d) {
              deposits {
                kind
                subject
              }
            }
          }
        `,
        {
          d: fingerprint,
        },
      );
      expect(verified.verifyEvidence.deposits).toEqual([{ kind: 'DATA_ASSET_REGISTRATION', subject: `data-asset:${r.registerDataAsset.id}` }]);
      // Registrations are public to institutions; another enterprise does not read them.
      const bank = await t.client(await t.key('BANK')).request<{ dataAsset: { name: string } }>(read, { id: r.registerDataAsset.id });
      expect(bank.dataAsset.name).toBe('终端销售数据集');
      const tencentClient = t.client(await t.key('ENTERPRISE', { enterpriseId: tencent }));
      expect(await answersNull(tencentClient.request(read, { id: r.registerDataAsset.id }))).toBe(true);
      expect(await errorCode(huaweiClient.request(REGISTER, { input: { name: 'x', description: '', fingerprint: 'abc' } }))).toBe('INVALID_DIGEST');
      expect(await errorCode(huaweiClient.request(REGISTER, { input: { name: 'x', description: '', fingerprint, ownerId: tencent } }))).toBe('FORBIDDEN');
      const list = await huaweiClient.request<{ enterprise: { dataAssets: { edges: { node: { id: string } }[] } } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              dataAssets {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        `,
        { id: huawei },
      );
      expect(list.enterprise.dataAssets.edges.map((e) => e.node)).toEqual([{ id: r.registerDataAsset.id }]);
    });

    it('serves the signed checkpoint as a C2SP note at /checkpoint, and says it is alive at /healthz', async () => {
      const base = t.hub.url.replace(/\/graphql$/, '');
      const res = await fetch(`${base}/checkpoint`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const note = await res.text();
      expect(verifyNote(note, t.hub.ledger.verifierKey)).toBe(true);
      expect(parseCheckpoint(note).origin).toBe('iphub.local/ledger');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/readyz`)).text()).toBe('ready\n');
      expect(await (await fetch(`${t.hub.adminUrl}/readyz`)).text()).toBe('ready\n');
      expect((await fetch(`${base}/no-such-path`)).status).toBe(404);
    });

    it('exposes Prometheus metrics on the admin listener alone: requests per known operation (any other is "other"), errors per code, the ledger', async () => {
      // The web application's own operation names label series; a name a caller makes up does not.
      await huaweiClient.request(gql`
        query Cockpit {
          __typename
        }
      `);
      await huaweiClient.request(
        gql`
          query OwnName($id: ID!) {
            enterprise(id: $id) {
              name
            }
          }
        `,
        { id: huawei },
      );
      await errorCode(
        t.anonymous.request(gql`
          query Forbidden {
            enterprises {
              totalCount
            }
          }
        `),
      );
      expect((await fetch(t.hub.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
      expect(t.hub.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const text = await (await fetch(`${t.hub.adminUrl}/metrics`)).text();
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
      expect(text).not.toContain('operation="OwnName"');
      expect(text).not.toContain('operation="Forbidden"');
      expect(value(/^iphub_graphql_requests_total\{operation="other"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
      expect(value(/^iphub_graphql_requests_total\{operation="Cockpit"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
      expect(value(/^iphub_graphql_errors_total\{code="UNAUTHENTICATED"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
      expect(value(/^iphub_graphql_request_duration_seconds_count\{operation="other"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
      expect(value(/^iphub_ledger_size (\d+)/m)).toBe((await t.hub.ledger.audit()).size);
      expect(value(/^iphub_ledger_append_duration_seconds_count (\d+)/m)).toBeGreaterThanOrEqual(2);
      expect(value(/^iphub_ledger_checkpoint_age_seconds ([\d.e+-]+)/m)).toBeGreaterThanOrEqual(0);
    });

    it('serves tlog-tiles a mirror can rebuild the checkpoint root from', async () => {
      const base = t.hub.url.replace(/\/graphql$/, '');
      const cp = parseCheckpoint(await (await fetch(`${base}/checkpoint`)).text());
      expect(cp.size).toBeGreaterThan(0);
      expect(cp.size).toBeLessThan(256);
      const tile = new Uint8Array(await (await fetch(`${base}/tile/0/000.p/${cp.size}`)).arrayBuffer());
      expect(tile.length).toBe(32 * cp.size);
      const mirror = new MerkleTree();
      for (let i = 0; i < cp.size; i++) mirror.appendLeafHash(tile.subarray(i * 32, (i + 1) * 32));
      expect(Buffer.from(mirror.root()).equals(Buffer.from(cp.rootHash))).toBe(true);
      const bundle = new Uint8Array(await (await fetch(`${base}/tile/entries/000.p/${cp.size}`)).arrayBuffer());
      expect(bundle.length).toBe(34 * cp.size);
      // Each bundle entry is the leaf's data (the entry hash), length-prefixed: it hashes to the leaf.
      expect(Buffer.from(hashLeaf(bundle.subarray(2, 34))).equals(Buffer.from(tile.subarray(0, 32)))).toBe(true);
      expect((await fetch(`${base}/tile/0/000`)).status).toBe(404);
      expect((await fetch(`${base}/tile/0/001.p/1`)).status).toBe(404);
      expect((await fetch(`${base}/tile/0/0.p/1`)).status).toBe(404);
    });

    it("takes witnesses' cosignatures of its checkpoints and puts them in certificates", async () => {
      const note = (
        await t.anonymous.request<{ ledgerCheckpoint: string }>(gql`
          {
            ledgerCheckpoint
          }
        `)
      ).ledgerCheckpoint;
      const SUBMIT = gql`
        mutation ($n: String!) {
          submitCheckpointCosignature(note: $n)
        }
      `;
      const merged = await t.anonymous.request<{ submitCheckpointCosignature: string }>(SUBMIT, { n: cosignNote(note, WITNESS) });
      expect(verifyNote(merged.submitCheckpointCosignature, verifierKey(WITNESS))).toBe(true);
      const stranger = signerFromSeed('witness.example/w9', new Uint8Array(32).fill(2), ALG_COSIGNATURE_V1);
      expect(await errorCode(t.anonymous.request(SUBMIT, { n: cosignNote(note, stranger) }))).toBe('BAD_USER_INPUT');
      expect(await errorCode(t.anonymous.request(SUBMIT, { n: 'nonsense' }))).toBe('BAD_USER_INPUT');
    });

    it('serves the signed checkpoint to anyone', async () => {
      const r = await t.anonymous.request<{ ledgerCheckpoint: string; ledgerVerifierKey: string }>(gql`
        {
          ledgerCheckpoint
          ledgerVerifierKey
        }
      `);
      expect(r.ledgerCheckpoint.split('\n')[0]).toBe('iphub.local/ledger');
      expect(r.ledgerVerifierKey).toBe(t.hub.ledger.verifierKey);
    });

    it('crosses subgraphs: enterprise -> evidence -> certificate, and evidence -> depositor', async () => {
      const file = '产品照片 P60';
      const d = await huaweiClient.request<{ depositEvidence: { id: string } }>(DEPOSIT, {
        input: { contentDigest: sha256(file), title: '产品照片', category: 'PRODUCT_PHOTO' },
      });
      const r = await huaweiClient.request<{ enterprise: { name: string; evidence: { id: string; certificate: unknown }[] } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              name
              evidence {
                id
                title
                certificate
              }
            }
          }
        `,
        { id: huawei },
      );
      expect(r.enterprise.name).toBe('华为技术有限公司');
      const mine = r.enterprise.evidence.find((e) => e.id === d.depositEvidence.id)!;
      expect(verifyCertificate(mine.certificate, { contentDigest: sha256(file), trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(true);

      const back = await huaweiClient.request<{ evidence: { depositor: { name: string; uscc: string } } }>(
        gql`
          query ($id: ID!) {
            evidence(id: $id) {
              depositor {
                name
                uscc
              }
            }
          }
        `,
        {
          id: d.depositEvidence.id,
        },
      );
      expect(back.evidence.depositor).toEqual({ name: '华为技术有限公司', uscc: HUAWEI });
    });

    it('refuses a digest that is not 64 hex characters, writing nothing', async () => {
      const before = (await t.hub.ledger.audit()).size;
      for (const contentDigest of ['abc', 'g'.repeat(64), sha256('x') + '0']) {
        expect(await errorCode(huaweiClient.request(DEPOSIT, { input: { contentDigest, title: 't', category: 'OTHER' } }))).toBe('INVALID_DIGEST');
      }
      expect(
        await errorCode(
          t.anonymous.request(gql`
            {
              verifyEvidence(contentDigest: "xyz") {
                found
              }
            }
          `),
        ),
      ).toBe('INVALID_DIGEST');
      expect((await t.hub.ledger.audit()).size).toBe(before);
    });
  });

  describe('partner keys and roles', () => {
    it('tells a caller what went wrong without a stack trace', async () => {
      const res = await fetch(t.hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ enterprises { totalCount } }' }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0]!.message).toMatch(/Bearer/);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+/);
    });

    it('needs a key for everything but verification and the checkpoint', async () => {
      expect(
        await errorCode(
          t.anonymous.request(
            gql`
              query ($id: ID!) {
                enterprise(id: $id) {
                  name
                }
              }
            `,
            { id: huawei },
          ),
        ),
      ).toBe('UNAUTHENTICATED');
      expect(await errorCode(t.anonymous.request(DEPOSIT, { input: { contentDigest: sha256('a'), title: 't', category: 'OTHER' } }))).toBe('UNAUTHENTICATED');
      expect(
        await errorCode(
          t.client('iph_0000000000000000.' + 'A'.repeat(43)).request(gql`
            {
              ledgerCheckpoint
            }
          `),
        ),
      ).toBe('UNAUTHENTICATED');
      expect(
        await errorCode(
          t.client('not-even-a-key').request(gql`
            {
              ledgerCheckpoint
            }
          `),
        ),
      ).toBe('UNAUTHENTICATED');
    });

    it('keeps an enterprise key to its own enterprise', async () => {
      expect(
        await errorCode(
          huaweiClient.request(
            gql`
              query ($id: ID!) {
                enterprise(id: $id) {
                  name
                }
              }
            `,
            { id: tencent },
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCode(
          huaweiClient.request(gql`
            {
              enterprises {
                totalCount
              }
            }
          `),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCode(huaweiClient.request(DEPOSIT, { input: { contentDigest: sha256('b'), title: 't', category: 'OTHER', depositorId: tencent } })),
      ).toBe('FORBIDDEN');
      expect(
        await errorCode(
          huaweiClient.request(REGISTER_PATENT, {
            input: { enterpriseId: tencent, applicationNumber: '202010566088.9', title: 't', filingDate: '2020-06-01' },
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCode(huaweiClient.request(REGISTER_ENTERPRISE, { input: { uscc: STANDARD_EXAMPLE, name: 'x', regionCode: '350100', industry: 'x' } })),
      ).toBe('FORBIDDEN');
    });

    it('lets banks, insurers and courts read the registry but not register or deposit', async () => {
      for (const role of ['BANK', 'INSURER', 'COURT'] as const) {
        const c = t.client(await t.key(role));
        const r = await c.request<{ enterprise: { name: string } }>(
          gql`
            query ($id: ID!) {
              enterprise(id: $id) {
                name
              }
            }
          `,
          { id: huawei },
        );
        expect(r.enterprise.name).toBe('华为技术有限公司');
        expect(await errorCode(c.request(REGISTER_ENTERPRISE, { input: { uscc: STANDARD_EXAMPLE, name: 'x', regionCode: '350100', industry: 'x' } }))).toBe(
          'FORBIDDEN',
        );
        expect(await errorCode(c.request(DEPOSIT, { input: { contentDigest: sha256('c'), title: 't', category: 'OTHER' } }))).toBe('FORBIDDEN');
        const ev = await c
          .request<{ enterprise: { evidence: null } }>(
            gql`
              query ($id: ID!) {
                enterprise(id: $id) {
                  evidence {
                    id
                  }
                }
              }
            `,
            { id: huawei },
          )
          .catch((e: { response: { data: unknown; errors: { extensions: { code: string } }[] } }) => e.response);
        expect((ev as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      }
    });
  });
});
