// The registry as the law makes it, through the gateway: annual fees only from grant, the
// examination request's deadline (Patent Law art. 35), PCT entries and divisionals with their
// earlier filing dates, expiry on the day after the term (art. 42), who may declare what, a feed
// row that would move a right backwards (STALE_ROW), a registry row superseding a declaration.
import { type ClientError, gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const today = hubToday();
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      applicationNumber
      status
      filingDate
      priorityDate
      parentApplicationNumber
      declared
      annualFeeDue
      annualFee {
        state
      }
      examinationRequestDue
      protectionEndsOn
      enterprise {
        id
      }
      history(first: 10) {
        edges {
          node {
            type
          }
        }
      }
    }
  }
`;
interface Patent {
  applicationNumber: string;
  status: string;
  filingDate: string;
  priorityDate: string | null;
  parentApplicationNumber: string | null;
  declared: boolean;
  annualFeeDue: string | null;
  annualFee: { state: string } | null;
  examinationRequestDue: string | null;
  protectionEndsOn: string;
  enterprise: { id: string };
  history: { edges: { node: { type: string } }[] };
}
const IMPORT = gql`
  mutation ($input: ImportPatentsInput!) {
    importPatents(input: $input) {
      inserted
      updated
      unchanged
      rejected {
        line
        code
        field
        message
      }
    }
  }
`;
const WARNINGS = gql`
  query ($id: ID!) {
    annualFeeWarnings(enterpriseId: $id, first: 100, withinDays: 3660) {
      edges {
        node {
          patent {
            applicationNumber
          }
        }
      }
    }
  }
`;

/** A number whose year and type digit are given, any serial. */
const numbered = (year: number, type: '1' | '2' | '8', serial: number): string => {
  const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
};

describe('the registry as the law makes it', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let owner: GraphQLClient;
  let enterpriseId: string;
  let other: string;
  let serial = 0;
  const read = async (n: string) => (await staff.request<{ patent: Patent }>(PATENT, { n })).patent;
  const warned = async () =>
    (
      await staff.request<{ annualFeeWarnings: { edges: { node: { patent: { applicationNumber: string } } }[] } }>(WARNINGS, { id: enterpriseId })
    ).annualFeeWarnings.edges.map((e) => e.node.patent.applicationNumber);

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    other = await registerEnterprise(staff, { uscc: '9144030071526726XG', name: '深圳市腾讯计算机系统有限公司', regionCode: '440300', industry: '软件业' });
    owner = t.client(await t.key('ENTERPRISE', { enterpriseId }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a pending application no annual fee and no fee warning, and an invention its examination request’s last day (Patent Law art. 35)', async () => {
    const filed = addYears(today, -2);
    const n = await registerPatent(owner, { enterpriseId, applicationNumber: applicationNumber(filed, '1', ++serial), title: '一种电池', filingDate: filed });
    const p = await read(n);
    expect(p).toMatchObject({ status: 'PENDING', declared: true, annualFeeDue: null, annualFee: null });
    // Three years from filing, moved past any holiday.
    expect(p.examinationRequestDue! >= addYears(filed, 3)).toBe(true);
    expect(p.examinationRequestDue! <= addDays(addYears(filed, 3), 10)).toBe(true);
    expect(await warned()).not.toContain(n);
  });

  it('answers a declaration sent again with the patent it made; another enterprise declaring the number is told only that it exists', async () => {
    const filed = addYears(today, -1);
    const input = { enterpriseId, applicationNumber: applicationNumber(filed, '1', ++serial), title: '一种电池热管理方法', filingDate: filed };
    const n = await registerPatent(owner, input);
    expect(await registerPatent(owner, input)).toBe(n);
    const rival = t.client(await t.key('ENTERPRISE', { enterpriseId: other }));
    const refused = await registerPatent(rival, { ...input, enterpriseId: other, title: '猜一猜' }).then(
      () => undefined,
      (err: ClientError) => err.response.errors?.[0],
    );
    expect(refused).toMatchObject({ extensions: { code: 'CONFLICT' }, message: `patent application ${n} is registered already` });
  });

  it('refuses an enterprise declaring a GRANTED right or its fees, and takes the same from staff, the year of grant counted as paid', async () => {
    const filed = addYears(today, -4);
    const input = {
      enterpriseId,
      applicationNumber: applicationNumber(filed, '1', ++serial),
      title: '一种电池包',
      filingDate: filed,
      status: 'GRANTED',
      grantDate: addMonths(filed, 30),
    };
    expect(await errorExtensions(registerPatent(owner, input))).toMatchObject({
      code: 'FORBIDDEN',
      field: 'status',
    });
    expect(await errorExtensions(registerPatent(owner, { ...input, status: 'PENDING', grantDate: null, feesPaidThrough: addYears(filed, 1) }))).toMatchObject({
      code: 'FORBIDDEN',
      field: 'feesPaidThrough',
    });
    const n = await registerPatent(staff, input);
    // Granted in year 3 without feesPaidThrough: the fee of year 3 is paid with the grant, year 4's is next.
    expect((await read(n)).annualFeeDue).toBe(addYears(filed, 3));
  });

  it('takes a PCT entry and a divisional with filing dates before their numbers’ years, and a divisional only with its parent', async () => {
    const year = Number(today.slice(0, 4));
    const international = `${year - 2}-03-15`;
    const pct = await registerPatent(staff, {
      enterpriseId,
      applicationNumber: numbered(year, '8', ++serial),
      title: '一种充电方法',
      filingDate: international,
      priorityDate: `${year - 3}-04-01`,
    });
    expect(await read(pct)).toMatchObject({ filingDate: international, priorityDate: `${year - 3}-04-01`, protectionEndsOn: `${year + 18}-03-15` });
    // Art. 35's three years run from the priority date.
    expect((await read(pct)).examinationRequestDue! >= `${year}-04-01`).toBe(true);

    const parentFiled = `${year - 3}-06-01`;
    const parent = await registerPatent(staff, { enterpriseId, applicationNumber: numbered(year - 3, '1', ++serial), title: '母案', filingDate: parentFiled });
    const divisional = { enterpriseId, applicationNumber: numbered(year, '1', ++serial), title: '分案', filingDate: parentFiled };
    const register = (input: Record<string, unknown>) => registerPatent(staff, input);
    expect(await errorExtensions(register(divisional))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filingDate' });
    expect(await errorExtensions(register({ ...divisional, parentApplicationNumber: numbered(year - 3, '1', 9_999_999) }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'parentApplicationNumber',
    });
    expect(await errorExtensions(register({ ...divisional, parentApplicationNumber: parent, filingDate: `${year - 3}-06-02` }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filingDate',
    });
    const n = await registerPatent(staff, { ...divisional, parentApplicationNumber: parent });
    expect(await read(n)).toMatchObject({ filingDate: parentFiled, parentApplicationNumber: parent });
  });

  it('reads a patent EXPIRED from the day after its term’s last day, and refuses to license it', async () => {
    // A utility model filed ten years ago today: its term ended today (protected until yesterday).
    const filed = addYears(today, -10);
    const n = await registerPatent(staff, {
      enterpriseId,
      applicationNumber: applicationNumber(filed, '2', ++serial),
      title: '一种支架',
      filingDate: filed,
      status: 'GRANTED',
      grantDate: addMonths(filed, 8),
      feesPaidThrough: addYears(filed, 9),
    });
    const p = await read(n);
    expect(p).toMatchObject({ status: 'EXPIRED', protectionEndsOn: today, annualFeeDue: null, annualFee: null });
    const licence = await errorExtensions(
      staff.request(
        gql`
          mutation ($input: RegisterLicenceInput!) {
            registerLicence(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            right: { kind: 'PATENT', number: n },
            licenseeId: other,
            kind: 'ORDINARY',
            territory: ['CN'],
            term: { startDate: today, endDate: addDays(today, 30) },
            contractDate: today,
            contractDigest: 'a'.repeat(64),
          },
        },
      ),
    );
    expect(licence).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses a feed row older than the right as registered (STALE_ROW), and lets the registry’s row supersede a declaration', async () => {
    const filed = addYears(today, -3);
    const granted = applicationNumber(filed, '1', ++serial);
    const header = 'applicationNumber,enterpriseId,title,filingDate,status,grantDate,feesPaidThrough';
    const rows = (...lines: string[]) => ({ format: 'CSV', data: [header, ...lines].join('\n'), firstLine: 1 });
    const grant = addMonths(filed, 20);
    const first = await staff.request<{ importPatents: { inserted: number } }>(IMPORT, {
      input: rows(`${granted},${enterpriseId},一种电芯,${filed},GRANTED,${grant},${addYears(filed, 2)}`),
    });
    expect(first.importPatents.inserted).toBe(1);
    // The same right as an application again, and its fees paid to an earlier year: both refused.
    const stale = await staff.request<{ importPatents: { updated: number; rejected: { line: number; code: string; field: string }[] } }>(IMPORT, {
      input: rows(`${granted},${enterpriseId},一种电芯,${filed},PENDING,,`),
    });
    expect(stale.importPatents).toMatchObject({ updated: 0, rejected: [{ line: 2, code: 'STALE_ROW', field: 'status' }] });
    expect((await read(granted)).status).toBe('GRANTED');

    // An enterprise declares an application; the registry has it as another enterprise's grant.
    const declaredNumber = await registerPatent(owner, {
      enterpriseId,
      applicationNumber: applicationNumber(filed, '1', ++serial),
      title: '申报',
      filingDate: filed,
    });
    const superseded = await staff.request<{ importPatents: { updated: number; rejected: unknown[] } }>(IMPORT, {
      input: rows(`${declaredNumber},${other},登记簿名称,${filed},GRANTED,${grant},`),
    });
    expect(superseded.importPatents).toMatchObject({ updated: 1, rejected: [] });
    const p = await read(declaredNumber);
    expect(p).toMatchObject({ declared: false, status: 'GRANTED', enterprise: { id: other } });
    expect(p.history.edges.map((e) => e.node.type)).toStrictEqual(['SUPERSEDED']);
  });
});
