// The demo's data, drawn from the seed and the day: pure, nothing written here.
import { createHash } from 'node:crypto';

import { addDays, addYears, daysBetween } from '../standards/calendar-date.js';
import { niceClassName } from '../standards/nice-class.js';
import { organisationCode } from '../standards/organisation-code.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { USCC_CHARSET, usccCheckCharacter } from '../standards/uscc.js';
import { annualFeeDueDates, annualFeeStatus } from '../subgraphs/enterprises/domain/annual-fee.js';
import { earliestDueInGrace } from '../subgraphs/enterprises/domain/deadlines.js';
import type {
  CopyrightRecord,
  EnterpriseRecord,
  FilingStatus,
  PatentRecord,
  PatentStatus,
  PatentType,
  TrademarkRecord,
} from '../subgraphs/enterprises/domain/model.js';
import { UNRECORDED_PATENT_FACTS } from '../subgraphs/enterprises/domain/model.js';
import { protectionEnd, protectionTermYears } from '../subgraphs/enterprises/domain/protection.js';
import type { EvidenceCategory, EvidenceRecord } from '../subgraphs/evidence/domain/model.js';
import { BRANDS, DESIGN_MODELS, INDUSTRIES, type Industry, METHOD_VARIANTS, REGIONS } from './catalogue.js';
import { Random } from './random.js';

/** The enterprise the demo's ENTERPRISE key acts for: the first drawn. */
export const DEMO_ENTERPRISE_NAME = '福州星河智能科技有限公司';

/** The content a demo deposit's digest is computed from: sha256(demoEvidenceContent(i)). */
export const demoEvidenceContent = (i: number): string => `iphub demo evidence ${i}`;

export type Deposit = Omit<EvidenceRecord, 'depositedAt' | 'receipt'>;

export interface DemoData {
  enterprises: EnterpriseRecord[];
  patents: PatentRecord[];
  trademarks: TrademarkRecord[];
  copyrights: CopyrightRecord[];
  deposits: Deposit[];
}

const yearOf = (date: string): number => Number(date.slice(0, 4));
/** The same month and day in another year (Feb 29 -> Feb 28). */
const inYear = (date: string, year: number): string => addYears(date, year - yearOf(date));
const minDate = (a: string, b: string): string => (a < b ? a : b);

interface Context {
  rng: Random;
  today: string;
  /** The last day anything may have happened on. */
  yesterday: string;
  patentNumbers: Set<string>;
  trademarkNumbers: Set<string>;
  copyrightNumbers: Set<string>;
  /** Memos: the days of a span, the weights of a range of years. */
  spans: Map<string, string[]>;
  risingYears: Map<string, (readonly [number, number])[]>;
  /** A due date before this one has its grace period over by today. */
  graceOverBefore: string;
}

/** Enterprises with their patents, trademarks and copyrights. */
export type RegistryChunk = Omit<DemoData, 'deposits'>;

/**
 * The demo's data: the registry in chunks of `chunk` enterprises (so that it can be written while
 * the rest is drawn), then the deposits.
 */
export function* generate(enterpriseCount: number, seed: number, today: string, chunk = 10_000): Generator<RegistryChunk, DemoData['deposits']> {
  const ctx: Context = {
    rng: new Random(seed),
    today,
    yesterday: addDays(today, -1),
    patentNumbers: new Set(),
    trademarkNumbers: new Set(),
    copyrightNumbers: new Set(),
    spans: new Map(),
    risingYears: new Map(),
    graceOverBefore: earliestDueInGrace(today),
  };
  const { rng } = ctx;
  const REGION_WEIGHTS = REGIONS.map((r) => [r, r.weight] as const);
  const INDUSTRY_WEIGHTS = INDUSTRIES.map((x) => [x, x.weight] as const);
  const names = new Set<string>([DEMO_ENTERPRISE_NAME]);
  const codes = new Set<string>();
  const everyEnterprise: EnterpriseRecord[] = [];
  let data: RegistryChunk = { enterprises: [], patents: [], trademarks: [], copyrights: [] };
  const brandOf = new Map<string, readonly [string, string]>();
  const industryOf = new Map<string, Industry>();

  for (let i = 0; i < enterpriseCount; i++) {
    if (data.enterprises.length === chunk) {
      yield data;
      data = { enterprises: [], patents: [], trademarks: [], copyrights: [] };
    }
    const demo = i === 0;
    const region = demo ? REGIONS[0]! : rng.weighted(REGION_WEIGHTS);
    const industry = demo ? INDUSTRIES[0]! : rng.weighted(INDUSTRY_WEIGHTS);
    let brand: readonly [string, string] = BRANDS[0]!;
    let name = DEMO_ENTERPRISE_NAME;
    if (!demo) {
      for (let attempt = 0; ; attempt++) {
        brand = rng.pick(BRANDS);
        const suffix = rng.pick(industry.suffixes);
        const form = rng.float();
        name =
          form < 0.12
            ? `${brand[0]}${suffix}（${region.prefix}）有限公司`
            : form < 0.22
              ? `${region.prefix}${brand[0]}${suffix}股份有限公司`
              : `${region.prefix}${brand[0]}${suffix}有限公司`;
        if (!names.has(name)) break;
        if (attempt > 50) {
          name = `${region.prefix}${brand[0]}${rng.pick(BRANDS)[0]}${suffix}有限公司`;
          if (!names.has(name)) break;
        }
      }
    }
    names.add(name);

    let uscc: string;
    do {
      // Authority 9 (market regulation), type 1 (company); newer organisation codes begin 'MA'.
      const body = rng.chance(0.6)
        ? `MA${Array.from({ length: 6 }, () => USCC_CHARSET.charAt(rng.int(0, USCC_CHARSET.length - 1))).join('')}`
        : Array.from({ length: 8 }, () => String(rng.int(0, 9))).join('');
      const first17 = `91${region.code}${organisationCode(body)}`;
      uscc = first17 + usccCheckCharacter(first17)!;
    } while (codes.has(uscc));
    codes.add(uscc);

    const filingStatus: FilingStatus = demo
      ? 'FILED'
      : rng.weighted([
          ['FILED', 92],
          ['SUSPENDED', 5],
          ['WITHDRAWN', 3],
        ] as const);
    const registeredOn = randomDate(ctx, '2018-01-01', minDate('2025-12-31', ctx.yesterday));
    const registeredAt = `${registeredOn}T${String(rng.int(0, 9)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
    const enterprise: EnterpriseRecord = {
      id: rng.uuid(),
      uscc,
      name,
      regionCode: region.code,
      industry: industry.name,
      filingStatus,
      registeredAt,
      creditCodeOverride: null,
    };
    data.enterprises.push(enterprise);
    everyEnterprise.push(enterprise);
    brandOf.set(enterprise.id, brand);
    const titles = new Set<string>();
    industryOf.set(enterprise.id, industry);

    if (demo) {
      // The demo enterprise shows every warning the monitoring has.
      for (const scenario of ['normal', 'normal', 'normal', 'dueSoon', 'dueSoon', 'grace', 'lapsed', 'pending', 'expired'] as const) {
        data.patents.push(patent(ctx, enterprise.id, industry, brand, scenario, titles));
      }
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand, addYears(addDays(today, 60), -10)));
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand));
      data.copyrights.push(copyright(ctx, enterprise.id, industry, brand, '智能仓储管理系统V2.0'));
      data.copyrights.push(copyright(ctx, enterprise.id, industry, brand));
      continue;
    }

    const patents = rng.count(2.8 * industry.patents, 24); // about 3 on average
    for (let k = 0; k < patents; k++) {
      const roll = rng.float();
      const scenario = roll < 0.09 ? 'dueSoon' : roll < 0.15 ? 'grace' : 'normal';
      data.patents.push(patent(ctx, enterprise.id, industry, brand, scenario, titles));
    }
    const trademarks = rng.weighted([
      [0, 30],
      [1, 45],
      [2, 18],
      [3, 7],
    ] as const);
    for (let k = 0; k < trademarks; k++) {
      const expiringSoon = rng.chance(0.06) ? addYears(addDays(today, rng.int(1, 180)), -10) : undefined;
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand, expiringSoon));
    }
    const copyrights = rng.weighted([
      [0, 30],
      [1, 45],
      [2, 18],
      [3, 7],
    ] as const);
    for (let k = 0; k < copyrights; k++) data.copyrights.push(copyright(ctx, enterprise.id, industry, brand));
  }

  yield data;

  // Evidence: about 5 deposits for every 6 enterprises, a dozen of them by the demo enterprise.
  const depositors = everyEnterprise.filter((e) => e.filingStatus === 'FILED');
  const count = Math.max(1, Math.round((enterpriseCount * 5) / 6));
  const deposits: DemoData['deposits'] = [];
  for (let i = 0; i < count; i++) {
    const depositor = i < 12 ? everyEnterprise[0]! : rng.pick(depositors);
    const category = rng.weighted(EVIDENCE_MIX);
    deposits.push({
      id: rng.uuid(),
      depositorId: depositor.id,
      title: evidenceTitle(ctx, category, brandOf.get(depositor.id)!, industryOf.get(depositor.id)!),
      category,
      contentDigest: createHash('sha256').update(demoEvidenceContent(i)).digest('hex'),
    });
  }
  return deposits;
}

/** A random day from..to; the days of each span are listed once (dates are strings to compute). */
function randomDate(ctx: Context, from: string, to: string): string {
  const key = `${from} ${to}`;
  let days = ctx.spans.get(key);
  if (days === undefined) {
    days = Array.from({ length: Math.max(0, daysBetween(from, to)) + 1 }, (_, i) => addDays(from, i));
    ctx.spans.set(key, days);
  }
  return ctx.rng.pick(days);
}

/** A year in from..to, later years likelier (filings have grown year on year). */
function risingYear(ctx: Context, from: number, to: number): number {
  const key = `${from} ${to}`;
  let years = ctx.risingYears.get(key);
  if (years === undefined) {
    years = Array.from({ length: to - from + 1 }, (_, i) => [from + i, 1 + i * 0.35] as const);
    ctx.risingYears.set(key, years);
  }
  return ctx.rng.weighted(years);
}

/** A random day in `year`, never after yesterday. */
function dateIn(ctx: Context, year: number): string {
  return randomDate(ctx, `${year}-01-01`, minDate(`${year}-12-31`, ctx.yesterday));
}

type Scenario = 'normal' | 'dueSoon' | 'grace' | 'lapsed' | 'pending' | 'expired';
type NumberType = PatentType | 'PCT_INVENTION' | 'PCT_UTILITY_MODEL';

function patent(
  ctx: Context,
  enterpriseId: string,
  industry: Industry,
  brand: readonly [string, string],
  scenario: Scenario,
  titles: Set<string>,
): PatentRecord {
  const { rng } = ctx;
  let type: PatentType = rng.weighted([
    ['INVENTION', industry.mix[0]],
    ['UTILITY_MODEL', industry.mix[1]],
    ['DESIGN', industry.mix[2]],
  ] as const);
  if (scenario === 'pending') type = 'INVENTION';
  if (scenario === 'expired') type = 'UTILITY_MODEL';
  const numberType: NumberType =
    type === 'INVENTION' && rng.chance(0.05) ? 'PCT_INVENTION' : type === 'UTILITY_MODEL' && rng.chance(0.02) ? 'PCT_UTILITY_MODEL' : type;

  const { title, ipcClass } = patentTitle(ctx, type, industry, brand, titles);
  // Nothing frozen or challenged, no announcement numbers: the demo's registry starts plain.
  const base = {
    enterpriseId,
    type,
    pct: numberType.startsWith('PCT_'),
    title,
    ipcClass,
    grantPublicationNumber: null,
    lapsedOn: null,
    freeze: null,
    invalidation: null,
    version: 1,
    ...UNRECORDED_PATENT_FACTS,
  };
  const lastYear = Math.min(2025, yearOf(ctx.yesterday));

  if (scenario === 'dueSoon' || scenario === 'grace') {
    const made = feeScenario(ctx, type, numberType, scenario);
    if (made !== undefined) return { ...base, ...made };
  }

  let filingDate: string;
  if (scenario === 'pending') filingDate = addDays(ctx.today, -rng.int(30, 330));
  else if (scenario === 'lapsed') filingDate = dateIn(ctx, rng.int(2010, yearOf(ctx.today) - 6));
  else if (scenario === 'expired') filingDate = dateIn(ctx, rng.int(2008, Math.min(lastYear, yearOf(ctx.today) - 11)));
  else filingDate = dateIn(ctx, risingYear(ctx, 2008, lastYear));
  const applicationNumber = newPatentNumber(ctx, numberType, yearOf(filingDate));
  const due = annualFeeDueDates({ type, filingDate });
  const past = due.filter((d) => d <= ctx.today);
  // Paid through the last due date so far; most holders have paid a fee falling due within the
  // next 90 days already. A pending application owes none (fees begin with grant).
  const nextDue = due[past.length];
  const paidAhead = nextDue !== undefined && daysBetween(ctx.today, nextDue) <= 90 && rng.chance(0.75);
  const lastPaid = past[past.length - 1] ?? null;
  const grantDate = addDays(filingDate, grantDelayDays(rng, type));
  const termEnded = protectionEnd({ type, filingDate }) <= ctx.today;

  if (grantDate > ctx.yesterday && !termEnded) {
    // Still under examination: no annual fee yet; most inventions have asked for examination.
    const examinationRequestedOn = type === 'INVENTION' && rng.chance(0.8) ? addDays(filingDate, rng.int(1, 60)) : null;
    const requested = examinationRequestedOn !== null && examinationRequestedOn < ctx.today ? examinationRequestedOn : null;
    return { ...base, applicationNumber, status: 'PENDING', filingDate, grantDate: null, feesPaidThrough: null, examinationRequestedOn: requested };
  }
  // Missed a due date more than six months ago, after grant: lapsed from that due date.
  const missable = due.filter((d) => d > grantDate && d < ctx.graceOverBefore);
  const granted = { ...base, applicationNumber, filingDate, grantDate };
  const roll = rng.float();
  if ((scenario === 'lapsed' || (scenario === 'normal' && (termEnded ? roll < 0.3 : roll < 0.07))) && missable.length > 0) {
    const missed = rng.pick(missable);
    return { ...granted, status: 'LAPSED', lapsedOn: missed, feesPaidThrough: due[due.indexOf(missed) - 1] ?? null };
  }
  if (termEnded) return { ...granted, status: 'EXPIRED', feesPaidThrough: due[due.length - 1] ?? null };
  if (scenario === 'normal' && roll > 0.97) {
    const paid = past.filter((d) => d >= grantDate);
    return { ...granted, status: 'INVALIDATED', feesPaidThrough: paid.length > 0 ? rng.pick(paid) : lastPaid };
  }
  return { ...granted, status: 'GRANTED', feesPaidThrough: paidAhead ? nextDue : lastPaid };
}

/**
 * A granted patent whose next annual fee falls due within 90 days (dueSoon), or fell due within
 * the last six months and is unpaid (grace); undefined when the type's term cannot fit one.
 */
function feeScenario(
  ctx: Context,
  type: PatentType,
  numberType: NumberType,
  scenario: 'dueSoon' | 'grace',
): Pick<PatentRecord, 'applicationNumber' | 'status' | 'filingDate' | 'grantDate' | 'feesPaidThrough'> | undefined {
  const { rng, today } = ctx;
  const dueOn = scenario === 'dueSoon' ? addDays(today, rng.int(1, 89)) : addDays(today, -rng.int(1, 170));
  // The patent must be old enough to be granted, and young enough to owe fees on dueOn.
  const term = type === 'DESIGN' ? 10 : protectionTermYears(type, dueOn); // designs: 15 only if filed since 2021-06
  const lo = Math.max(2008, yearOf(dueOn) - (term - 1));
  const hi = Math.min(2025, yearOf(dueOn) - (type === 'INVENTION' ? 4 : 2));
  if (lo > hi) return undefined;
  const filingDate = inYear(dueOn, rng.int(lo, hi));
  const due = annualFeeDueDates({ type, filingDate });
  const index = due.indexOf(dueOn);
  const grantDate = addDays(filingDate, grantDelayDays(rng, type));
  if (index < 0 || grantDate > ctx.yesterday) return undefined;
  const record = {
    applicationNumber: newPatentNumber(ctx, numberType, yearOf(filingDate)),
    status: 'GRANTED' as PatentStatus,
    filingDate,
    grantDate,
    feesPaidThrough: due[index - 1] ?? null,
  };
  const state = annualFeeStatus({ type, ...record }, today)?.state;
  return state === (scenario === 'dueSoon' ? 'DUE_SOON' : 'GRACE') ? record : undefined;
}

function grantDelayDays(rng: Random, type: PatentType): number {
  // Typical CNIPA pendency: inventions 1.5 to 3.5 years, utility models and designs months.
  return type === 'INVENTION' ? rng.int(540, 1260) : type === 'UTILITY_MODEL' ? rng.int(150, 420) : rng.int(90, 300);
}

const TYPE_DIGIT: Readonly<Record<NumberType, string>> = { INVENTION: '1', UTILITY_MODEL: '2', DESIGN: '3', PCT_INVENTION: '8', PCT_UTILITY_MODEL: '9' };

function newPatentNumber(ctx: Context, numberType: NumberType, year: number): string {
  for (;;) {
    // Serials run in the low millions within a year and type.
    const digits = `${year}${TYPE_DIGIT[numberType]}${String(ctx.rng.int(1, 2_999_999)).padStart(7, '0')}`;
    const canonical = `${digits}.${patentCheckDigit(digits)!}`;
    if (!ctx.patentNumbers.has(canonical)) {
      ctx.patentNumbers.add(canonical);
      return canonical;
    }
  }
}

/** A title, preferably one the enterprise has not used yet (`titles`: its titles so far). */
function patentTitle(
  ctx: Context,
  type: PatentType,
  industry: Industry,
  brand: readonly [string, string],
  titles: Set<string>,
): { title: string; ipcClass: string | null } {
  for (let attempt = 0; ; attempt++) {
    const made = anyPatentTitle(ctx, type, industry, brand);
    const key = made.title.replace(/（.*）$/, '').replace(/(方法).*$/, '$1');
    if (!titles.has(key) || attempt >= 6) {
      titles.add(key);
      return made;
    }
  }
}

function anyPatentTitle(ctx: Context, type: PatentType, industry: Industry, brand: readonly [string, string]): { title: string; ipcClass: string | null } {
  const { rng } = ctx;
  if (type === 'DESIGN') {
    // Designs are classified by Locarno, not IPC: no IPC class.
    const model = rng.chance(0.2) ? `${brand[1].charAt(0)}${rng.int(1, 9)}` : rng.pick(DESIGN_MODELS);
    return { title: `${rng.pick(industry.designs)}（${model}）`, ipcClass: null };
  }
  const [title, ipcClass] = rng.pick(type === 'INVENTION' ? industry.inventions : industry.utilityModels);
  const variant = type === 'INVENTION' && title.endsWith('方法') ? rng.pick(METHOD_VARIANTS) : '';
  return { title: title + variant, ipcClass };
}

// Trademark registration numbers grow with the year; roughly the first number issued in each.
const TRADEMARK_NUMBER_FROM: Readonly<Record<number, number>> = {
  2010: 6_500_000,
  2011: 8_200_000,
  2012: 9_800_000,
  2013: 11_000_000,
  2014: 12_300_000,
  2015: 14_100_000,
  2016: 16_500_000,
  2017: 19_500_000,
  2018: 24_800_000,
  2019: 31_500_000,
  2020: 39_000_000,
  2021: 46_000_000,
  2022: 55_000_000,
  2023: 63_000_000,
  2024: 70_000_000,
  2025: 76_500_000,
  2026: 82_000_000,
};

function trademark(ctx: Context, enterpriseId: string, industry: Industry, brand: readonly [string, string], registrationDate?: string): TrademarkRecord {
  const { rng } = ctx;
  const date = registrationDate ?? dateIn(ctx, risingYear(ctx, 2010, Math.min(2025, yearOf(ctx.yesterday))));
  const year = yearOf(date);
  const from = TRADEMARK_NUMBER_FROM[year] ?? 6_500_000;
  const to = TRADEMARK_NUMBER_FROM[year + 1] ?? from + 6_000_000;
  let registrationNumber: string;
  do registrationNumber = String(rng.int(from, to - 1));
  while (ctx.trademarkNumbers.has(registrationNumber));
  ctx.trademarkNumbers.add(registrationNumber);
  const mark = rng.weighted([
    [brand[0], 5],
    [brand[1], 2],
    [`${brand[0]} ${brand[1]}`, 2],
    [`${brand[0]}${rng.pick(['优选', '智造', '云', '小' + brand[0].charAt(1), '+'])}`, 1],
  ] as const);
  const niceClass = rng.chance(0.85) ? rng.pick(industry.niceClasses) : rng.int(1, 45);
  return {
    registrationNumber,
    enterpriseId,
    mark,
    niceClass,
    goods: [niceClassName(niceClass)],
    registrationDate: date,
    expiryDate: addYears(date, 10),
    version: 1,
  };
}

function copyright(ctx: Context, enterpriseId: string, industry: Industry, brand: readonly [string, string], softwareTitle?: string): CopyrightRecord {
  const { rng } = ctx;
  const registeredOn = dateIn(ctx, risingYear(ctx, 2012, Math.min(2025, yearOf(ctx.yesterday))));
  const year = yearOf(registeredOn);
  const kind = softwareTitle !== undefined || rng.chance(0.85) ? 'SOFTWARE' : 'WORK';
  let registrationNumber: string;
  do {
    registrationNumber =
      kind === 'SOFTWARE'
        ? `${year}SR${String(rng.int(1, 1_999_999)).padStart(7, '0')}`
        : `国作登字-${year}-F-${String(rng.int(1, 9_999_999)).padStart(8, '0')}`;
  } while (ctx.copyrightNumbers.has(registrationNumber));
  ctx.copyrightNumbers.add(registrationNumber);
  const title =
    kind === 'SOFTWARE'
      ? `${brand[0]}${softwareTitle ?? `${rng.pick(industry.software)}V${rng.int(1, 5)}.${rng.int(0, 9)}`}`
      : rng.pick([`${brand[0]}品牌标识`, `${brand[0]}吉祥物形象`, `${brand[0]}${rng.pick(industry.designs)}包装图案`]);
  // The demo's registrations name no author and no completion date, as older records do.
  return { registrationNumber, enterpriseId, title, kind, author: null, completedOn: null, registeredOn };
}

const EVIDENCE_MIX: readonly (readonly [EvidenceCategory, number])[] = [
  ['CONTRACT', 15],
  ['DOCUMENT', 15],
  ['PRODUCT_PHOTO', 12],
  ['DESIGN_DRAWING', 10],
  ['SOURCE_CODE', 12],
  ['WEB_PAGE', 16],
  ['AUDIO_VIDEO', 6],
  ['DATA_SET', 8],
  ['OTHER', 6],
];

function evidenceTitle(ctx: Context, category: EvidenceCategory, brand: readonly [string, string], industry: Industry): string {
  const { rng } = ctx;
  const product = rng.pick(industry.designs);
  const software = rng.pick(industry.software);
  const n = rng.int(1, 99);
  const day = randomDate(ctx, '2023-01-01', ctx.yesterday);
  switch (category) {
    case 'CONTRACT':
      return rng.pick([
        `技术开发合同（${brand[0]}-${day.slice(0, 4)}-${String(n).padStart(3, '0')}）`,
        `专利实施许可合同（${product}）`,
        `商标使用许可合同（${brand[0]}）`,
        `${software}委托开发合同`,
      ]);
    case 'DOCUMENT':
      return rng.pick([`${software}研发记录（第${n}册）`, `${product}技术交底书`, `新产品立项报告（${day}）`, `${brand[0]}商标使用证据汇编`]);
    case 'PRODUCT_PHOTO':
      return rng.pick([`${product}产品外观照片（${n}张）`, `${brand[0]}${product}包装及标识照片`, `展会展出的${product}实物照片`]);
    case 'DESIGN_DRAWING':
      return rng.pick([`${product}外观设计图纸V${rng.int(1, 4)}`, `${product}结构设计图（${day}）`]);
    case 'SOURCE_CODE':
      return `${brand[0]}${software}源代码快照 V${rng.int(1, 5)}.${rng.int(0, 9)}.${rng.int(0, 20)}`;
    case 'WEB_PAGE':
      return rng.pick([
        `电商平台疑似侵权${product}商品页面截图（${day}）`,
        `第三方网站擅自使用“${brand[0]}”商标网页取证`,
        `${product}侵权链接公证取证记录（${day}）`,
      ]);
    case 'AUDIO_VIDEO':
      return rng.pick([`${day}展会现场录像`, `侵权产品购买过程录像（${day}）`, `${product}生产过程视频`]);
    case 'DATA_SET':
      return rng.pick([`${software}运行日志数据集（${day}）`, `${product}测试数据集V${rng.int(1, 3)}`, `${brand[0]}客户订单数据摘要（${day.slice(0, 7)}）`]);
    case 'OTHER':
      return rng.pick([`${brand[0]}品牌宣传册`, `${product}销售发票扫描件（${day}）`, `行业展会参展证明`]);
  }
}
