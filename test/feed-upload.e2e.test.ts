// The staff console's upload of the patent registry feed, through the gateway: a file sent in
// chunks, the report's lines the file's, the second import changing nothing, a changed row's
// warning moving; an enterprise key, an oversized chunk and a bad header refused with nothing
// imported.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addYears } from '../standards/calendar-date.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';

const today = hubToday();
const BYD = '914403001922038216';

const IMPORT = gql`
  mutation ($input: ImportPatentsInput!) {
    importPatents(input: $input) {
      rows
      inserted
      updated
      unchanged
      rejected {
        line
        applicationNumber
        code
        field
        message
      }
    }
  }
`;
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      applicationNumber
      title
      status
      annualFeeDue
      enterprise {
        id
      }
      history(first: 10) {
        edges {
          node {
            type
            role
            details
          }
        }
      }
    }
  }
`;
const WARNINGS = gql`
  query ($id: ID!) {
    annualFeeWarnings(enterpriseId: $id, first: 100) {
      edges {
        node {
          dueDate
          patent {
            applicationNumber
          }
        }
      }
    }
  }
`;

interface Report {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; applicationNumber: string | null; code: string; field: string | null; message: string }[];
}
interface Patent {
  applicationNumber: string;
  title: string;
  annualFeeDue: string | null;
  enterprise: { id: string };
  history: { edges: { node: { type: string; role: string; details: Record<string, unknown> } }[] };
}

/** An application number filed in `year`, of type `type`, with its check digit. */
const number = (year: string, serial: number, type = '1'): string => {
  const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
};

describe('importing the patent registry through the staff console', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let owner: GraphQLClient;
  let enterpriseId: string;

  // Patent A is granted with its fees paid up to its next anniversary, a month away: warned of.
  const filed = addDays(addYears(today, -3), 30);
  const year = filed.slice(0, 4);
  const A = number(year, 1);
  const B = number(year, 2, '2');
  const C = number(year, 3, '3');
  const paidTwoYears = addYears(filed, 2);
  const HEADER = 'applicationNumber,uscc,title,filingDate,status,grantDate,feesPaidThrough';
  const FILE = [
    /* 1 */ HEADER,
    /* 2 */ `${A},${BYD},一种电池管理方法,${filed},GRANTED,${addYears(filed, 1)},${paidTwoYears}`,
    /* 3 */ `${A.slice(0, -1)}${A.endsWith('0') ? '1' : '0'},${BYD},一种电池,${filed},,,`,
    /* 4 */ `${B},${BYD},"一种电池包,`,
    /* 5 */ `及其热管理装置",${filed},,,`,
    /* 6 */ `${number(year, 4)},91350100MA2Y8TQ70U,一种阀门,${filed},,,`,
    /* 7 */ '',
    /* 8 */ `${C},${BYD},一种电池外壳,${filed},,,`,
    /* 9 */ `${number(year, 5)},${BYD},一种电池,${Number(year) - 1}-06-01,,,`,
  ];
  /** The file's lines from..to (1-based, both included) as a chunk: the header line first. */
  const chunk = (from: number, to: number) => ({ format: 'CSV', data: [HEADER, ...FILE.slice(from - 1, to)].join('\n'), firstLine: from - 1 });
  const importChunk = async (client: GraphQLClient, input: Record<string, unknown>) =>
    (await client.request<{ importPatents: Report }>(IMPORT, { input })).importPatents;
  const read = async (n: string) => (await staff.request<{ patent: Patent | null }>(PATENT, { n })).patent;
  const warned = async () =>
    (
      await staff.request<{ annualFeeWarnings: { edges: { node: { patent: { applicationNumber: string } } }[] } }>(WARNINGS, { id: enterpriseId })
    ).annualFeeWarnings.edges.map((e) => e.node.patent.applicationNumber);

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = (
      await staff.request<{ registerEnterprise: { id: string } }>(
        gql`
          mutation ($input: RegisterEnterpriseInput!) {
            registerEnterprise(input: $input) {
              id
            }
          }
        `,
        { input: { uscc: BYD, name: '比亚迪股份有限公司', regionCode: '440300', industry: '电气机械和器材制造业' } },
      )
    ).registerEnterprise.id;
    owner = t.client(await t.key('ENTERPRISE', { enterpriseId }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports a file sent in two chunks, its report naming the lines of the file', async () => {
    const first = await importChunk(staff, chunk(2, 5));
    expect(first).toMatchObject({ rows: 3, inserted: 2, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r) => [r.line, r.code, r.field])).toStrictEqual([[3, 'INVALID_PATENT_NUMBER', 'applicationNumber']]);

    const second = await importChunk(staff, chunk(6, 9));
    expect(second).toMatchObject({ rows: 3, inserted: 1, updated: 0, unchanged: 0 });
    expect(second.rejected).toStrictEqual([
      {
        line: 6,
        applicationNumber: number(year, 4),
        code: 'NOT_FOUND',
        field: 'uscc',
        message: 'no enterprise with credit code 91350100MA2Y8TQ70U is registered with the centre',
      },
      {
        line: 9,
        applicationNumber: number(year, 5),
        code: 'BAD_USER_INPUT',
        field: 'filingDate',
        message: `application ${number(year, 5)} was numbered in ${year}, filingDate is in ${Number(year) - 1}: check filingDate`,
      },
    ]);

    expect(await read(A)).toMatchObject({ enterprise: { id: enterpriseId }, annualFeeDue: addYears(filed, 3), history: { edges: [] } });
    expect(await read(B)).toMatchObject({ title: '一种电池包,\n及其热管理装置' });
    expect(await warned()).toContain(A);
    // The enterprise reads its imported patents as its own.
    const own = await owner.request<{ patent: Patent }>(PATENT, { n: C });
    expect(own.patent.enterprise.id).toBe(enterpriseId);
  });

  it('changes nothing when the same chunks come again, and updates a changed row with its history and warnings', async () => {
    expect(await importChunk(staff, chunk(2, 5))).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 2 });
    expect(await importChunk(staff, chunk(6, 9))).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 1 });
    expect((await read(A))?.history.edges).toStrictEqual([]);

    // The next fee paid, as a JSON lines chunk: A moves out of the warnings.
    const paid = addYears(filed, 3);
    const line = JSON.stringify({
      applicationNumber: A,
      uscc: BYD,
      title: '一种电池管理方法',
      filingDate: filed,
      status: 'GRANTED',
      grantDate: addYears(filed, 1),
      feesPaidThrough: paid,
    });
    expect(await importChunk(staff, { format: 'JSON_LINES', data: `${line}\n` })).toMatchObject({ rows: 1, updated: 1, rejected: [] });
    const after = await read(A);
    expect(after).toMatchObject({ annualFeeDue: addYears(filed, 4) });
    expect(after?.history.edges.map((e) => e.node)).toStrictEqual([
      { type: 'IMPORTED', role: 'CENTER_STAFF', details: { feesPaidThrough: [paidTwoYears, paid] } },
    ]);
    expect(await warned()).not.toContain(A);
  });

  it('refuses anyone but centre staff', async () => {
    expect(await errorCode(importChunk(owner, chunk(2, 5)))).toBe('FORBIDDEN');
    expect(await errorCode(importChunk(t.anonymous, chunk(2, 5)))).toBe('UNAUTHENTICATED');
  });

  it('refuses an oversized chunk, a bad header and a bad firstLine, with nothing imported', async () => {
    const rows = Array.from({ length: 5_001 }, (_, i) => `${number(year, 100 + i)},${BYD},一种电池,${filed},,,`);
    const oversized = await errorExtensions(importChunk(staff, { format: 'CSV', data: [HEADER, ...rows].join('\n') }));
    expect(oversized).toMatchObject({ code: 'BAD_USER_INPUT', field: 'data' });
    expect(await read(number(year, 100))).toBeNull();
    // The same rows but one are imported.
    expect(await importChunk(staff, { format: 'CSV', data: [HEADER, ...rows.slice(0, 5_000)].join('\n') })).toMatchObject({ rows: 5_000, inserted: 5_000 });

    const badHeader = await errorExtensions(
      importChunk(staff, { format: 'CSV', data: `applicationNumber,owner,title,filingDate\n${number(year, 9_000)},${BYD},t,${filed}\n` }),
    );
    expect(badHeader).toMatchObject({ code: 'BAD_USER_INPUT', field: 'data' });
    expect(await read(number(year, 9_000))).toBeNull();

    expect(await errorExtensions(importChunk(staff, { ...chunk(2, 5), firstLine: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'firstLine' });
  });
});
