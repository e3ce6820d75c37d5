// Keeping a copy of the cases in sync: protectionCases(updatedSince:) pages through what changed,
// oldest change first, and the next sync, from the newest updatedAt seen, reads a moved case again
// and little else; totalCount counts what the list holds under the same arguments and the same
// access rules (a state filter, an enterprise's own cases).
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const SYNC = gql`
  query ($since: DateTime, $order: ListOrder, $after: String) {
    protectionCases(updatedSince: $since, orderBy: $order, first: 2, after: $after) {
      totalCount
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
type Node = { id: string; state: string; updatedAt: string };
type Page = { protectionCases: { totalCount: number; edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const PROTECTION_COUNT = gql`
  query ($state: ProtectionState) {
    protectionCases(state: $state, first: 100) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`;
const PRE_EXAM_COUNT = gql`
  query ($state: PreExamState, $since: DateTime) {
    preExamCases(state: $state, updatedSince: $since, first: 100) {
      totalCount
      edges {
        node {
          id
          updatedAt
        }
      }
    }
  }
`;
type Counted = { totalCount: number; edges: { node: { id: string; updatedAt?: string } }[] };

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('syncing cases by change, and counting them', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let applicant: GraphQLClient;
  let stranger: GraphQLClient;
  let enterpriseId: string;
  const protectionIds: string[] = [];
  const preExamIds: string[] = [];

  const moveProtection = (caseId: string, to: string) =>
    staff.request(
      gql`
        mutation ($input: MoveProtectionCaseInput!) {
          moveProtectionCase(input: $input) {
            id
          }
        }
      `,
      { input: { caseId, to } },
    );
  const movePreExam = (caseId: string, to: string) =>
    staff.request(
      gql`
        mutation ($input: MovePreExamCaseInput!) {
          movePreExamCase(input: $input) {
            id
          }
        }
      `,
      { input: { caseId, to } },
    );

  /** Every page from `since`, as a partner's sync walks them, and how many pages it took. */
  const sync = async (since: string | null) => {
    const seen: Node[] = [];
    let pages = 0;
    let after: string | null = null;
    for (;;) {
      const page: Page = await staff.request<Page>(SYNC, { since, after });
      pages++;
      // Every page counts the whole list changed since, not itself.
      expect(page.protectionCases.totalCount).toBeGreaterThanOrEqual(seen.length + page.protectionCases.edges.length);
      seen.push(...page.protectionCases.edges.map((e) => e.node));
      if (!page.protectionCases.pageInfo.hasNextPage) {
        expect(page.protectionCases.totalCount).toBe(seen.length);
        return { seen, pages };
      }
      after = page.protectionCases.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    const otherId = await registerEnterprise(staff, {
      uscc: '9144030071526726XG',
      name: '宁德时代新能源科技股份有限公司',
      regionCode: '350900',
      industry: '电气机械和器材制造业',
    });
    applicant = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    stranger = t.client(await t.key('ENTERPRISE', { enterpriseId: otherId }));
    // Apart in time, so that no two cases change in the same millisecond.
    for (let i = 0; i < 5; i++) {
      await later();
      const { applyForProtection } = await applicant.request<{ applyForProtection: { id: string } }>(
        gql`
          mutation ($input: ApplyForProtectionInput!) {
            applyForProtection(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            kind: 'INFRINGEMENT',
            route: 'MEDIATION',
            summary: `某网店销售仿冒产品 ${i}`,
            claimant: { name: '比亚迪股份有限公司', enterpriseId },
            respondents: [{ name: `某网店 ${i}` }],
            ipRights: [{ kind: 'TRADEMARK', number: `3000000${i}` }],
          },
        },
      );
      protectionIds.push(applyForProtection.id);
    }
    for (let i = 0; i < 3; i++) {
      await later();
      const { filePreExamination } = await applicant.request<{ filePreExamination: { id: string } }>(
        gql`
          mutation ($input: FilePreExaminationInput!) {
            filePreExamination(input: $input) {
              id
            }
          }
        `,
        { input: { enterpriseId, applicationNumber: '201510958772.0', title: `一种数据传输方法 ${i}`, industry: '新一代信息技术' } },
      );
      preExamIds.push(filePreExamination.id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('staff read every protection case once, page by page, and a move brings a case back in the next sync', async () => {
    const first = await sync('2000-01-01T00:00:00Z');
    expect(first.pages).toBe(3);
    expect(first.seen.map((c) => c.id).sort()).toEqual([...protectionIds].sort());
    expect(first.seen.map((c) => c.updatedAt)).toEqual(first.seen.map((c) => c.updatedAt).sort());
    const newest = first.seen.at(-1)!.updatedAt;

    // Nothing changed: the next sync reads the newest again (inclusive), nothing else.
    expect((await sync(newest)).seen.map((c) => c.id)).toEqual([first.seen.at(-1)!.id]);

    const moved = first.seen[0]!.id;
    await later();
    await moveProtection(moved, 'ACCEPTED');
    const next = (await sync(newest)).seen;
    expect(next.at(-1)).toMatchObject({ id: moved, state: 'ACCEPTED' });
    expect(next.at(-1)!.updatedAt > newest).toBe(true);
    expect(next.length).toBeLessThanOrEqual(2);

    // The one after that starts from the move and reads it alone.
    expect((await sync(next.at(-1)!.updatedAt)).seen.map((c) => c.id)).toEqual([moved]);
  });

  it('counts the protection cases a state filter and an access rule leave', async () => {
    await moveProtection(protectionIds[1]!, 'REJECTED');
    const count = async (client: GraphQLClient, state?: string) =>
      (await client.request<{ protectionCases: Counted }>(PROTECTION_COUNT, { state })).protectionCases;
    for (const [state, expected] of [
      [undefined, 5],
      ['APPLIED', 3],
      ['ACCEPTED', 1],
      ['REJECTED', 1],
      ['CLOSED', 0],
    ] as const) {
      const staffs = await count(staff, state);
      expect(staffs.totalCount).toBe(expected);
      expect(staffs.edges).toHaveLength(expected);
      // The claimant is party to every one; another enterprise to none.
      expect((await count(applicant, state)).totalCount).toBe(expected);
      expect((await count(stranger, state)).totalCount).toBe(0);
    }
  });

  it('counts the pre-examination cases a state filter leaves, and syncs them by change too', async () => {
    const before = await staff.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { since: '2000-01-01T00:00:00Z' });
    const newest = before.preExamCases.edges.at(-1)!.node.updatedAt!;
    await later();
    await movePreExam(preExamIds[0]!, 'CLASSIFIED');
    for (const [state, expected] of [
      [undefined, 3],
      ['RECEIVED', 2],
      ['CLASSIFIED', 1],
      ['PASSED', 0],
    ] as const) {
      const { preExamCases } = await staff.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { state });
      expect(preExamCases.totalCount).toBe(expected);
      expect(preExamCases.edges).toHaveLength(expected);
      expect((await applicant.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { state })).preExamCases.totalCount).toBe(expected);
      expect((await stranger.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { state })).preExamCases.totalCount).toBe(0);
    }
    // What changed since the last sync: the newest filing again, then the move.
    const since = await staff.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { since: newest });
    expect(since.preExamCases.edges.map((e) => e.node.id)).toEqual([before.preExamCases.edges.at(-1)!.node.id, preExamIds[0]]);
    expect(since.preExamCases.totalCount).toBe(2);
    expect((await staff.request<{ preExamCases: Counted }>(PRE_EXAM_COUNT, { since: newest, state: 'CLASSIFIED' })).preExamCases.totalCount).toBe(1);
  });

  it('refuses updatedSince in id order, and a cursor of the other order', async () => {
    expect(await errorExtensions(staff.request(SYNC, { since: '2026-12-01T08:00:00Z', order: 'ID' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'orderBy',
    });
    const byId = await staff.request<Page>(SYNC, { order: 'ID' });
    expect(await errorExtensions(staff.request(SYNC, { since: '2000-01-01T00:00:00Z', after: byId.protectionCases.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
