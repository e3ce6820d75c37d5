// Finding a registered enterprise by a part of its name: enterprises(search:) matches names that
// contain the text, Chinese as written, Latin letters in either case, full-width forms as ASCII;
// it pages by id with its count, with the region and industry filters, and refuses a search too
// short, too long, with control characters, or asked of a list read by change.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { usccCheckCharacter } from '../standards/uscc.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const SEARCH = gql`
  query ($search: String, $region: String, $industry: String, $first: Int, $after: String, $since: DateTime, $order: ListOrder) {
    enterprises(search: $search, regionCode: $region, industry: $industry, first: $first, after: $after, updatedSince: $since, orderBy: $order) {
      edges {
        node {
          id
          name
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
interface Page {
  enterprises: { edges: { node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
}

const MANUFACTURING = '制造业';
const SOFTWARE = '软件和信息技术服务业';
/** A valid credit code of Shenzhen for the n-th enterprise the test makes up. */
const uscc = (n: number): string => {
  const first17 = `91440300MA5${String(n).padStart(6, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
};

describe('searching enterprises by name', () => {
  let t: TestHub;
  let staff: GraphQLClient;

  /** The names a search finds, in the list's order, and its totalCount. */
  const search = async (client: GraphQLClient, variables: Record<string, unknown>) => {
    const { enterprises } = await client.request<Page>(SEARCH, { first: 50, ...variables });
    return { names: enterprises.edges.map((e) => e.node.name), totalCount: enterprises.totalCount };
  };
  const sorted = (names: string[]) => [...names].sort();

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const register = (code: string, name: string, regionCode: string, industry: string) =>
      registerEnterprise(staff, { uscc: code, name, regionCode, industry });
    await register('91440300708461136T', '华为技术有限公司', '440300', MANUFACTURING);
    await register('914403001922038216', '比亚迪股份有限公司', '440300', MANUFACTURING);
    await register('9144030071526726XG', '宁德时代新能源科技股份有限公司', '350900', MANUFACTURING);
    await register(uscc(1), '华为终端有限公司', '440300', SOFTWARE);
    await register(uscc(2), 'HUAWEI Technologies Co., Ltd.', '440300', MANUFACTURING);
    await register(uscc(3), 'ＢＹＤ　Ａｕｔｏ（深圳）有限公司', '440300', MANUFACTURING);
    for (let i = 0; i < 12; i++) await register(uscc(100 + i), `星河科技${i}号有限公司`, i % 2 === 0 ? '330100' : '330200', SOFTWARE);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the names containing a two-character text, and a longer one', async () => {
    const huawei = await search(staff, { search: '华为' });
    expect(sorted(huawei.names)).toStrictEqual(['华为技术有限公司', '华为终端有限公司']);
    expect(huawei.totalCount).toBe(2);
    expect(await search(staff, { search: '宁德时代' })).toStrictEqual({ names: ['宁德时代新能源科技股份有限公司'], totalCount: 1 });
    expect(await search(staff, { search: '新能源科技股份' })).toStrictEqual({ names: ['宁德时代新能源科技股份有限公司'], totalCount: 1 });
    expect(await search(staff, { search: ' 比亚迪 ' })).toStrictEqual({ names: ['比亚迪股份有限公司'], totalCount: 1 });
    expect(await search(staff, { search: '小米' })).toStrictEqual({ names: [], totalCount: 0 });
    expect(await search(staff, { search: '有限华为' })).toStrictEqual({ names: [], totalCount: 0 });
  });

  it('reads Latin letters in either case, and full-width forms as ASCII', async () => {
    for (const text of ['huawei', 'HUAWEI', 'ＨＵＡＷＥＩ', 'Huawei Technologies', 'co., ltd']) {
      expect(await search(staff, { search: text })).toStrictEqual({ names: ['HUAWEI Technologies Co., Ltd.'], totalCount: 1 });
    }
    for (const text of ['byd', 'BYD auto', 'ｂｙｄ　ａｕｔｏ', 'auto(深圳)', 'Ａｕｔｏ（深圳）']) {
      expect(await search(staff, { search: text })).toStrictEqual({ names: ['ＢＹＤ　Ａｕｔｏ（深圳）有限公司'], totalCount: 1 });
    }
  });

  it('searches within a region and an industry', async () => {
    expect(await search(staff, { search: '华为', industry: SOFTWARE })).toStrictEqual({ names: ['华为终端有限公司'], totalCount: 1 });
    expect(await search(staff, { search: '华为', region: '440300', industry: MANUFACTURING })).toStrictEqual({ names: ['华为技术有限公司'], totalCount: 1 });
    expect(await search(staff, { search: '华为', region: '350900' })).toStrictEqual({ names: [], totalCount: 0 });
    const inRegion = await search(staff, { search: '星河科技', region: '330200' });
    expect(sorted(inRegion.names)).toStrictEqual([
      '星河科技11号有限公司',
      '星河科技1号有限公司',
      '星河科技3号有限公司',
      '星河科技5号有限公司',
      '星河科技7号有限公司',
      '星河科技9号有限公司',
    ]);
    expect(inRegion.totalCount).toBe(6);
  });

  it('pages through the matches by cursor, each once, every page with the same count', async () => {
    const seen: string[] = [];
    const counts = new Set<number>();
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(4);
      const { enterprises }: Page = await staff.request<Page>(SEARCH, { search: '星河', first: 5, after });
      seen.push(...enterprises.edges.map((e) => e.node.id));
      counts.add(enterprises.totalCount);
      if (!enterprises.pageInfo.hasNextPage) break;
      after = enterprises.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toStrictEqual([...seen].sort());
    expect([...counts]).toStrictEqual([12]);
  });

  it('refuses a search too short or too long once folded, or with control characters, naming it', async () => {
    expect(await errorExtensions(staff.request(SEARCH, { search: '华' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(staff.request(SEARCH, { search: ' 华　' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(staff.request(SEARCH, { search: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(staff.request(SEARCH, { search: '华'.repeat(51) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(staff.request(SEARCH, { search: '华为\n' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await errorExtensions(staff.request(SEARCH, { search: '华为\u0000' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    await expect(staff.request(SEARCH, { search: '华' })).rejects.toThrow(/search needs at least 2 characters/);
    // Fifty characters are a search.
    expect(await search(staff, { search: '华'.repeat(50) })).toStrictEqual({ names: [], totalCount: 0 });
  });

  it('refuses a search of a list read by change: it lists by id only', async () => {
    expect(await errorExtensions(staff.request(SEARCH, { search: '华为', since: '2020-01-01T00:00:00Z' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'search',
    });
    expect(await errorExtensions(staff.request(SEARCH, { search: '华为', order: 'UPDATED_AT' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect((await search(staff, { search: '华为', order: 'ID' })).totalCount).toBe(2);
  });

  it('answers the callers the list answers: staff and institutions, not an enterprise key', async () => {
    const bank = t.client(await t.key('BANK'));
    expect((await search(bank, { search: '华为' })).totalCount).toBe(2);
    const enterprise = t.client(
      await t.key('ENTERPRISE', { enterpriseId: (await staff.request<Page>(SEARCH, { search: '华为技术' })).enterprises.edges[0]!.node.id }),
    );
    expect(await errorCode(enterprise.request(SEARCH, { search: '华为' }))).toBe('FORBIDDEN');
    expect(await errorCode(t.anonymous.request(SEARCH, { search: '华为' }))).toBe('UNAUTHENTICATED');
  });
});
