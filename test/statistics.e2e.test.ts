// The government cockpit's statistics through the gateway: each changes by exactly what a deposit,
// a pledge, a protection case, a patent or a pre-examination decision adds; only centre staff read
// them; a months argument outside 1 to 60 is refused before any store is asked.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemo } from '../demo/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addMonths, addYears } from '../standards/calendar-date.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { openCasesSubgraph } from '../subgraphs/cases/index.js';
import { earliestDueInGrace, earliestDueNotLate, patentDeadlines } from '../subgraphs/enterprises/domain/deadlines.js';
import { openEnterprisesSubgraph } from '../subgraphs/enterprises/index.js';
import { openEvidenceSubgraph } from '../subgraphs/evidence/index.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT } from './support/pledges.js';

const BANK = '统计测试银行福州分行';
const today = hubToday();
const thisMonth = today.slice(0, 7);

interface MonthCount {
  month: string;
  count: number;
}

/** Calls to each store method, by `repository.method`. */
const calls = new Map<string, number>();
function counting<S extends object>(store: S): S {
  const repository = (name: string, repo: object) =>
    new Proxy(repo, {
      get(target, method) {
        const fn = Reflect.get(target, method) as unknown;
        if (typeof fn !== 'function') return fn;
        return (...args: unknown[]) => {
          calls.set(`${name}.${String(method)}`, (calls.get(`${name}.${String(method)}`) ?? 0) + 1);
          return (fn as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return Object.fromEntries(
    Object.entries(store).map(([name, value]) => [
      name,
      typeof value === 'function' ? (value as () => unknown).bind(store) : repository(name, value as object),
    ]),
  ) as S;
}
const callCount = () => [...calls.values()].reduce((a, b) => a + b, 0);

const EVIDENCE = gql`
  query ($months: Int) {
    evidenceStatistics {
      total
      depositsByMonth(months: $months) {
        month
        count
      }
    }
  }
`;
const PLEDGES = gql`
  query ($months: Int) {
    pledgeStatistics {
      byBankAndMonth(months: $months) {
        bank
        month
        count
        amount
      }
      byState {
        state
        count
      }
      byCollateralKind {
        kind
        count
        amount
      }
    }
  }
`;
const PROTECTION = gql`
  query ($months: Int) {
    protectionStatistics {
      byRouteAndState {
        route
        state
        count
      }
      openedByMonth(months: $months) {
        month
        count
      }
    }
  }
`;
const WARNINGS = gql`
  query ($months: Int) {
    warningStatistics(months: $months) {
      annualFeesOverdue
      annualFeesByMonth {
        month
        count
      }
      expiriesByMonth {
        month
        count
      }
    }
  }
`;
const PRE_EXAM = gql`
  {
    preExamStatistics {
      overall {
        decided
        decidedWithin7Days
      }
      byMonth {
        key
        cycleTime {
          decided
          averageDays
          medianDays
          p90Days
          decidedWithin7Days
          shareWithin7Days
        }
      }
    }
  }
`;

type Evidence = { evidenceStatistics: { total: number; depositsByMonth: MonthCount[] } };
type Pledges = {
  pledgeStatistics: {
    byBankAndMonth: { bank: string; month: string; count: number; amount: string }[];
    byState: { state: string; count: number }[];
    byCollateralKind: { kind: string; count: number; amount: string }[];
  };
};
type Protection = { protectionStatistics: { byRouteAndState: { route: string; state: string; count: number }[]; openedByMonth: MonthCount[] } };
type Warnings = { warningStatistics: { annualFeesOverdue: number; annualFeesByMonth: MonthCount[]; expiriesByMonth: MonthCount[] } };

/** `after` less `before`, month by month (both list the same months). */
const monthly = (before: MonthCount[], after: MonthCount[]) => after.map((m, i) => ({ month: m.month, count: m.count - before[i]!.count }));

describe('the cockpit statistics', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let enterpriseClient: GraphQLClient;
  let bankClient: GraphQLClient;
  let enterpriseId: string;
  let serial = 0;

  /** Registers a patent of the test enterprise; its number's year is its filing date's. */
  async function patent(filingDate: string, type: '1' | '2', extra: { status?: string; feesPaidThrough?: string; grantDate?: string } = {}): Promise<string> {
    const digits = `${filingDate.slice(0, 4)}${type}${String(++serial).padStart(7, '0')}`;
    const applicationNumber = `${digits}.${patentCheckDigit(digits)}`;
    await staff.request(
      gql`
        mutation ($input: RegisterPatentInput!) {
          registerPatent(input: $input) {
            applicationNumber
          }
        }
      `,
      { input: { enterpriseId, applicationNumber, title: `统计用专利 ${serial}`, filingDate, ...extra } },
    );
    return applicationNumber;
  }

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        enterprises: (storage, ledger, hub) => openEnterprisesSubgraph(storage, ledger, hub, counting),
        evidence: (storage, ledger, hub) => openEvidenceSubgraph(storage, ledger, hub, counting),
        cases: (storage, ledger, hub) => openCasesSubgraph(storage, ledger, hub, counting),
        finance: (storage, ledger, hub) => openFinanceSubgraph(storage, ledger, hub, counting),
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    const r = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(
          input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "计算机、通信和其他电子设备制造业" }
        ) {
          id
        }
      }
    `);
    enterpriseId = r.registerEnterprise.id;
    enterpriseClient = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    bankClient = t.client(await t.key('BANK', { organization: BANK }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the regions (GB/T 2260) of an enterprise and of the statistics by region', async () => {
    const { enterprise, enterpriseStatistics } = await staff.request<{
      enterprise: { region: unknown };
      enterpriseStatistics: { byRegion: { regionCode: string; region: unknown; enterprises: number }[] };
    }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            region {
              code
              province
              city
              county
            }
          }
          enterpriseStatistics {
            byRegion {
              regionCode
              enterprises
              region {
                province
                city
                county
              }
            }
          }
        }
      `,
      { id: enterpriseId },
    );
    expect(enterprise.region).toEqual({ code: '440300', province: '广东省', city: '深圳市', county: null });
    expect(enterpriseStatistics.byRegion).toEqual([{ regionCode: '440300', enterprises: 1, region: { province: '广东省', city: '深圳市', county: null } }]);
  });

  it('counts a deposit in the total and in the current month, the last of the months asked for', async () => {
    const before = await staff.request<Evidence>(EVIDENCE, { months: 3 });
    expect(before.evidenceStatistics.depositsByMonth.map((m) => m.month)).toEqual([-2, -1, 0].map((k) => addMonths(`${thisMonth}-01`, k).slice(0, 7)));
    await enterpriseClient.request(
      gql`
        mutation ($input: DepositEvidenceInput!) {
          depositEvidence(input: $input) {
            id
          }
        }
      `,
      { input: { contentDigest: createHash('sha256').update('statistics e2e').digest('hex'), title: '销售合同', category: 'CONTRACT' } },
    );
    const after = await staff.request<Evidence>(EVIDENCE, { months: 3 });
    expect(after.evidenceStatistics.total).toBe(before.evidenceStatistics.total + 1);
    expect(monthly(before.evidenceStatistics.depositsByMonth, after.evidenceStatistics.depositsByMonth)).toEqual([
      { month: addMonths(`${thisMonth}-01`, -2).slice(0, 7), count: 0 },
      { month: addMonths(`${thisMonth}-01`, -1).slice(0, 7), count: 0 },
      { month: thisMonth, count: 1 },
    ]);
    // Twelve months by default.
    expect((await staff.request<Evidence>(EVIDENCE)).evidenceStatistics.depositsByMonth).toHaveLength(12);
  });

  it('counts a pledge under its bank and month with its amount, by the kind of its collateral, and by state as it is proposed, confirmed and released', async () => {
    const applicationNumber = await patent('2016-03-01', '1', { status: 'GRANTED', grantDate: '2018-03-01', feesPaidThrough: addYears(today, 1) });
    const states = (counts: Partial<Record<string, number>>) =>
      ['PROPOSED', 'REGISTERED', 'RELEASED', 'ENFORCED', 'DECLINED', 'WITHDRAWN'].map((state) => ({ state, count: counts[state] ?? 0 }));
    const before = await staff.request<Pledges>(PLEDGES, { months: 1 });
    expect(before.pledgeStatistics.byBankAndMonth.filter((r) => r.bank === BANK)).toEqual([]);
    expect(before.pledgeStatistics.byState).toEqual(states({}));
    const input = {
      pledgorId: enterpriseId,
      contract: PLEDGE_CONTRACT,
      collateral: [{ kind: 'PATENT', id: applicationNumber }],
      securedAmount: '9007199254740991',
      term: { startDate: today, endDate: addYears(today, 2) },
    };
    const PROPOSE = gql`
      mutation ($input: ProposePledgeInput!) {
        proposePledge(input: $input) {
          id
        }
      }
    `;
    const answer = (mutation: 'confirmPledge' | 'declinePledge', pledgeId: string) =>
      enterpriseClient.request(
        `mutation ($input: ${mutation === 'confirmPledge' ? 'ConfirmPledgeInput' : 'AnswerPledgeInput'}!) { ${mutation}(input: $input) { state } }`,
        {
          input: { pledgeId },
        },
      );

    // A proposal, and one the pledgor declines, are no pledges registered: counted by state alone.
    const declined = (await bankClient.request<{ proposePledge: { id: string } }>(PROPOSE, { input })).proposePledge;
    await answer('declinePledge', declined.id);
    const { proposePledge } = await bankClient.request<{ proposePledge: { id: string } }>(PROPOSE, { input });
    const proposed = await staff.request<Pledges>(PLEDGES, { months: 1 });
    expect(proposed.pledgeStatistics.byBankAndMonth).toEqual([]);
    expect(proposed.pledgeStatistics.byCollateralKind.every((k) => k.count === 0 && k.amount === '0')).toBe(true);
    expect(proposed.pledgeStatistics.byState).toEqual(states({ PROPOSED: 1, DECLINED: 1 }));

    await answer('confirmPledge', proposePledge.id);
    const registered = await staff.request<Pledges>(PLEDGES, { months: 1 });
    expect(registered.pledgeStatistics.byBankAndMonth).toEqual([{ bank: BANK, month: thisMonth, count: 1, amount: '9007199254740991' }]);
    expect(registered.pledgeStatistics.byState).toEqual(states({ REGISTERED: 1, DECLINED: 1 }));
    // Every kind listed, in the enum's order; the patent pledge under PATENT.
    expect(registered.pledgeStatistics.byCollateralKind).toEqual(
      ['PATENT', 'TRADEMARK', 'COPYRIGHT', 'DATA_ASSET', 'MIXED'].map((kind) =>
        kind === 'PATENT' ? { kind, count: 1, amount: '9007199254740991' } : { kind, count: 0, amount: '0' },
      ),
    );

    await bankClient.request(
      gql`
        mutation ($id: ID!) {
          releasePledge(input: { pledgeId: $id }) {
            state
          }
        }
      `,
      { id: proposePledge.id },
    );
    const released = await staff.request<Pledges>(PLEDGES, { months: 1 });
    // Still counted in the month it was registered in.
    expect(released.pledgeStatistics.byBankAndMonth).toEqual(registered.pledgeStatistics.byBankAndMonth);
    expect(released.pledgeStatistics.byCollateralKind).toEqual(registered.pledgeStatistics.byCollateralKind);
    expect(released.pledgeStatistics.byState).toEqual(states({ RELEASED: 1, DECLINED: 1 }));
  });

  it('counts a protection case under its route and state as it moves, and in the month it was applied for', async () => {
    const count = (r: Protection, route: string, state: string) =>
      r.protectionStatistics.byRouteAndState.find((c) => c.route === route && c.state === state)!.count;
    const before = await staff.request<Protection>(PROTECTION, { months: 2 });
    // Every route with every state.
    expect(before.protectionStatistics.byRouteAndState).toHaveLength(4 * 8);
    const { applyForProtection } = await staff.request<{ applyForProtection: { id: string } }>(
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
          route: 'ARBITRATION',
          summary: '仿冒商标',
          claimant: { name: '华为技术有限公司', enterpriseId },
          respondents: [{ name: '某电商平台店铺' }],
          ipRights: [{ kind: 'TRADEMARK', number: '30000001' }],
        },
      },
    );
    const applied = await staff.request<Protection>(PROTECTION, { months: 2 });
    expect(count(applied, 'ARBITRATION', 'APPLIED')).toBe(count(before, 'ARBITRATION', 'APPLIED') + 1);
    expect(monthly(before.protectionStatistics.openedByMonth, applied.protectionStatistics.openedByMonth)).toEqual([
      { month: addMonths(`${thisMonth}-01`, -1).slice(0, 7), count: 0 },
      { month: thisMonth, count: 1 },
    ]);

    await staff.request(
      gql`
        mutation ($id: ID!) {
          moveProtectionCase(input: { caseId: $id, to: ACCEPTED }) {
            state
          }
        }
      `,
      { id: applyForProtection.id },
    );
    const moved = await staff.request<Protection>(PROTECTION, { months: 2 });
    expect(count(moved, 'ARBITRATION', 'APPLIED')).toBe(count(before, 'ARBITRATION', 'APPLIED'));
    expect(count(moved, 'ARBITRATION', 'ACCEPTED')).toBe(count(before, 'ARBITRATION', 'ACCEPTED') + 1);
    const total = (r: Protection) => r.protectionStatistics.byRouteAndState.reduce((n, c) => n + c.count, 0);
    expect(total(moved)).toBe(total(before) + 1);
    expect(moved.protectionStatistics.openedByMonth).toEqual(applied.protectionStatistics.openedByMonth);
  });

  it('counts annual fees falling due per month from today, fees in their grace period, and expiries', async () => {
    const months = 4;
    const monthList = [0, 1, 2, 3].map((k) => addMonths(`${thisMonth}-01`, k).slice(0, 7));
    const before = await staff.request<Warnings>(WARNINGS, { months });
    expect(before.warningStatistics.annualFeesByMonth.map((m) => m.month)).toEqual(monthList);

    // Fees due in about 40 days and 20 days ago (each the anniversary after the last one paid), and
    // a utility model whose ten years end in about 30 days.
    const dueSoon = addDays(today, 40);
    const overdue = addDays(today, -20);
    const ending = addYears(addDays(today, 30), -10);
    const registered = [
      { filingDate: addYears(dueSoon, -3), type: '1' as const, feesPaidThrough: addYears(dueSoon, -1) },
      { filingDate: addYears(overdue, -3), type: '1' as const, feesPaidThrough: addYears(overdue, -1) },
      { filingDate: ending, type: '2' as const, feesPaidThrough: addYears(ending, 9) },
    ];
    // Granted in their first year, so that the fees paid are the ones recorded.
    for (const p of registered)
      await patent(p.filingDate, p.type, { status: 'GRANTED', grantDate: addDays(p.filingDate, 100), feesPaidThrough: p.feesPaidThrough });

    // What each adds, by the domain's own deadlines.
    const last = addDays(addMonths(`${monthList.at(-1)}-01`, 1), -1);
    const deadlines = registered.map((p) =>
      patentDeadlines({
        type: p.type === '1' ? 'INVENTION' : 'UTILITY_MODEL',
        filingDate: p.filingDate,
        status: 'GRANTED',
        grantDate: addDays(p.filingDate, 100),
        feesPaidThrough: p.feesPaidThrough,
        priorityDate: null,
        examinationRequestedOn: null,
        invalidation: null,
      }),
    );
    const expected = (days: (string | null)[]) =>
      monthList.map((month) => ({ month, count: days.filter((d) => d !== null && d >= today && d <= last && d.startsWith(month)).length }));
    const feesDue = expected(deadlines.map((d) => d.feeDue));
    const ends = expected(deadlines.map((d) => d.protectionEnds));
    expect(feesDue.reduce((n, m) => n + m.count, 0)).toBe(1);
    expect(ends.reduce((n, m) => n + m.count, 0)).toBe(1);

    const after = await staff.request<Warnings>(WARNINGS, { months });
    expect(monthly(before.warningStatistics.annualFeesByMonth, after.warningStatistics.annualFeesByMonth)).toEqual(feesDue);
    expect(monthly(before.warningStatistics.expiriesByMonth, after.warningStatistics.expiriesByMonth)).toEqual(ends);
    const inGrace = deadlines.filter((d) => d.feeDue !== null && d.feeDue >= earliestDueInGrace(today) && d.feeDue < earliestDueNotLate(today)).length;
    expect(inGrace).toBe(1);
    expect(after.warningStatistics.annualFeesOverdue).toBe(before.warningStatistics.annualFeesOverdue + inGrace);

    // The overdue fees and the months' add up to the warnings list up to the last month's end.
    const { annualFeeWarnings } = await staff.request<{ annualFeeWarnings: { totalCount: number } }>(
      gql`
        query ($days: Int) {
          annualFeeWarnings(withinDays: $days) {
            totalCount
          }
        }
      `,
      { days: Math.round((Date.parse(last) - Date.parse(today)) / 86_400_000) },
    );
    const s = after.warningStatistics;
    expect(s.annualFeesOverdue + s.annualFeesByMonth.reduce((n, m) => n + m.count, 0)).toBe(annualFeeWarnings.totalCount);
  });

  it('gives the pre-examination cycle time per month with its median and how many were decided within 7 days', async () => {
    const applicationNumber = await patent('2024-05-06', '1');
    const { filePreExamination } = await staff.request<{ filePreExamination: { id: string } }>(
      gql`
        mutation ($input: FilePreExaminationInput!) {
          filePreExamination(input: $input) {
            id
          }
        }
      `,
      { input: { enterpriseId, applicationNumber, title: '一种数据传输方法', industry: '新一代信息技术' } },
    );
    for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK', 'PASSED']) {
      await staff.request(
        gql`
          mutation ($input: MovePreExamCaseInput!) {
            movePreExamCase(input: $input) {
              state
            }
          }
        `,
        { input: { caseId: filePreExamination.id, to } },
      );
    }
    type PreExam = {
      preExamStatistics: {
        overall: { decided: number; decidedWithin7Days: number };
        byMonth: { key: string; cycleTime: { decided: number; medianDays: number; decidedWithin7Days: number; shareWithin7Days: number } }[];
      };
    };
    const r = await staff.request<PreExam>(PRE_EXAM);
    expect(r.preExamStatistics.overall).toEqual({ decided: 1, decidedWithin7Days: 1 });
    expect(r.preExamStatistics.byMonth).toHaveLength(1);
    expect(r.preExamStatistics.byMonth[0]).toMatchObject({
      key: thisMonth,
      cycleTime: { decided: 1, medianDays: 0, decidedWithin7Days: 1, shareWithin7Days: 1 },
    });
  });

  it('answers centre staff only', async () => {
    for (const query of [EVIDENCE, PLEDGES, PROTECTION, WARNINGS]) {
      expect(await errorCode(enterpriseClient.request(query))).toBe('FORBIDDEN');
      expect(await errorCode(bankClient.request(query))).toBe('FORBIDDEN');
    }
    // Small enough for the cost limit without a key, so that it is the key that is missing.
    const fields = [
      'evidenceStatistics { total }',
      'pledgeStatistics { byState { count } }',
      'protectionStatistics { byRouteAndState { count } }',
      'warningStatistics { annualFeesOverdue }',
    ];
    for (const field of fields) {
      expect(await errorCode(t.anonymous.request(`{ ${field} }`))).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses months outside 1 to 60 before asking any store', async () => {
    const refusals = [
      [EVIDENCE, 0],
      [EVIDENCE, 61],
      [PLEDGES, 0],
      [PROTECTION, 61],
      [WARNINGS, 0],
      [WARNINGS, -1],
      [WARNINGS, 61],
    ] as const;
    for (const [query, months] of refusals) {
      const statisticsCalls = () => [...calls].filter(([method]) => /ByMonth/.test(method)).reduce((n, [, c]) => n + c, 0);
      const before = statisticsCalls();
      const extensions = await errorExtensions(staff.request(query, { months }));
      expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
      expect(statisticsCalls()).toBe(before);
    }
    // The root argument is checked before any of the fields is asked for.
    const before = callCount();
    expect(await errorCode(staff.request(WARNINGS, { months: 61 }))).toBe('BAD_USER_INPUT');
    expect(callCount()).toBe(before);
    // The message says what is allowed; 60 and 1 are.
    await expect(staff.request(EVIDENCE, { months: 61 })).rejects.toThrow('months must be a whole number from 1 to 60; got 61');
    expect((await staff.request<Evidence>(EVIDENCE, { months: 60 })).evidenceStatistics.depositsByMonth).toHaveLength(60);
    expect((await staff.request<Warnings>(WARNINGS, { months: 1 })).warningStatistics.annualFeesByMonth).toHaveLength(1);
  });
});

describe("the demo's data on the cockpit", () => {
  let t: TestHub;
  afterAll(async () => {
    await t?.close();
  });

  it('fills every panel', async () => {
    t = await startTestHub();
    const keys = await seedDemo(t.hub.storage, t.hub.ledger, t.hub.keys, { enterprises: 300 });
    const staff = t.client(keys!.CENTER_STAFF);
    const r = await staff.request<Evidence & Pledges & Protection & Warnings & { preExamStatistics: { byMonth: { key: string }[] } }>(gql`
      {
        evidenceStatistics {
          total
          depositsByMonth {
            month
            count
          }
        }
        preExamStatistics {
          byMonth {
            key
          }
        }
        pledgeStatistics {
          byBankAndMonth {
            bank
            month
            count
            amount
          }
          byState {
            state
            count
          }
        }
        protectionStatistics {
          byRouteAndState {
            route
            state
            count
          }
          openedByMonth {
            month
            count
          }
        }
        warningStatistics {
          annualFeesOverdue
          annualFeesByMonth {
            month
            count
          }
          expiriesByMonth {
            month
            count
          }
        }
      }
    `);
    const nonZero = (rows: { count: number }[]) => rows.filter((m) => m.count > 0).length;
    expect(r.evidenceStatistics.depositsByMonth.at(-1)!.count).toBeGreaterThan(0);
    expect(r.preExamStatistics.byMonth.length).toBeGreaterThanOrEqual(4);
    // Four banks and a guarantee institution.
    expect(new Set(r.pledgeStatistics.byBankAndMonth.map((p) => p.bank)).size).toBe(5);
    expect(new Set(r.pledgeStatistics.byBankAndMonth.map((p) => p.month)).size).toBeGreaterThanOrEqual(8);
    // Registered, released, enforced, and the proposal awaiting the demo enterprise.
    expect(nonZero(r.pledgeStatistics.byState)).toBe(4);
    const cases = r.protectionStatistics.byRouteAndState.filter((c) => c.count > 0);
    expect(new Set(cases.map((c) => c.route)).size).toBe(4);
    expect(new Set(cases.map((c) => c.state)).size).toBeGreaterThanOrEqual(6);
    expect(nonZero(r.protectionStatistics.openedByMonth)).toBeGreaterThanOrEqual(8);
    expect(r.warningStatistics.annualFeesOverdue).toBeGreaterThan(0);
    expect(nonZero(r.warningStatistics.annualFeesByMonth)).toBeGreaterThanOrEqual(10);
    expect(nonZero(r.warningStatistics.expiriesByMonth)).toBeGreaterThanOrEqual(3);
  });
});
