// An enterprise's deposits through the gateway (Query.deposits): newest first a page at a time
// without a gap or a repeat, searched by title or digest prefix with every character literal, read
// by the enterprise itself or by centre staff naming it, refused to anyone else and for bad input
// before the store is asked, and each page one bounded store read.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openEvidenceSubgraph } from '../subgraphs/evidence/index.js';
import type { DepositPageRequest, EvidenceStore } from '../subgraphs/evidence/store/port.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';

const HUAWEI = '914403001922038216';
const TENCENT = '9144030071526726XG';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Deposit {
  id: string;
  title: string;
  contentDigest: string;
  depositedAt: string;
}
interface Page {
  deposits: { edges: { cursor: string; node: Deposit }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const DEPOSITS = gql`
  query ($enterpriseId: ID, $search: String, $first: Int, $after: String) {
    deposits(enterpriseId: $enterpriseId, search: $search, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          contentDigest
          depositedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const DEPOSIT = gql`
  mutation ($input: DepositEvidenceInput!) {
    depositEvidence(input: $input) {
      id
      title
      contentDigest
      depositedAt
    }
  }
`;

// The titles deposited for the first enterprise, in this order; the second gets two like them.
const TITLES = [
  '技术许可合同（第二版）',
  'Sales Contract 2026',
  '进度 100% 完成',
  'report_final.pdf',
  'reportXfinal 产品照片',
  '正则 a.*b 截图',
  'axxb 外观设计',
  'sales CONTRACT 草稿',
  '源代码快照',
];

/** Each store read of a page, with what it was asked. */
const pageReads: { depositorId: string; request: DepositPageRequest }[] = [];
function recordingPages(store: EvidenceStore): EvidenceStore {
  const pageByDepositor: EvidenceStore['evidence']['pageByDepositor'] = (depositorId, request) => {
    pageReads.push({ depositorId, request });
    return store.evidence.pageByDepositor(depositorId, request);
  };
  return { dataAssets: store.dataAssets, evidence: { ...store.evidence, pageByDepositor }, close: () => store.close() };
}

describe('Query.deposits', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let own: GraphQLClient;
  let enterpriseId: string;
  let otherId: string;
  /** The first enterprise's deposits, newest first (time descending, ties by id). */
  let newest: Deposit[];
  let others: Deposit[];

  const register = async (uscc: string, name: string) =>
    (
      await staff.request<{ registerEnterprise: { id: string } }>(
        gql`
          mutation ($input: RegisterEnterpriseInput!) {
            registerEnterprise(input: $input) {
              id
            }
          }
        `,
        { input: { uscc, name, regionCode: '440300', industry: '软件和信息技术服务业' } },
      )
    ).registerEnterprise.id;
  const deposit = async (client: GraphQLClient, title: string, depositorId?: string) =>
    (
      await client.request<{ depositEvidence: Deposit }>(DEPOSIT, {
        input: { contentDigest: sha256(`${depositorId ?? 'own'} ${title}`), title, category: 'DOCUMENT', ...(depositorId ? { depositorId } : {}) },
      })
    ).depositEvidence;
  const byNewest = (a: Deposit, b: Deposit) => b.depositedAt.localeCompare(a.depositedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const page = (client: GraphQLClient, variables: Record<string, unknown>) => client.request<Page>(DEPOSITS, variables).then((r) => r.deposits);
  const ids = (p: Page['deposits']) => p.edges.map((e) => e.node.id);
  /** Every page of `first`, following endCursor; the ids of each. */
  const allPages = async (client: GraphQLClient, variables: Record<string, unknown>, first: number) => {
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const p: Page['deposits'] = await page(client, { ...variables, first, ...(after === null ? {} : { after }) });
      pages.push(ids(p));
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
    } while (after !== null && pages.length < 50);
    return pages;
  };
  const total = async () => (await staff.request<{ evidenceStatistics: { total: number } }>('{ evidenceStatistics { total } }')).evidenceStatistics.total;

  beforeAll(async () => {
    t = await startTestHub({ open: { evidence: (storage, ledger, hub) => openEvidenceSubgraph(storage, ledger, hub, recordingPages) } });
    staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await register(HUAWEI, '华为技术有限公司');
    otherId = await register(TENCENT, '深圳市腾讯计算机系统有限公司');
    own = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    // Some deposited by the enterprise itself, some for it by staff; the other's by staff.
    const mine: Deposit[] = [];
    for (const [i, title] of TITLES.entries()) mine.push(await deposit(i % 2 === 0 ? own : staff, title, i % 2 === 0 ? undefined : enterpriseId));
    newest = mine.sort(byNewest);
    others = [await deposit(staff, '技术许可合同（第三版）', otherId), await deposit(staff, 'report_final.pdf', otherId)].sort(byNewest);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    pageReads.length = 0;
  });

  it('gives them newest first, a page at a time, without a gap or a repeat, each page one bounded store read', async () => {
    const first = await page(own, { first: 4 });
    expect(ids(first)).toEqual(newest.slice(0, 4).map((d) => d.id));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(pageReads).toEqual([{ depositorId: enterpriseId, request: { limit: 5 } }]);

    for (const size of [1, 2, 4, 9, 10, 100]) {
      pageReads.length = 0;
      const pages = await allPages(own, {}, size);
      expect(pages.flat(), `pages of ${size}`).toEqual(newest.map((d) => d.id));
      expect(pages.every((p) => p.length <= size)).toBe(true);
      // One read per page, of at most a page and one.
      expect(pageReads).toHaveLength(pages.length);
      expect(pageReads.every((r) => r.depositorId === enterpriseId && r.request.limit === size + 1 && r.request.search === undefined)).toBe(true);
    }
    // The default page is 20.
    pageReads.length = 0;
    expect(ids(await page(own, {}))).toEqual(newest.map((d) => d.id));
    expect(pageReads[0]!.request.limit).toBe(21);
  });

  it('finds titles containing the search (trimmed; ASCII letters in either case), Chinese titles too', async () => {
    const titles = async (search: string | null) => (await page(own, { search, first: 100 })).edges.map((e) => e.node.title);
    const titled = (...wanted: string[]) => newest.filter((d) => wanted.includes(d.title)).map((d) => d.title);
    expect(await titles('合同')).toEqual(titled('技术许可合同（第二版）'));
    expect(await titles('  产品照片 ')).toEqual(titled('reportXfinal 产品照片'));
    expect(await titles('SALES contract')).toEqual(titled('Sales Contract 2026', 'sales CONTRACT 草稿'));
    expect(await titles('专利')).toEqual([]);
    // Empty, blank or absent: all of them.
    for (const all of [null, '', '   ']) expect(await titles(all)).toEqual(newest.map((d) => d.title));
    expect(pageReads.find((r) => r.request.search?.text === '产品照片')).toBeDefined();
  });

  it('takes %, _ and regex syntax as the characters they are', async () => {
    const titles = async (search: string) => (await page(own, { search, first: 100 })).edges.map((e) => e.node.title);
    expect(await titles('%')).toEqual(['进度 100% 完成']);
    expect(await titles('report_final')).toEqual(['report_final.pdf']);
    expect(await titles('_')).toEqual(['report_final.pdf']);
    expect(await titles('a.*b')).toEqual(['正则 a.*b 截图']);
    expect(await titles('.*')).toEqual(['正则 a.*b 截图']);
    expect(await titles('[a-z]')).toEqual([]);
  });

  it('finds deposits whose digest starts with 4 to 64 hex digits, in either case, and only the enterprise’s own', async () => {
    const target = newest[3]!;
    const found = async (client: GraphQLClient, search: string, variables: Record<string, unknown> = {}) =>
      ids(await page(client, { ...variables, search, first: 100 }));
    expect(await found(own, target.contentDigest)).toEqual([target.id]);
    expect(await found(own, target.contentDigest.slice(0, 12).toUpperCase())).toContain(target.id);
    expect(await found(own, target.contentDigest.slice(0, 4))).toContain(target.id);
    // Not a prefix: the digest's middle finds nothing (no title holds it).
    expect(await found(own, target.contentDigest.slice(10, 30))).toEqual([]);
    // Three digits are no prefix: only titles are searched for them.
    const three = target.contentDigest.slice(0, 3);
    expect(await found(own, three)).toEqual(newest.filter((d) => d.title.toLowerCase().includes(three)).map((d) => d.id));
    // Another enterprise's digest is never among the enterprise's, nor its deposits under any search.
    expect(await found(own, others[0]!.contentDigest)).toEqual([]);
    expect(await found(own, 'report_final')).not.toContain(others.find((d) => d.title === 'report_final.pdf')!.id);
    expect(await found(staff, others[0]!.contentDigest, { enterpriseId: otherId })).toEqual([others[0]!.id]);
  });

  it('pages a search as it pages everything', async () => {
    const search = 'r';
    const expected = newest.filter((d) => d.title.toLowerCase().includes(search)).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(2);
    for (const size of [1, 2, 3]) expect((await allPages(own, { search }, size)).flat()).toEqual(expected);
  });

  it('lets an enterprise read its own (enterpriseId omitted or its own) and centre staff any one they name', async () => {
    expect(ids(await page(own, { enterpriseId, first: 100 }))).toEqual(newest.map((d) => d.id));
    expect(ids(await page(staff, { enterpriseId, first: 100 }))).toEqual(newest.map((d) => d.id));
    expect(ids(await page(staff, { enterpriseId: otherId, first: 100 }))).toEqual(others.map((d) => d.id));
    const other = t.client(await t.key('ENTERPRISE', { enterpriseId: otherId }));
    expect(ids(await page(other, { first: 100 }))).toEqual(others.map((d) => d.id));
    // An enterprise nobody registered has none.
    expect(ids(await page(staff, { enterpriseId: 'no-such-enterprise' }))).toEqual([]);
  });

  it('refuses everyone else, and bad input, before the store is asked, changing nothing', async () => {
    const before = await total();
    const listed = ids(await page(own, { first: 100 }));
    pageReads.length = 0;

    expect(await errorCode(page(own, { enterpriseId: otherId }))).toBe('FORBIDDEN');
    expect(await errorCode(page(own, { enterpriseId: otherId, search: '合同' }))).toBe('FORBIDDEN');
    const staffWithout = await errorExtensions(page(staff, {}));
    expect(staffWithout).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
    for (const role of ['BANK', 'INSURER', 'COURT'] as const) {
      expect(await errorCode(page(t.client(await t.key(role)), { enterpriseId })), role).toBe('FORBIDDEN');
    }
    expect(await errorCode(page(t.anonymous, { enterpriseId }))).toBe('UNAUTHENTICATED');

    expect(await errorExtensions(page(own, { search: 'x'.repeat(101) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(page(own, { search: 'a\u0000b' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorCode(page(own, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(await errorCode(page(own, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(await errorExtensions(page(own, { after: 'not a cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await errorExtensions(page(own, { after: Buffer.from('yesterday x').toString('base64url') }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(pageReads).toEqual([]);

    // 100 characters, surrounding blanks aside, are within bounds.
    expect(ids(await page(own, { search: ` ${'x'.repeat(100)} ` }))).toEqual([]);
    expect(await total()).toBe(before);
    expect(ids(await page(own, { first: 100 }))).toEqual(listed);
  });

  it('proves at most 20 deposits of one digest at once, oldest first, and says how many there are', async () => {
    // Anyone may deposit one digest again and again: a verification does not build a certificate for each.
    const digest = sha256('deposited twenty-five times');
    const seqs: number[] = [];
    for (let i = 0; i < 25; i++) {
      const { depositEvidence } = await own.request<{ depositEvidence: { receipt: { seq: number } } }>(
        gql`
          mutation ($input: DepositEvidenceInput!) {
            depositEvidence(input: $input) {
              receipt {
                seq
              }
            }
          }
        `,
        { input: { contentDigest: digest, title: `第 ${i} 份`, category: 'DOCUMENT' } },
      );
      seqs.push(depositEvidence.receipt.seq);
    }
    const VERIFY = gql`
      query ($d: String!, $first: Int) {
        verifyEvidence(contentDigest: $d) {
          found
          depositCount
          deposits(first: $first) {
            seq
            certificate
          }
        }
      }
    `;
    type Verified = { verifyEvidence: { found: boolean; depositCount: number; deposits: { seq: number; certificate: unknown }[] } };
    const all = (await t.anonymous.request<Verified>(VERIFY, { d: digest })).verifyEvidence;
    expect(all.found).toBe(true);
    expect(all.depositCount).toBe(25);
    expect(all.deposits.map((d) => d.seq)).toEqual(seqs.slice(0, 20));
    expect((await t.anonymous.request<Verified>(VERIFY, { d: digest, first: 2 })).verifyEvidence.deposits.map((d) => d.seq)).toEqual(seqs.slice(0, 2));
    for (const first of [0, 21])
      expect(await errorExtensions(t.anonymous.request(VERIFY, { d: digest, first }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
