// The cockpit's panels as ECharts options, from the statistics queries' answers: pure functions,
// so what each panel shows is decided here and drawn by Chart.
import type { ChartOption } from './Chart';

export interface CockpitData {
  readonly enterpriseStatistics: {
    readonly totalEnterprises: number;
    readonly totalPatents: number;
    readonly byRegion: readonly { regionCode: string; region: RegionNames | null; enterprises: number; patents: number }[];
    readonly byIndustry: readonly { industry: string; enterprises: number; patents: number }[];
  };
  readonly evidenceStatistics: { readonly total: number; readonly depositsByMonth: readonly MonthCount[] };
  readonly preExamStatistics: {
    readonly overall: CycleTime;
    readonly byMonth: readonly { key: string; cycleTime: CycleTime }[];
  };
  readonly pledgeStatistics: { readonly byBankAndMonth: readonly { bank: string; month: string; count: number; amount: string }[] };
  readonly protectionStatistics: { readonly byRouteAndState: readonly { route: string; state: string; count: number }[] };
  readonly warningStatistics: {
    readonly annualFeesOverdue: number;
    readonly annualFeesByMonth: readonly MonthCount[];
    readonly expiriesByMonth: readonly MonthCount[];
  };
}

interface RegionNames {
  readonly province: string;
  readonly city: string | null;
  readonly county: string | null;
}

/** A region by its most precise name (GB/T 2260), or its code when the hub knows no name for it. */
export const regionLabel = (code: string, region: RegionNames | null): string => (region === null ? code : (region.county ?? region.city ?? region.province));

interface MonthCount {
  readonly month: string;
  readonly count: number;
}

interface CycleTime {
  readonly decided: number;
  readonly averageDays: number | null;
  readonly p90Days: number | null;
  readonly shareWithin7Days: number | null;
}

/** The words a panel needs, in the reader's language. */
export interface PanelText {
  enterprises: string;
  patents: string;
  deposits: string;
  averageDays: string;
  p90Days: string;
  sevenDayLine: string;
  tenThousandYuan: string;
  annualFees: string;
  expiries: string;
  label(group: string, value: string): string;
}

const TOP = 15;
const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

const sortedTop = <T>(rows: readonly T[], by: (r: T) => number): T[] => [...rows].sort((a, b) => by(b) - by(a)).slice(0, TOP);

export function byRegion(data: CockpitData, text: PanelText): ChartOption {
  const rows = sortedTop(data.enterpriseStatistics.byRegion, (r) => r.enterprises);
  return {
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => regionLabel(r.regionCode, r.region)), axisLabel: { rotate: 45 } },
    yAxis: { type: 'value' },
    series: [
      { name: text.enterprises, type: 'bar', data: rows.map((r) => r.enterprises) },
      { name: text.patents, type: 'bar', data: rows.map((r) => r.patents) },
    ],
  };
}

export function byIndustry(data: CockpitData, text: PanelText): ChartOption {
  const rows = sortedTop(data.enterpriseStatistics.byIndustry, (r) => r.enterprises).reverse();
  return {
    grid,
    legend: { top: 0 },
    yAxis: { type: 'category', data: rows.map((r) => r.industry) },
    xAxis: { type: 'value' },
    series: [
      { name: text.enterprises, type: 'bar', data: rows.map((r) => r.enterprises) },
      { name: text.patents, type: 'bar', data: rows.map((r) => r.patents) },
    ],
  };
}

export function depositsByMonth(data: CockpitData, text: PanelText): ChartOption {
  const rows = data.evidenceStatistics.depositsByMonth;
  return {
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: text.deposits, type: 'line', areaStyle: {}, data: rows.map((r) => r.count) }],
  };
}

export function cycleTimes(data: CockpitData, text: PanelText): ChartOption {
  const rows = data.preExamStatistics.byMonth;
  return {
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => r.key) },
    yAxis: { type: 'value', name: '' },
    series: [
      {
        name: text.averageDays,
        type: 'bar',
        data: rows.map((r) => r.cycleTime.averageDays),
        markLine: { silent: true, symbol: 'none', label: { formatter: text.sevenDayLine }, data: [{ yAxis: 7 }] },
      },
      { name: text.p90Days, type: 'line', data: rows.map((r) => r.cycleTime.p90Days) },
    ],
  };
}

/** Secured amounts in 万元 (10,000 yuan = 1,000,000 fen), stacked by bank per month. */
export function pledgeAmounts(data: CockpitData, text: PanelText): ChartOption {
  const rows = data.pledgeStatistics.byBankAndMonth;
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const banks = [...new Set(rows.map((r) => r.bank))].sort();
  const amount = new Map(rows.map((r) => [`${r.bank}|${r.month}`, Number(BigInt(r.amount) / 10_000n) / 100]));
  return {
    grid,
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: text.tenThousandYuan },
    series: banks.map((bank) => ({ name: bank, type: 'bar', stack: 'amount', data: months.map((m) => amount.get(`${bank}|${m}`) ?? 0) })),
  };
}

export function protectionCases(data: CockpitData, text: PanelText): ChartOption {
  const rows = data.protectionStatistics.byRouteAndState;
  const routes = [...new Set(rows.map((r) => r.route))];
  const states = [...new Set(rows.map((r) => r.state))];
  const count = new Map(rows.map((r) => [`${r.route}|${r.state}`, r.count]));
  return {
    grid,
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: routes.map((r) => text.label('ResolutionRoute', r)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: states.map((state) => ({
      name: text.label('ProtectionState', state),
      type: 'bar',
      stack: 'cases',
      data: routes.map((route) => count.get(`${route}|${state}`) ?? 0),
    })),
  };
}

export function warnings(data: CockpitData, text: PanelText): ChartOption {
  const { annualFeesByMonth, expiriesByMonth } = data.warningStatistics;
  return {
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: annualFeesByMonth.map((r) => r.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: text.annualFees, type: 'bar', data: annualFeesByMonth.map((r) => r.count) },
      { name: text.expiries, type: 'bar', data: expiriesByMonth.map((r) => r.count) },
    ],
  };
}
