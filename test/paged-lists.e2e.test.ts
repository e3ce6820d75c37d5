// An enterprise's patents, trademarks, copyrights and data assets are connections: read a page at
// a time through the gateway, every one once and in order, a page at most 100, and costed by the
// page asked (issue 22: no list that grows with the data without a page).
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { today } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

interface Page<N> {
  readonly edges: { readonly cursor: string; readonly node: N }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/** Each list's query, for `$id`, `$first` and `$after`: the field, and what a node says. */
const LISTS = {
  patents: 'applicationNumber',
  trademarks: 'registrationNumber',
  copyrights: 'registrationNumber',
  dataAssets: 'name',
} as const;
type List = keyof typeof LISTS;

const pageQuery = (list: List) => gql`
  query ($id: ID!, $first: Int, $after: String) {
    enterprise(id: $id) {
      ${list}(first: $first, after: $after) {
        edges { cursor node { ${LISTS[list]} } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

describe('paged lists of an enterprise', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let own: GraphQLClient;
  let id: string;
  const year = today().slice(0, 4);
  const expected: Record<List, string[]> = { patents: [], trademarks: [], copyrights: [], dataAssets: [] };

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    id = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    own = t.client(await t.key('ENTERPRISE', { enterpriseId: id }));
    const filingDate = addYears(today(), -3);
    for (let i = 5; i >= 1; i--)
      expected.patents.push(
        await registerPatent(staff, { enterpriseId: id, applicationNumber: applicationNumber(filingDate, '1', i), title: `专利 ${i}`, filingDate }),
      );
    for (let i = 3; i >= 1; i--) {
      const { registerTrademark } = await staff.request<{ registerTrademark: { registrationNumber: string } }>(
        gql`
          mutation ($input: RegisterTrademarkInput!) {
            registerTrademark(input: $input) {
              registrationNumber
            }
          }
        `,
        {
          input: {
            enterpriseId: id,
            registrationNumber: `4000000${i}`,
            mark: `商标${i}`,
            niceClass: 12,
            goods: ['汽车'],
            registrationDate: addYears(today(), -1),
          },
        },
      );
      expected.trademarks.push(registerTrademark.registrationNumber);
      const { registerCopyright } = await staff.request<{ registerCopyright: { registrationNumber: string } }>(
        gql`
          mutation ($input: RegisterCopyrightInput!) {
            registerCopyright(input: $input) {
              registrationNumber
            }
          }
        `,
        {
          input: {
            enterpriseId: id,
            registrationNumber: `${year}sr012345${i}`,
            title: `软件 ${i}`,
            kind: 'SOFTWARE',
            author: '比亚迪股份有限公司',
            completedOn: `${year}-01-01`,
            registeredOn: today(),
          },
        },
      );
      expected.copyrights.push(registerCopyright.registrationNumber);
    }
    for (let i = 1; i <= 3; i++) {
      await own.request(
        gql`
          mutation ($input: RegisterDataAssetInput!) {
            registerDataAsset(input: $input) {
              id
            }
          }
        `,
        { input: { name: `数据集 ${i}`, description: '', fingerprint: sha256(`数据集 ${i}`) } },
      );
      // Newest first.
      expected.dataAssets.unshift(`数据集 ${i}`);
    }
    // Patents, trademarks and copyrights by number.
    for (const list of ['patents', 'trademarks', 'copyrights'] as const) expected[list].sort();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(Object.keys(LISTS) as List[])('pages through %s two at a time, each once and in order', async (list) => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer: { enterprise: Record<List, Page<Record<string, string>>> } = await own.request(pageQuery(list), { id, first: 2, after });
      const page = answer.enterprise[list];
      seen.push(...page.edges.map((e) => e.node[LISTS[list]]!));
      // The Relay spec's PageInfo: its cursors are its first and last edges'; a page asked after a cursor has items before it.
      expect(page.pageInfo).toMatchObject({ hasPreviousPage: after !== null, startCursor: page.edges[0]!.cursor, endCursor: page.edges.at(-1)!.cursor });
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toStrictEqual(expected[list]);
    expect(pages).toBe(Math.ceil(expected[list].length / 2));
  });

  it('refuses a page over 100 and a cursor it did not make', async () => {
    expect(await errorExtensions(own.request(pageQuery('patents'), { id, first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    for (const list of Object.keys(LISTS) as List[])
      expect(await errorCode(own.request(pageQuery(list), { id, after: 'not a cursor!' })), list).toBe('BAD_USER_INPUT');
  });

  it('costs a list by the page asked: a key whose budget is 100 reads 24 patents a page, not 25', async () => {
    const cheap = t.client((await createKey(t.hub.keys, { role: 'CENTER_STAFF', cost: 100 })).key);
    // The enterprise 1, and per patent asked the connection, its edge, its node and the page info (scalars cost nothing): 1 + 24 x 4 = 97.
    const page = await cheap.request<{ enterprise: { patents: Page<unknown> } }>(pageQuery('patents'), { id, first: 24 });
    expect(page.enterprise.patents.edges).toHaveLength(5);
    expect(await errorExtensions(cheap.request(pageQuery('patents'), { id, first: 25 }))).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      measured: 101,
      limit: 100,
    });
  });
});
