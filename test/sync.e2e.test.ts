// A partner keeping its copy in sync: pledges(updatedSince:) pages through what changed, oldest
// change first; a sync that stops resumes from its cursor, and the next starts from the newest
// updatedAt it saw and reads what changed since (a release, here) without reading the rest again.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const SYNC = gql`
  query ($since: DateTime, $order: ListOrder, $after: String) {
    pledges(updatedSince: $since, orderBy: $order, first: 2, after: $after) {
      edges {
        node {
          id
          state
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
type Page = { pledges: { edges: { node: { id: string; state: string; updatedAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const today = hubToday();

describe('syncing pledges by change', () => {
  let t: TestHub;
  let bank: GraphQLClient;
  const ids: string[] = [];

  /** Every page from `since`, as a partner's sync walks them. */
  const sync = async (since: string | null) => {
    const seen: Page['pledges']['edges'][number]['node'][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await bank.request<Page>(SYNC, { since, after });
      seen.push(...page.pledges.edges.map((e) => e.node));
      if (!page.pledges.pageInfo.hasNextPage) return seen;
      after = page.pledges.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await startTestHub();
    const staff = t.client(await t.key('CENTER_STAFF'));
    bank = t.client(await t.key('BANK', { organization: '浙商银行' }));
    const pledgorId = await registerEnterprise(staff, {
      uscc: '91330000712558209N',
      name: '浙江大华技术股份有限公司',
      regionCode: '330100',
      industry: '制造业',
    });
    const pledgor = t.client(await t.key('ENTERPRISE', { enterpriseId: pledgorId }));
    for (let serial = 1; serial <= 3; serial++) {
      const patent = await registerPatent(staff, {
        enterpriseId: pledgorId,
        applicationNumber: applicationNumber('2018-05-01', '1', 9000 + serial),
        title: `视频编码 ${serial}`,
        filingDate: '2018-05-01',
        status: 'GRANTED',
        grantDate: '2020-05-01',
        feesPaidThrough: addYears(today, 1),
      });
      const pledge = await pledgeJointly(bank, pledgor, {
        pledgorId,
        collateral: [{ kind: 'PATENT', id: patent }],
        securedAmount: '100000000',
        term: { startDate: today, endDate: addYears(today, 1) },
      });
      ids.push(pledge.id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads every change once, page by page, then only what changed since', async () => {
    const first = await sync('2000-01-01T00:00:00Z');
    expect(first.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(first.map((p) => p.updatedAt)).toEqual(first.map((p) => p.updatedAt).sort());
    const newest = first.at(-1)!.updatedAt;

    // Nothing changed: the next sync reads the newest again (inclusive), nothing else.
    expect((await sync(newest)).map((p) => p.id)).toEqual([first.at(-1)!.id]);

    const released = ids[0]!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await bank.request(
      gql`
        mutation ($input: ReleasePledgeInput!) {
          pledgeRelease(input: $input) {
            pledge {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { input: { pledgeId: released } },
    );
    const next = await sync(newest);
    expect(next.at(-1)).toMatchObject({ id: released, state: 'RELEASED' });
    expect(next.at(-1)!.updatedAt > newest).toBe(true);
    expect(next.length).toBeLessThanOrEqual(2);
  });

  it('refuses an instant without its offset, and updatedSince in id order', async () => {
    expect(await errorExtensions(bank.request(SYNC, { since: '2026-12-01 08:00' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'updatedSince' });
    expect(await errorExtensions(bank.request(SYNC, { since: '2026-12-01T08:00:00Z', order: 'ID' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'orderBy',
    });
    // A cursor of the id order is not one of the change order.
    const byId = await bank.request<Page>(SYNC, { order: 'ID' });
    expect(await errorExtensions(bank.request(SYNC, { since: '2000-01-01T00:00:00Z', after: byId.pledges.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
