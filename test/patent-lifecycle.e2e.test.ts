// A patent's lifecycle through the gateway: grant, annual fees (on time and in grace), lapse and
// restoration, invalidation, a court's freeze; every refusal code and role rule, the history, and
// the warnings following each change.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { annualFeeStatus } from '../subgraphs/enterprises/domain/annual-fee.js';
import { answersNull, errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const today = hubToday();
const COURT = '深圳市中级人民法院';
const OTHER_COURT = '广州知识产权法院';

interface Patent {
  applicationNumber: string;
  status: string;
  grantDate: string | null;
  grantPublicationNumber: string | null;
  feesPaidThrough?: string;
  annualFeeDue: string | null;
  lapsedOn: string | null;
  freeze: { court: string; orderNumber: string; frozenOn: string } | null;
  waitingFreezes: { court: string; orderNumber: string }[];
  invalidation: { requestedOn: string; requester: string; pending: boolean; decision: string | null; decidedOn: string | null; finalOn?: string | null } | null;
  history: { edges: { node: { seq: number; type: string; role: string; details: Record<string, unknown> } }[] };
}
const PATENT = `applicationNumber status grantDate grantPublicationNumber annualFeeDue lapsedOn
  freeze { court orderNumber frozenOn } waitingFreezes { court orderNumber } invalidation { requestedOn requester pending decision decidedOn }
  history(first: 50) { edges { node { seq type role details } } }`;

const op = (name: string, input: string) => gql`mutation ($input: ${input}!) { ${name}(input: $input) { ${PATENT} } }`;
const GRANT = op('grantPatent', 'GrantPatentInput');
const PAY = op('payAnnualFee', 'PayAnnualFeeInput');
const LAPSE = op('recordPatentLapse', 'RecordPatentLapseInput');
const RESTORE = op('restorePatent', 'RestorePatentInput');
const REQUEST = op('requestInvalidation', 'RequestInvalidationInput');
const DECIDE = op('decideInvalidation', 'DecideInvalidationInput');
const FREEZE = op('freezePatent', 'FreezePatentInput');
const UNFREEZE = op('unfreezePatent', 'UnfreezePatentInput');
const READ = gql`query ($n: String!) { patent(applicationNumber: $n) { ${PATENT} } }`;
const FEE_WARNINGS = gql`
  query ($id: ID!) {
    annualFeeWarnings(enterpriseId: $id, first: 100) {
      edges {
        node {
          patent {
            applicationNumber
          }
          dueDate
        }
      }
    }
  }
`;

/** The year whose fee falls due on `due`, for a patent filed on `filed`. */
const yearOf = (filed: string, due: string) => Number(due.slice(0, 4)) - Number(filed.slice(0, 4)) + 1;

describe('the patent lifecycle', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let court: GraphQLClient;
  let otherCourt: GraphQLClient;
  let owner: GraphQLClient;
  let stranger: GraphQLClient;
  let enterpriseId: string;
  let serial = 0;

  /** Registers a patent filed on `filingDate`, with its fees paid through `paid`. */
  async function patent(filingDate: string, extra: { status?: string; paid?: string | null; type?: '1' | '2' } = {}): Promise<string> {
    const status = extra.status ?? 'GRANTED';
    return registerPatent(staff, {
      enterpriseId,
      applicationNumber: applicationNumber(filingDate, extra.type ?? '1', ++serial),
      title: `一种电池管理方法 ${serial}`,
      filingDate,
      status,
      ...(status === 'GRANTED' ? { grantDate: addYears(filingDate, 2) } : {}),
      ...(extra.paid ? { feesPaidThrough: extra.paid } : {}),
    });
  }
  const read = async (n: string) => (await staff.request<{ patent: Patent }>(READ, { n })).patent;
  const warned = async () =>
    (
      await staff.request<{ annualFeeWarnings: { edges: { node: { patent: { applicationNumber: string } } }[] } }>(FEE_WARNINGS, { id: enterpriseId })
    ).annualFeeWarnings.edges.map((e) => e.node.patent.applicationNumber);

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    court = t.client(await t.key('COURT', { organization: COURT }));
    otherCourt = t.client(await t.key('COURT', { organization: OTHER_COURT }));
    const register = (uscc: string, name: string) => registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '电气机械和器材制造业' });
    enterpriseId = await register('914403001922038216', '比亚迪股份有限公司');
    const other = await register('9144030071526726XG', '深圳市腾讯计算机系统有限公司');
    owner = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    stranger = t.client(await t.key('ENTERPRISE', { enterpriseId: other }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('grants a pending application, counting the fees up to the year of grant as paid', async () => {
    const filed = addYears(today, -3);
    const n = await patent(filed, { status: 'PENDING' });
    const grantDate = addDays(today, -10);
    const { grantPatent: granted } = await staff.request<{ grantPatent: Patent }>(GRANT, {
      input: { applicationNumber: `CN ${n}`, grantDate, grantPublicationNumber: 'cn 115 123 456 b' },
    });
    expect(granted).toMatchObject({ status: 'GRANTED', grantDate, grantPublicationNumber: 'CN115123456B', freeze: null, invalidation: null });
    // The anniversaries up to the grant are paid; the next one is the first unpaid.
    const nextAnniversary = [1, 2, 3, 4].map((y) => addYears(filed, y)).find((d) => d > grantDate);
    expect(granted.annualFeeDue).toBe(nextAnniversary);
    expect(granted.history.edges.map((e) => e.node)).toStrictEqual([
      {
        seq: 1,
        type: 'GRANTED',
        role: 'CENTER_STAFF',
        details: {
          grantDate,
          grantPublicationNumber: 'CN115123456B',
          feesPaidThrough: addYears(filed, 3) <= grantDate ? addYears(filed, 3) : addYears(filed, 2),
        },
      },
    ]);

    expect(await errorCode(staff.request(GRANT, { input: { applicationNumber: n, grantDate, grantPublicationNumber: 'CN115123456B' } }))).toBe(
      'INVALID_TRANSITION',
    );
    const pending = await patent(filed, { status: 'PENDING' });
    expect(
      await errorExtensions(staff.request(GRANT, { input: { applicationNumber: pending, grantDate, grantPublicationNumber: 'CN115123456U' } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'grantPublicationNumber',
    });
    expect(
      await errorExtensions(
        staff.request(GRANT, { input: { applicationNumber: pending, grantDate: addDays(today, 1), grantPublicationNumber: 'CN115123456B' } }),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'grantDate',
    });
    expect(await errorCode(owner.request(GRANT, { input: { applicationNumber: pending, grantDate, grantPublicationNumber: 'CN115123456B' } }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await errorCode(staff.request(GRANT, { input: { applicationNumber: '202310999999.9', grantDate, grantPublicationNumber: 'CN115123456B' } })),
    ).toMatch(/^(NOT_FOUND|INVALID_PATENT_NUMBER)$/);
    expect(await errorCode(staff.request(GRANT, { input: { applicationNumber: '2023101234', grantDate, grantPublicationNumber: 'CN115123456B' } }))).toBe(
      'INVALID_PATENT_NUMBER',
    );
    // None of the refusals changed the application.
    expect(await read(pending)).toMatchObject({ status: 'PENDING', grantDate: null, history: { edges: [] } });
  });

  it('records an annual fee paid: the warning clears, the next year is owed, nothing is paid twice or out of turn', async () => {
    const due = addDays(today, 30);
    const filed = addYears(due, -4);
    const n = await patent(filed, { paid: addYears(due, -1) });
    expect(await warned()).toContain(n);
    const year = yearOf(filed, due);
    const { payAnnualFee: paid } = await staff.request<{ payAnnualFee: Patent }>(PAY, { input: { applicationNumber: n, year, paidOn: today } });
    expect(paid.annualFeeDue).toBe(addYears(due, 1));
    expect(paid.history.edges.at(-1)!.node).toMatchObject({ type: 'ANNUAL_FEE_PAID', details: { year, dueDate: due, paidOn: today, surchargePercent: 0 } });
    expect(await warned()).not.toContain(n);

    expect(await errorCode(staff.request(PAY, { input: { applicationNumber: n, year, paidOn: today } }))).toBe('CONFLICT');
    expect(await errorExtensions(staff.request(PAY, { input: { applicationNumber: n, year: year + 2, paidOn: today } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    expect(await errorExtensions(staff.request(PAY, { input: { applicationNumber: n, year: 40, paidOn: today } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    expect(await errorExtensions(staff.request(PAY, { input: { applicationNumber: n, year: year + 1, paidOn: addDays(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paidOn',
    });
    expect(await errorCode(owner.request(PAY, { input: { applicationNumber: n, year: year + 1, paidOn: today } }))).toBe('FORBIDDEN');
    expect((await read(n)).history.edges).toHaveLength(1);
  });

  it('takes a fee in its grace period with its surcharge, and lets one of two racing payments through', async () => {
    const due = addDays(today, -70);
    const filed = addYears(due, -5);
    const n = await patent(filed, { paid: addYears(due, -1) });
    const year = yearOf(filed, due);
    const results = await Promise.allSettled([
      staff.request(PAY, { input: { applicationNumber: n, year, paidOn: today } }),
      staff.request(PAY, { input: { applicationNumber: n, year, paidOn: today } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected')!;
    expect(await errorCode(Promise.reject((lost as PromiseRejectedResult).reason))).toBe('CONFLICT');
    const after = await read(n);
    expect(after.history.edges.map((e) => e.node)).toMatchObject([
      {
        seq: 1,
        type: 'ANNUAL_FEE_PAID',
        details: {
          year,
          surchargePercent: annualFeeStatus(
            { type: 'INVENTION', filingDate: filed, status: 'GRANTED', grantDate: addYears(filed, 2), feesPaidThrough: addYears(due, -1) },
            today,
          )!.surchargePercent,
        },
      },
    ]);
    expect(after.history.edges[0]!.node.details.surchargePercent).toBeGreaterThan(0);
  });

  it('records a lapse with its termination notice, and a restoration within rule 6’s windows (Implementing Regulations rule 6)', async () => {
    const due = addMonths(today, -8);
    const filed = addYears(due, -6);
    const n = await patent(filed, { paid: addYears(due, -1) });
    expect(await errorCode(staff.request(PAY, { input: { applicationNumber: n, year: yearOf(filed, due), paidOn: today } }))).toBe('INVALID_TRANSITION');
    const notice = addDays(today, -10);
    const { recordPatentLapse: lapsed } = await staff.request<{ recordPatentLapse: Patent }>(LAPSE, {
      input: { applicationNumber: n, terminationNoticeOn: notice },
    });
    expect(lapsed).toMatchObject({ status: 'LAPSED', lapsedOn: due, annualFeeDue: null });
    expect(await errorCode(staff.request(LAPSE, { input: { applicationNumber: n } }))).toBe('INVALID_TRANSITION');

    // A justified reason, two months from the notice's receipt: in time.
    const restoration = { applicationNumber: n, ground: 'JUSTIFIED_REASON', restoredOn: today };
    const { restorePatent: restored } = await staff.request<{ restorePatent: Patent }>(RESTORE, { input: restoration });
    expect(restored).toMatchObject({ status: 'GRANTED', lapsedOn: null });
    expect(restored.annualFeeDue! > today).toBe(true);
    expect(restored.history.edges.map((e) => e.node.type)).toStrictEqual(['LAPSED', 'RESTORED']);
    expect(await errorCode(staff.request(RESTORE, { input: restoration }))).toBe('INVALID_TRANSITION');

    // Paid up and on time: nothing to lapse.
    const current = await patent(addYears(today, -3), { paid: addYears(today, -1) });
    expect(await errorCode(staff.request(LAPSE, { input: { applicationNumber: current } }))).toBe('INVALID_TRANSITION');
    // Lapsed three years ago, its notice a month after the grace: too late on either ground, the message naming the last day.
    const old = addYears(today, -3);
    const late = await patent(addYears(old, -6), { paid: addYears(old, -1) });
    await staff.request(LAPSE, { input: { applicationNumber: late, terminationNoticeOn: addMonths(old, 7) } });
    const justified = await errorExtensions(staff.request(RESTORE, { input: { applicationNumber: late, ground: 'JUSTIFIED_REASON', restoredOn: today } }));
    expect(justified).toMatchObject({ code: 'TIME_LIMIT_PASSED', timeLimit: 'RESTORATION', field: 'requestedOn' });
    const force = await errorExtensions(
      staff.request(RESTORE, { input: { applicationNumber: late, ground: 'FORCE_MAJEURE', obstacleRemovedOn: addDays(today, -5), restoredOn: today } }),
    );
    expect(force).toMatchObject({ code: 'TIME_LIMIT_PASSED', timeLimit: 'RESTORATION' });
    expect(String(force?.lastDay) < today).toBe(true);
    expect(await errorCode(owner.request(LAPSE, { input: { applicationNumber: current } }))).toBe('FORBIDDEN');
    expect((await read(late)).status).toBe('LAPSED');
  });

  it('records an invalidation request and its decision; an invalidated patent leaves the warnings once the decision is final (Patent Law art. 46(2))', async () => {
    const due = addDays(today, 20);
    const n = await patent(addYears(due, -3), { paid: addYears(due, -1) });
    const request = { applicationNumber: n, requestedOn: today, requester: '某科技有限公司' };
    const { requestInvalidation: requested } = await staff.request<{ requestInvalidation: Patent }>(REQUEST, { input: request });
    expect(requested.invalidation).toStrictEqual({ requestedOn: today, requester: '某科技有限公司', pending: true, decision: null, decidedOn: null });
    expect(await errorCode(staff.request(REQUEST, { input: request }))).toBe('INVALID_TRANSITION');
    const { decideInvalidation: maintained } = await staff.request<{ decideInvalidation: Patent }>(DECIDE, {
      input: { applicationNumber: n, decision: 'PARTLY_INVALIDATED', decidedOn: today },
    });
    expect(maintained).toMatchObject({ status: 'GRANTED', invalidation: { pending: false, decision: 'PARTLY_INVALIDATED', decidedOn: today } });
    expect(await errorCode(staff.request(DECIDE, { input: { applicationNumber: n, decision: 'INVALIDATED', decidedOn: today } }))).toBe('INVALID_TRANSITION');
    expect(await errorExtensions(staff.request(REQUEST, { input: { ...request, requestedOn: addDays(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'requestedOn',
    });
    expect(await errorCode(owner.request(REQUEST, { input: request }))).toBe('FORBIDDEN');

    // Declared invalid today: still granted, and still warned of, while a court action may be brought.
    await staff.request(REQUEST, { input: request });
    expect(await warned()).toContain(n);
    const { decideInvalidation: decided } = await staff.request<{ decideInvalidation: Patent }>(DECIDE, {
      input: { applicationNumber: n, decision: 'INVALIDATED', decidedOn: today },
    });
    expect(decided).toMatchObject({ status: 'GRANTED', invalidation: { decision: 'INVALIDATED' } });
    expect(decided.history.edges.map((e) => e.node.type)).toStrictEqual([
      'INVALIDATION_REQUESTED',
      'INVALIDATION_DECIDED',
      'INVALIDATION_REQUESTED',
      'INVALIDATION_DECIDED',
    ]);

    // Declared invalid five months ago: final, INVALIDATED, and out of the warnings.
    const other = await patent(addYears(due, -3), { paid: addYears(due, -1) });
    await staff.request(REQUEST, { input: { ...request, applicationNumber: other, requestedOn: addMonths(today, -6) } });
    const { decideInvalidation: invalid } = await staff.request<{ decideInvalidation: Patent }>(DECIDE, {
      input: { applicationNumber: other, decision: 'INVALIDATED', decidedOn: addMonths(today, -5) },
    });
    expect(invalid).toMatchObject({ status: 'INVALIDATED', annualFeeDue: null, invalidation: { decision: 'INVALIDATED' } });
    expect(await warned()).not.toContain(other);
  });

  it('lets a court freeze a patent, puts another court’s freeze in line, and lets only each court lift its own', async () => {
    const n = await patent(addYears(today, -4), { paid: addYears(today, -1) });
    const order = { applicationNumber: n, orderNumber: '(2026)粤03执保123号', frozenOn: today };
    expect(await errorCode(staff.request(FREEZE, { input: order }))).toBe('FORBIDDEN');
    expect(await errorCode(owner.request(FREEZE, { input: order }))).toBe('FORBIDDEN');
    const { freezePatent: frozen } = await court.request<{ freezePatent: Patent }>(FREEZE, { input: order });
    expect(frozen.freeze).toStrictEqual({ court: COURT, orderNumber: '(2026)粤03执保123号', frozenOn: today });
    expect(frozen.history.edges.at(-1)!.node).toMatchObject({ type: 'FROZEN', role: 'COURT' });
    expect(await errorCode(court.request(FREEZE, { input: order }))).toBe('CONFLICT');
    // A second court's freeze waits behind the first (轮候冻结).
    const { freezePatent: queued } = await otherCourt.request<{ freezePatent: Patent }>(FREEZE, { input: { ...order, orderNumber: '(2026)粤01执保9号' } });
    expect(queued.freeze?.court).toBe(COURT);
    expect(queued.waitingFreezes).toStrictEqual([{ court: OTHER_COURT, orderNumber: '(2026)粤01执保9号' }]);
    expect(await errorExtensions(court.request(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: addDays(today, -1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'unfrozenOn',
    });
    expect(await errorExtensions(court.request(FREEZE, { input: { ...order, orderNumber: '  ' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'orderNumber',
    });
    // Lifted by its court, the waiting freeze holds from that day; the other court then lifts its own.
    const { unfreezePatent: lifted } = await court.request<{ unfreezePatent: Patent }>(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: today } });
    expect(lifted.freeze).toStrictEqual({ court: OTHER_COURT, orderNumber: '(2026)粤01执保9号', frozenOn: today });
    expect(lifted.waitingFreezes).toStrictEqual([]);
    expect(await errorCode(court.request(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: today } }))).toBe('FORBIDDEN');
    const { unfreezePatent: free } = await otherCourt.request<{ unfreezePatent: Patent }>(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: today } });
    expect(free.freeze).toBeNull();
    expect(await errorCode(court.request(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: today } }))).toBe('INVALID_TRANSITION');
    expect(free.history.edges.map((e) => e.node.type)).toStrictEqual(['FROZEN', 'FREEZE_WAITING', 'UNFROZEN', 'UNFROZEN']);
  });

  it('shows the history to the owner and staff, not to another enterprise', async () => {
    const n = await patent(addYears(today, -4), { paid: addYears(today, -1) });
    await court.request(FREEZE, { input: { applicationNumber: n, orderNumber: '(2026)粤03执保9号', frozenOn: today } });
    const mine = await owner.request<{ patent: Patent }>(READ, { n });
    expect(mine.patent.history.edges.map((e) => e.node.type)).toStrictEqual(['FROZEN']);
    expect(await answersNull(stranger.request(READ, { n }))).toBe(true);
    const page = gql`
      query ($n: String!, $after: String) {
        patent(applicationNumber: $n) {
          history(first: 1, after: $after) {
            edges {
              cursor
              node {
                seq
              }
            }
            pageInfo {
              hasNextPage
            }
          }
        }
      }
    `;
    await court.request(UNFREEZE, { input: { applicationNumber: n, unfrozenOn: today } });
    type Page = { patent: { history: { edges: { cursor: string; node: { seq: number } }[]; pageInfo: { hasNextPage: boolean } } } };
    const first = await staff.request<Page>(page, { n });
    expect(first.patent.history).toMatchObject({ edges: [{ node: { seq: 1 } }], pageInfo: { hasNextPage: true } });
    const second = await staff.request<Page>(page, { n, after: first.patent.history.edges[0]!.cursor });
    expect(second.patent.history).toMatchObject({ edges: [{ node: { seq: 2 } }], pageInfo: { hasNextPage: false } });
  });
});
