// A partner keeping its copy of the patent register in sync: allPatents(updatedSince:) pages through
// what changed, oldest change first; the next sync starts from the newest updatedAt it saw and
// reads the patents changed since (a grant, here). enterprises(updatedSince:) reads the enterprises
// registered since; each list counts what it holds (totalCount) with the same arguments.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const SYNC = gql`
  query ($since: DateTime, $order: ListOrder, $status: PatentStatus, $after: String) {
    allPatents(updatedSince: $since, orderBy: $order, status: $status, first: 2, after: $after) {
      edges {
        node {
          applicationNumber
          status
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;
type Node = { applicationNumber: string; status: string; updatedAt: string };
type Page = { allPatents: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } };

const GRANT = gql`
  mutation ($input: GrantPatentInput!) {
    patentGrant(input: $input) {
      patent {
        applicationNumber
        status
        updatedAt
        history(first: 10) {
          totalCount
        }
      }
      userErrors {
        code
        message
      }
    }
  }
`;

const ENTERPRISES = gql`
  query ($since: DateTime, $region: String) {
    enterprises(updatedSince: $since, regionCode: $region, first: 10) {
      edges {
        node {
          id
          registeredAt
          updatedAt
        }
      }
      totalCount
    }
  }
`;
type Enterprises = { enterprises: { edges: { node: { id: string; registeredAt: string; updatedAt: string } }[]; totalCount: number } };

const today = hubToday();
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('syncing the patent register by change', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let own: GraphQLClient;
  let ownerId: string;
  let otherId: string;
  const numbers: string[] = [];
  let pending: string;

  /** Every page from `since`, as a partner's sync walks them; the totalCount each page gave. */
  const sync = async (client: GraphQLClient, since: string | null, status?: string) => {
    const seen: Node[] = [];
    const counts = new Set<number>();
    let after: string | null = null;
    for (;;) {
      const page: Page = await client.request<Page>(SYNC, { since, after, status });
      seen.push(...page.allPatents.edges.map((e) => e.node));
      counts.add(page.allPatents.totalCount);
      if (!page.allPatents.pageInfo.hasNextPage) return { seen, counts: [...counts] };
      after = page.allPatents.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    ownerId = await registerEnterprise(staff, { uscc: '91330000712558209N', name: '浙江大华技术股份有限公司', regionCode: '330100', industry: '制造业' });
    await pause();
    otherId = await registerEnterprise(staff, { uscc: '91440300708461136T', name: '华为技术有限公司', regionCode: '440300', industry: '制造业' });
    own = t.client(await t.key('ENTERPRISE', { enterpriseId: ownerId }));
    const granted = (enterpriseId: string, serial: number) =>
      registerPatent(staff, {
        enterpriseId,
        applicationNumber: applicationNumber('2018-05-01', '1', serial),
        title: `视频编码 ${serial}`,
        filingDate: '2018-05-01',
        status: 'GRANTED',
        grantDate: '2020-05-01',
        feesPaidThrough: addYears(today, 1),
      });
    numbers.push(await granted(ownerId, 9001), await granted(ownerId, 9002), await granted(otherId, 9003), await granted(otherId, 9004));
    pending = await registerPatent(staff, {
      enterpriseId: ownerId,
      applicationNumber: applicationNumber('2024-03-01', '1', 9005),
      title: '图像识别方法',
      filingDate: '2024-03-01',
    });
    numbers.push(pending);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads every patent once, page by page in change order, then what a grant changed since', async () => {
    const first = await sync(staff, '2000-01-01T00:00:00Z');
    expect(first.seen.map((p) => p.applicationNumber).sort()).toStrictEqual([...numbers].sort());
    expect(first.seen.map((p) => p.updatedAt)).toStrictEqual(first.seen.map((p) => p.updatedAt).sort());
    // Every page counted the whole list: the register, from its counters.
    expect(first.counts).toStrictEqual([numbers.length]);
    const newest = first.seen.at(-1)!.updatedAt;
    // Those changed in the newest millisecond, which the next sync reads again (inclusive).
    const atNewest = first.seen.filter((p) => p.updatedAt === newest).map((p) => p.applicationNumber);

    // Nothing changed: the next sync reads those again, nothing else.
    expect((await sync(staff, newest)).seen.map((p) => p.applicationNumber)).toStrictEqual(atNewest);

    await pause();
    const { patentGrant } = await staff.request<{ patentGrant: { patent: Node & { history: { totalCount: number } }; userErrors: unknown[] } }>(GRANT, {
      input: { applicationNumber: pending, grantDate: today, grantPublicationNumber: 'CN118123456B' },
    });
    expect(patentGrant.userErrors).toStrictEqual([]);
    expect(patentGrant.patent.history.totalCount).toBe(1);
    expect(patentGrant.patent.updatedAt > newest).toBe(true);
    const next = await sync(staff, newest);
    expect(next.seen.map((p) => p.applicationNumber)).toStrictEqual([...atNewest.filter((n) => n !== pending), pending]);
    expect(next.seen.at(-1)).toStrictEqual({ applicationNumber: pending, status: 'GRANTED', updatedAt: patentGrant.patent.updatedAt });
    expect(next.counts).toStrictEqual([next.seen.length]);
    // The status filter applies in change order too.
    expect((await sync(staff, newest, 'PENDING')).seen).toStrictEqual([]);
    expect((await sync(staff, '2000-01-01T00:00:00Z', 'GRANTED')).counts).toStrictEqual([numbers.length]);
  });

  it('lets an enterprise key sync its own patents only, and no other role the register', async () => {
    const mine = await sync(own, '2000-01-01T00:00:00Z');
    expect(mine.seen.map((p) => p.applicationNumber).sort()).toStrictEqual([numbers[0], numbers[1], pending].sort());
    expect(mine.counts).toStrictEqual([3]);
    // By application number without updatedSince.
    const byNumber = await sync(own, null);
    expect(byNumber.seen.map((p) => p.applicationNumber)).toStrictEqual([numbers[0], numbers[1], pending].sort());
    const bank = t.client(await t.key('BANK', { organization: '浙商银行' }));
    expect(await errorCode(bank.request(SYNC, {}))).toBe('FORBIDDEN');
    expect(await errorCode(t.anonymous.request(SYNC, {}))).toBe('UNAUTHENTICATED');
  });

  it("counts an enterprise's patents, trademarks and copyrights whatever the page", async () => {
    const { enterprise } = await staff.request<{ enterprise: Record<'patents' | 'trademarks' | 'copyrights', { totalCount: number; edges: unknown[] }> }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            patents(first: 1) {
              totalCount
              edges {
                cursor
              }
            }
            trademarks {
              totalCount
              edges {
                cursor
              }
            }
            copyrights {
              totalCount
              edges {
                cursor
              }
            }
          }
        }
      `,
      { id: ownerId },
    );
    expect(enterprise.patents).toMatchObject({ totalCount: 3 });
    expect(enterprise.patents.edges).toHaveLength(1);
    expect(enterprise.trademarks.totalCount).toBe(0);
    expect(enterprise.copyrights.totalCount).toBe(0);
  });

  it('reads the enterprises registered since an instant, within a region, with their count', async () => {
    const all = await staff.request<Enterprises>(ENTERPRISES, { since: '2000-01-01T00:00:00Z' });
    expect(all.enterprises.edges.map((e) => e.node.id)).toStrictEqual([ownerId, otherId]);
    expect(all.enterprises.edges.every((e) => e.node.updatedAt === e.node.registeredAt)).toBe(true);
    expect(all.enterprises.totalCount).toBe(2);
    const since = all.enterprises.edges.at(-1)!.node.updatedAt;

    await pause();
    const later = await registerEnterprise(staff, {
      uscc: '91330100MA27XF5T12',
      name: '杭州海康威视数字技术股份有限公司',
      regionCode: '330100',
      industry: '制造业',
    });
    const next = await staff.request<Enterprises>(ENTERPRISES, { since });
    expect(next.enterprises.edges.map((e) => e.node.id)).toStrictEqual([otherId, later]);
    expect(next.enterprises.totalCount).toBe(2);
    const inRegion = await staff.request<Enterprises>(ENTERPRISES, { since, region: '330100' });
    expect(inRegion.enterprises.edges.map((e) => e.node.id)).toStrictEqual([later]);
    expect(inRegion.enterprises.totalCount).toBe(1);
    expect(await errorExtensions(staff.request(ENTERPRISES, { since: '2026-12-01 08:00' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'updatedSince' });
  });
});
