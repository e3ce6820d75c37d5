// Registered enterprises, their patents, trademarks and copyrights, annual-fee and expiry
// warnings, statistics by region and industry.
import { randomUUID } from 'node:crypto';

import { badInput, conflict, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { bulkKeys, DEFAULT_PAGE, type ListRead, MAX_BULK, MAX_PAGE, pageRequest, toConnection } from '../../platform/pagination.js';
import { addDays } from '../../standards/calendar-date.js';
import { isRegionCode, type RegionNames, regionNames } from '../../standards/region-code.js';
import { validateUscc } from '../../standards/uscc.js';
import { canActFor, requireActFor, requireIdentity, requireRole } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { insertOnce, registeredAlike } from '../common/create-once.js';
import { DEFAULT_MONTHS, lastDayOf, MAX_MONTHS, monthsArg, monthsFrom, zeroFilled } from '../common/months.js';
import { ownerConnection } from '../common/page-loader.js';
import { mutationForms } from '../common/payload.js';
import { deprecatedKind } from '../common/right-kind.js';
import { connectionType, describedValues, monthCountType, pageArgDescriptions } from '../common/shared-types.js';
import { cursorKeyOf, listRead, syncArgDescriptions } from '../common/sync.js';
import { checkInput, text } from '../common/validation.js';
import {
  builder,
  canonicalPatentNumber,
  Copyright,
  CopyrightKind,
  Enterprise,
  ListOrder,
  PageInfo,
  Patent,
  readableEnterprise,
  readablePatent,
  readableRight,
  RightKind,
  standing,
  Trademark,
} from './builder.js';
import type { EnterprisesContext } from './context.js';
import {
  ANNUAL_FEE_STATE_MEANINGS,
  ANNUAL_FEE_STATES,
  type AnnualFeeStatus,
  annualFeeStatus,
  DEFAULT_WARNING_DAYS,
  feeTimeLimits,
} from './domain/annual-fee.js';
import { earliestDueInGrace, earliestDueNotLate, examinationRequestLastDay, feeWarningWindow } from './domain/deadlines.js';
import type { EnterpriseRecord, PatentRecord, Stored } from './domain/model.js';
import { FILING_STATUS_MEANINGS, FILING_STATUSES, PATENT_STATUS_MEANINGS, PATENT_STATUSES, PATENT_TYPE_MEANINGS, PATENT_TYPES } from './domain/model.js';
import { MAX_SEARCH, MIN_SEARCH, searchText } from './domain/name-search.js';
import { checkPatentInput } from './domain/patent-input.js';
import { protectionEnd } from './domain/protection.js';
import { patentOn } from './domain/standing.js';
import type { DatedKey, DateWindow, EnterpriseListFilter, OwnerFilter, PatentFilter } from './store/port.js';
import { DuplicateKeyError } from './store/port.js';

const FilingStatus = builder.enumType('FilingStatus', {
  description: "An enterprise's filing (备案) with the IP protection centre",
  values: describedValues(FILING_STATUSES, FILING_STATUS_MEANINGS),
});
const PatentType = builder.enumType('PatentType', {
  description: 'The kind of patent (Patent Law art. 2); a PCT national-phase entry has the kind it entered as, and pct true',
  values: describedValues(PATENT_TYPES, PATENT_TYPE_MEANINGS),
});
const PatentStatus = builder.enumType('PatentStatus', {
  description: 'Where a patent or application stands in its life',
  values: describedValues(PATENT_STATUSES, PATENT_STATUS_MEANINGS),
});
const FeeState = builder.enumType('AnnualFeeState', {
  description: 'Where a patent stands with its next annual fee',
  values: describedValues(ANNUAL_FEE_STATES, ANNUAL_FEE_STATE_MEANINGS),
});

const CreditCodeOverride = builder.objectRef<NonNullable<EnterpriseRecord['creditCodeOverride']>>('CreditCodeOverride').implement({
  description: 'Recorded when centre staff registered a credit code that fails its check character',
  fields: (t) => ({
    approvedBy: t.exposeString('approvedBy', { description: 'The staff key that approved it' }),
    reason: t.exposeString('reason', { description: 'Why staff registered the code as it is, as they gave it' }),
  }),
});

const Region = builder.objectRef<RegionNames>('Region').implement({
  description: 'An administrative division (GB/T 2260) by its names, as the Ministry of Civil Affairs publishes them',
  fields: (t) => ({
    code: t.exposeString('code', { description: '6 digits' }),
    province: t.exposeString('province', { description: 'The province, autonomous region or municipality' }),
    city: t.exposeString('city', {
      nullable: true,
      description: "The prefecture-level city (a municipality's own name for its districts); null for a province, or a county its province governs directly",
    }),
    county: t.exposeString('county', { nullable: true, description: 'The county-level division; null for a city or province as a whole' }),
  }),
});
const regionOf = (code: string): RegionNames | null => regionNames(code) ?? null;

const PatentConnection = connectionType(builder, 'Patent', Patent, PageInfo);
const TrademarkConnection = connectionType(builder, 'Trademark', Trademark, PageInfo);
const CopyrightConnection = connectionType(builder, 'Copyright', Copyright, PageInfo);

Enterprise.implement({
  description: 'An enterprise registered with the IP protection centre',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The enterprise's id in the hub (a UUID)" }),
    uscc: t.exposeString('uscc', { description: 'Unified Social Credit Code (GB 32100-2015)' }),
    name: t.exposeString('name', { description: 'Its name, as centre staff registered it (1 to 200 characters)' }),
    regionCode: t.exposeString('regionCode', { description: 'Administrative division (GB/T 2260), 6 digits' }),
    region: t.field({
      type: Region,
      nullable: true,
      description: "The region code's names; null for a code not in the published table",
      resolve: (e) => regionOf(e.regionCode),
    }),
    industry: t.exposeString('industry', {
      description: 'Its industry, as centre staff registered it (free text, 1 to 100 characters): the industry filters and statistics match it exactly',
    }),
    filingStatus: t.field({ type: FilingStatus, description: 'Its filing with the centre', resolve: (e) => e.filingStatus }),
    registeredAt: t.field({ type: 'DateTime', description: 'When centre staff registered it with the hub', resolve: (e) => e.registeredAt }),
    updatedAt: t.field({
      type: 'DateTime',
      description:
        'When its record last changed: its registration, as the hub records no later change of an enterprise (its rights are records of their own); enterprises(updatedSince:) syncs by it',
      resolve: (e) => e.updatedAt,
    }),
    creditCodeOverride: t.field({
      type: CreditCodeOverride,
      nullable: true,
      description: 'Who approved a credit code failing its check character, and why; null for a code that passes',
      resolve: (e) => e.creditCodeOverride,
    }),
    patents: t.field({
      type: PatentConnection,
      description: `The enterprise's patents by application number, a page at a time (first: ${DEFAULT_PAGE} unless given, ${MAX_PAGE} at most)`,
      args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
      resolve: (e, args, ctx) =>
        ownerConnection(
          ctx.loaders.patentsOf,
          ctx.loaders.patentCounts,
          e.id,
          args,
          (p) => p.applicationNumber,
          (after) => after,
        ),
    }),
    trademarks: t.field({
      type: TrademarkConnection,
      description: `The enterprise's trademarks by registration number, a page at a time (first: ${DEFAULT_PAGE} unless given, ${MAX_PAGE} at most)`,
      args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
      resolve: (e, args, ctx) =>
        ownerConnection(
          ctx.loaders.trademarksOf,
          ctx.loaders.trademarkCounts,
          e.id,
          args,
          (m) => m.registrationNumber,
          (after) => after,
        ),
    }),
    copyrights: t.field({
      type: CopyrightConnection,
      description: `The enterprise's copyrights by registration number, a page at a time (first: ${DEFAULT_PAGE} unless given, ${MAX_PAGE} at most)`,
      args: { first: t.arg.int({ description: pageArgDescriptions.first }), after: t.arg.string({ description: pageArgDescriptions.after }) },
      resolve: (e, args, ctx) =>
        ownerConnection(
          ctx.loaders.copyrightsOf,
          ctx.loaders.copyrightCounts,
          e.id,
          args,
          (c) => c.registrationNumber,
          (after) => after,
        ),
    }),
    annualFeeWarnings: t.field({
      type: AnnualFeeWarningConnection,
      description: `This enterprise's annual fees due within the window (default ${FEE_WINDOW_DAYS} days) or in their grace period: staff and the enterprise itself`,
      args: {
        first: t.arg.int({ description: pageArgDescriptions.first }),
        after: t.arg.string({ description: pageArgDescriptions.after }),
        withinDays: t.arg.int({ description: FEE_WITHIN_DAYS }),
      },
      resolve: (e, args, ctx) => feeWarnings(ctx, ownerFilter(ctx, { enterpriseId: e.id }), args),
    }),
    expiryWarnings: t.field({
      type: ExpiryWarningConnection,
      description: `This enterprise's patents and trademarks ending within the window (default ${EXPIRY_WINDOW_DAYS} days): staff and the enterprise itself`,
      args: {
        first: t.arg.int({ description: pageArgDescriptions.first }),
        after: t.arg.string({ description: pageArgDescriptions.after }),
        withinDays: t.arg.int({ description: EXPIRY_WITHIN_DAYS }),
      },
      resolve: (e, args, ctx) => expiryWarnings(ctx, ownerFilter(ctx, { enterpriseId: e.id }), args),
    }),
  }),
});
builder.asEntity(Enterprise, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableEnterprise(ctx, ref.id),
});

const AnnualFee = builder.objectRef<AnnualFeeStatus>('AnnualFee').implement({
  description: 'Where a granted patent stands with its annual fees (they begin with grant: the year of grant is paid with its registration)',
  fields: (t) => ({
    nextDueDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'The earliest unpaid due date, a filing anniversary (for a lapsed patent, the one missed); null once no fee is left',
      resolve: (f) => f.nextDueDate ?? null,
    }),
    payableUntil: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day to pay it without surcharge: the due date, or the first working day after it when that is a holiday',
      resolve: (f) => f.payableUntil ?? null,
    }),
    state: t.field({ type: FeeState, description: 'Where the patent stands with that fee today', resolve: (f) => f.state }),
    surchargePercent: t.exposeInt('surchargePercent', { description: '0, then 5 more per month late after the first' }),
    graceEndsOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'In GRACE: the last day the fee can be paid, with its surcharge, past any holiday; null otherwise',
      resolve: (f) => f.graceEndsOn ?? null,
    }),
    lapsedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'In LAPSED: the day the patent ceased, the missed due date itself; null otherwise',
      resolve: (f) => f.lapsedOn ?? null,
    }),
  }),
});

/** A patent's annual fee as it stands on `asOf`; null when it owes none (anything but a GRANTED patent). */
const feeStatusOf = (p: PatentRecord, asOf = today()) => annualFeeStatus(patentOn(p, asOf), asOf);

Patent.implement({
  description: 'A Chinese patent application or granted patent',
  fields: (t) => ({
    applicationNumber: t.exposeString('applicationNumber', { description: 'Canonical form: digits, ".", check digit' }),
    type: t.field({ type: PatentType, description: 'Invention, utility model or design', resolve: (p) => p.type }),
    pct: t.exposeBoolean('pct', { description: 'Entered the national phase from a PCT application' }),
    title: t.exposeString('title', { description: 'The title of the invention or design, as registered (1 to 500 characters)' }),
    ipcClass: t.exposeString('ipcClass', {
      nullable: true,
      description: 'Its International Patent Classification symbol, as registered (at most 50 characters); null when none was given',
    }),
    status: t.field({
      type: PatentStatus,
      description: 'As it stands today: EXPIRED from the protection end, INVALIDATED once the decision is final, whatever was recorded before',
      resolve: (p) => standing(p).status,
    }),
    filingDate: t.field({
      type: 'Date',
      description: "The date the term and the fee years run from: a PCT entry's international filing date, a divisional's parent's",
      resolve: (p) => p.filingDate,
    }),
    priorityDate: t.field({ type: 'Date', nullable: true, description: 'The earliest priority claimed (Patent Law art. 29)', resolve: (p) => p.priorityDate }),
    parentApplicationNumber: t.exposeString('parentApplicationNumber', { nullable: true, description: "A divisional application's parent" }),
    examinationRequestedOn: t.field({
      type: 'Date',
      nullable: true,
      description: "An invention's request for substantive examination (实质审查, Patent Law art. 35); null while none is recorded",
      resolve: (p) => p.examinationRequestedOn,
    }),
    examinationRequestDue: t.field({
      type: 'Date',
      nullable: true,
      description:
        'A PENDING invention without its request for substantive examination: the last day to request it, three years from the filing or priority date, past any holiday (Patent Law art. 35)',
      resolve: (p) => examinationRequestLastDay(standing(p)),
    }),
    declared: t.exposeBoolean('declared', {
      description: 'Declared by its enterprise, not yet recorded by the centre or the registry feed (which supersede it)',
    }),
    grantDate: t.field({
      type: 'Date',
      nullable: true,
      description: "The day of grant, its announcement's date: the fee of the year of grant is paid with it; null before grant",
      resolve: (p) => p.grantDate,
    }),
    protectionEndsOn: t.field({
      type: 'Date',
      description: 'The day the term ends, compensation included (Patent Law art. 42)',
      resolve: (p) => protectionEnd(p),
    }),
    annualFeeDue: t.field({
      type: 'Date',
      nullable: true,
      description: 'The next annual-fee due date; null for an application (annual fees begin with grant) and once the patent owes no more',
      resolve: (p) => feeStatusOf(p)?.nextDueDate ?? null,
    }),
    annualFee: t.field({
      type: AnnualFee,
      nullable: true,
      description: 'Where it stands with its annual fees today; null for anything not GRANTED (an application owes none)',
      resolve: (p) => feeStatusOf(p),
    }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The enterprise that owns it now (a recorded transfer moves it); null once transferred outside the registry (outsideOwner)',
      resolve: (p, _args, ctx) => readableEnterprise(ctx, p.enterpriseId),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description:
        'When its record last changed: registered or imported, each step of its lifecycle recorded, transferred or licensed (each an entry of its history); not by what time alone changes (its status turning EXPIRED, a freeze ending). allPatents(updatedSince:) syncs by it',
      resolve: (p) => p.updatedAt,
    }),
  }),
});
builder.asEntity(Patent, {
  key: builder.selection<{ applicationNumber: string }>('applicationNumber'),
  resolveReference: async (ref, ctx) => readablePatent(ctx, ref.applicationNumber),
});

Trademark.implement({
  description:
    'A trademark registration (商标注册), as centre staff recorded it from the register: ten years from registration, renewable (Trademark Law arts. 39-40)',
  fields: (t) => ({
    registrationNumber: t.exposeString('registrationNumber', { description: "The register's number: 1 to 9 digits" }),
    mark: t.exposeString('mark', { description: 'The mark, as registered (1 to 100 characters)' }),
    niceClass: t.exposeInt('niceClass', { description: 'Nice classification, 1 to 45' }),
    registrationDate: t.field({ type: 'Date', description: 'The day of registration: the ten-year term runs from it', resolve: (m) => m.registrationDate }),
    expiryDate: t.field({
      type: 'Date',
      description: "The registration's last day: the day before the tenth anniversary of registration, ten years later with each renewal",
      resolve: (m) => m.expiryDate,
    }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The enterprise that owns it; null for a caller who may not read that enterprise, and once transferred outside the registry (outsideOwner)',
      resolve: (m, _args, ctx) => readableEnterprise(ctx, m.enterpriseId),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When its record last changed: registered, renewed, transferred or licensed (each an entry of its history)',
      resolve: (m) => m.updatedAt,
    }),
  }),
});
builder.asEntity(Trademark, {
  key: builder.selection<{ registrationNumber: string }>('registrationNumber'),
  resolveReference: async (ref, ctx) => readableRight(ctx, await ctx.loaders.trademark.load(ref.registrationNumber)),
});

Copyright.implement({
  description: 'A copyright registration (著作权登记), of software or a work, as centre staff recorded it from the register',
  fields: (t) => ({
    registrationNumber: t.exposeString('registrationNumber', {
      description: "As issued, e.g. 2024SR0123456 for software, 国作登字-2024-H-00012345 for a work (or a provincial bureau's, 粤作登字-...)",
    }),
    title: t.exposeString('title', { description: 'The title of the work or software, as registered (1 to 200 characters)' }),
    kind: t.field({ type: CopyrightKind, description: 'Software, or the kind of work', resolve: (c) => c.kind }),
    registeredOn: t.field({ type: 'Date', description: "The day of registration, in the registration number's year", resolve: (c) => c.registeredOn }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The enterprise that owns it; null for a caller who may not read that enterprise',
      resolve: (c, _args, ctx) => readableEnterprise(ctx, c.enterpriseId),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When its record last changed: its registration, as the hub records no later change of a copyright',
      resolve: (c) => c.updatedAt,
    }),
  }),
});
builder.asEntity(Copyright, {
  key: builder.selection<{ registrationNumber: string }>('registrationNumber'),
  resolveReference: async (ref, ctx) => readableRight(ctx, await ctx.loaders.copyright.load(ref.registrationNumber)),
});

const EnterpriseConnection = connectionType(builder, 'Enterprise', Enterprise, PageInfo, {
  totalCount: 'Enterprises matching the filters (and changed at updatedSince or later, when given): every page, not this one',
});

/** The instant a count by change counts from: none in id order, nor for UPDATED_AT without updatedSince. */
const countedSince = (read: ListRead): string | undefined => (read.order === 'ID' || read.since === '' ? undefined : read.since);

interface GroupStat {
  key: string;
  enterprises: number;
  patents: number;
}
const RegionStat = builder.objectRef<GroupStat>('RegionStatistic').implement({
  description: 'The enterprises registered with one region code, and their patents',
  fields: (t) => ({
    regionCode: t.exposeString('key', { description: 'The administrative division (GB/T 2260), 6 digits, as the enterprises were registered with it' }),
    region: t.field({
      type: Region,
      nullable: true,
      description: "The region code's names; null for a code not in the published table",
      resolve: (s) => regionOf(s.key),
    }),
    enterprises: t.exposeInt('enterprises', { description: 'Enterprises registered with this region code' }),
    patents: t.exposeInt('patents', { description: 'The patents and applications they own, whatever their status' }),
  }),
});
const IndustryStat = builder.objectRef<GroupStat>('IndustryStatistic').implement({
  description: 'The enterprises registered with one industry, and their patents',
  fields: (t) => ({
    industry: t.exposeString('key', { description: 'The industry, exactly as the enterprises were registered with it' }),
    enterprises: t.exposeInt('enterprises', { description: 'Enterprises registered with this industry' }),
    patents: t.exposeInt('patents', { description: 'The patents and applications they own, whatever their status' }),
  }),
});
const Statistics = builder.objectRef<{ byRegion: GroupStat[]; byIndustry: GroupStat[] }>('EnterpriseStatistics').implement({
  description: 'Registered enterprises and their patents counted by region and by industry: aggregates only',
  fields: (t) => ({
    byRegion: t.field({
      type: [RegionStat],
      description: 'One row per region code with an enterprise registered, by code',
      resolve: (s) => s.byRegion,
    }),
    byIndustry: t.field({
      type: [IndustryStat],
      description: 'One row per industry with an enterprise registered, by industry',
      resolve: (s) => s.byIndustry,
    }),
    totalEnterprises: t.int({ description: 'Registered enterprises in all', resolve: (s) => s.byRegion.reduce((n, r) => n + r.enterprises, 0) }),
    totalPatents: t.int({
      description: 'The patents and applications they own in all, whatever their status',
      resolve: (s) => s.byRegion.reduce((n, r) => n + r.patents, 0),
    }),
  }),
});

async function groupStats(ctx: EnterprisesContext, group: 'regionCode' | 'industry'): Promise<GroupStat[]> {
  const [enterprises, patents] = await Promise.all([ctx.store.enterprises.countBy(group), ctx.store.patents.countBy(group)]);
  const patentsBy = new Map(patents.map((p) => [p.key, p.patents]));
  return enterprises.map((e) => ({ key: e.key, enterprises: e.enterprises, patents: patentsBy.get(e.key) ?? 0 }));
}

const MonthCountType = monthCountType(builder);

/** The months a warning statistic covers, from today to the end of the last. */
interface WarningMonths {
  readonly asOf: string;
  readonly months: readonly string[];
}
const ahead = (w: WarningMonths): DateWindow => ({ from: w.asOf, to: lastDayOf(w.months.at(-1)!) });
// Fees from the first due date still payable without surcharge (one that fell on a holiday days ago may be).
const feesAhead = (w: WarningMonths): DateWindow => ({ from: earliestDueNotLate(w.asOf), to: lastDayOf(w.months.at(-1)!) });
const WarningStatistics = builder.objectRef<WarningMonths>('WarningStatistics').implement({
  description: 'Deadlines falling due per month, from the counts kept per day as rights are written: aggregates only',
  fields: (t) => ({
    annualFeesByMonth: t.field({
      type: [MonthCountType],
      description:
        'Granted patents whose next annual fee falls due in each month, from today (a fee due earlier and still payable without surcharge, past a holiday, counts in the current month; the others are in annualFeesOverdue) to the end of the last month; 0 for a month without any',
      resolve: async (w, _args, ctx) => zeroFilled(w.months, await ctx.store.patents.countFeesDueByMonth(feesAhead(w))),
    }),
    annualFeesOverdue: t.int({
      description: 'Granted patents whose annual fee is late and can still be paid, with a surcharge, in its six-month grace period',
      resolve: (w, _args, ctx) => ctx.store.patents.countFeesDue({}, { from: earliestDueInGrace(w.asOf), to: addDays(earliestDueNotLate(w.asOf), -1) }),
    }),
    expiriesByMonth: t.field({
      type: [MonthCountType],
      description:
        'Patents whose protection ends and trademarks whose registration ends in each month, from today to the end of the last month, as expiryWarnings lists them; 0 for a month without any',
      resolve: async (w, _args, ctx) => {
        const [patents, trademarks] = await Promise.all([
          ctx.store.patents.countProtectionEndingByMonth(ahead(w)),
          ctx.store.trademarks.countExpiringByMonth(ahead(w)),
        ]);
        const ofTrademarks = zeroFilled(w.months, trademarks);
        return zeroFilled(w.months, patents).map((p, i) => ({ month: p.month, count: p.count + ofTrademarks[i]!.count }));
      },
    }),
  }),
});

type FeeWarning = { patent: Stored<PatentRecord>; fee: AnnualFeeStatus };
const AnnualFeeWarning = builder.objectRef<FeeWarning>('AnnualFeeWarning').implement({
  description: 'A patent whose annual fee falls due soon or is in its grace period',
  fields: (t) => ({
    patent: t.field({ type: Patent, description: 'The patent, as it stands today', resolve: (w) => w.patent }),
    dueDate: t.field({ type: 'Date', description: 'The due date of its next unpaid fee: a filing anniversary', resolve: (w) => w.fee.nextDueDate! }),
    state: t.field({
      type: FeeState,
      description: `DUE_SOON, or GRACE once late; NOT_DUE for a fee more than ${DEFAULT_WARNING_DAYS} days off, which a wider window lists`,
      resolve: (w) => w.fee.state,
    }),
    payableUntil: t.field({ type: 'Date', description: 'The last day without surcharge: the due date, past any holiday', resolve: (w) => w.fee.payableUntil! }),
    surchargePercent: t.int({
      description: 'The surcharge if paid today, as a percentage of the fee: 0, then 5 more per month late after the first',
      resolve: (w) => w.fee.surchargePercent,
    }),
    graceEndsOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'In GRACE: the last day it can be paid, past any holiday',
      resolve: (w) => w.fee.graceEndsOn ?? feeTimeLimits(w.fee.nextDueDate!).graceEndsOn,
    }),
  }),
});

const EXPIRING_RIGHTS = ['PATENT', 'TRADEMARK'] as const;
type ExpiringRightName = (typeof EXPIRING_RIGHTS)[number];
type Expiry = { right: ExpiringRightName; number: string; enterpriseId: string; title: string; expiresOn: string };
const EXPIRING_RIGHT_MEANINGS: Readonly<Record<ExpiringRightName, string>> = {
  PATENT: 'A patent: its protection ends at the end of its term (Patent Law art. 42)',
  TRADEMARK: 'A trademark registration: it ends unless renewed (Trademark Law art. 40)',
};
const ExpiringRight = builder.enumType('ExpiringRight', {
  description: 'The kind of right an expiry warning is of (RightKind replaces it)',
  values: describedValues(EXPIRING_RIGHTS, EXPIRING_RIGHT_MEANINGS),
});
const ExpiryWarning = builder.objectRef<Expiry>('ExpiryWarning').implement({
  description: 'A patent whose protection ends, or a trademark registration that needs renewal, soon',
  fields: (t) => ({
    right: t.field({ type: ExpiringRight, description: 'A patent or a trademark', deprecationReason: deprecatedKind('rightKind'), resolve: (w) => w.right }),
    rightKind: t.field({ type: RightKind, description: 'A patent or a trademark', resolve: (w) => w.right }),
    number: t.exposeString('number', { description: 'Application or registration number' }),
    title: t.exposeString('title', { description: "The patent's title, or the trademark's mark" }),
    expiresOn: t.field({
      type: 'Date',
      description: "A patent's protectionEndsOn (the day its term ends), or a trademark's expiryDate (its registration's last day)",
      resolve: (w) => w.expiresOn,
    }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The enterprise that owns the right',
      resolve: (w, _args, ctx) => readableEnterprise(ctx, w.enterpriseId),
    }),
  }),
});

const AnnualFeeWarningConnection = connectionType(builder, 'AnnualFeeWarning', AnnualFeeWarning, PageInfo, {
  totalCount: 'Warnings matching the filters and the window',
});
const ExpiryWarningConnection = connectionType(builder, 'ExpiryWarning', ExpiryWarning, PageInfo, {
  totalCount: 'Warnings matching the filters and the window',
});

const FEE_WINDOW_DAYS = 90;
const EXPIRY_WINDOW_DAYS = 180;
const MAX_WINDOW_DAYS = 3660;
const FEE_WITHIN_DAYS = `The window: due dates up to this many days from today, 0 to ${MAX_WINDOW_DAYS}, ${FEE_WINDOW_DAYS} unless given; fees in their grace period are listed whatever it is`;
const EXPIRY_WITHIN_DAYS = `The window: ends up to this many days from today, 0 to ${MAX_WINDOW_DAYS}, ${EXPIRY_WINDOW_DAYS} unless given`;

interface WarningArgs {
  first?: number | null;
  after?: string | null;
  withinDays?: number | null;
}

/**
 * Whose warnings to list: staff choose (or see all), an enterprise sees its own whatever it asks
 * for; region and industry narrow either.
 */
function ownerFilter(
  ctx: EnterprisesContext,
  args: { enterpriseId?: string | number | null; regionCode?: string | null; industry?: string | null },
): OwnerFilter {
  const identity = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE');
  const asked = args.enterpriseId === null || args.enterpriseId === undefined ? undefined : String(args.enterpriseId);
  const enterpriseId = identity.role === 'ENTERPRISE' ? requireActFor(ctx, asked ?? identity.enterpriseId ?? '').enterpriseId : asked;
  return {
    ...(enterpriseId === undefined ? {} : { enterpriseId }),
    ...(args.regionCode == null ? {} : { regionCode: regionCode(args.regionCode) }),
    ...(args.industry == null ? {} : { industry: text(args.industry, 'industry', 100) }),
  };
}

/** A GB/T 2260 administrative division code, or BAD_USER_INPUT. */
function regionCode(value: string): string {
  if (!isRegionCode(value)) throw badInput('regionCode must be a 6-digit administrative division code (GB/T 2260)', 'regionCode');
  return value;
}

function windowDays(days: number | null | undefined, fallback: number): number {
  const n = days ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_WINDOW_DAYS) throw badInput(`withinDays must be between 0 and ${MAX_WINDOW_DAYS}`, 'withinDays');
  return n;
}

/** A cursor's key: the date, then (for expiries) the right, then the number. */
const dateKey = (...parts: string[]): string => parts.join(' ');
function parseDateKey(key: string | undefined, rights: boolean): (DatedKey & { right?: ExpiringRightName }) | undefined {
  if (key === undefined) return undefined;
  const [date = '', ...rest] = key.split(' ');
  const right = rights ? rest.shift() : undefined;
  const number = rest.join(' ');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && number !== '' && (!rights || EXPIRING_RIGHTS.includes(right as ExpiringRightName));
  if (!valid) throw badInput('after is not a cursor this API returned', 'after');
  return { date, number, ...(right === undefined ? {} : { right: right as ExpiringRightName }) };
}

/** A page of annual fees to warn of: read from the stored due dates, one index range. */
async function feeWarnings(ctx: EnterprisesContext, owner: OwnerFilter, args: WarningArgs) {
  const page = pageRequest(args.first, args.after);
  const asOf = today();
  const window = feeWarningWindow(asOf, windowDays(args.withinDays, FEE_WINDOW_DAYS));
  const after = parseDateKey(page.after, false);
  const rows = await ctx.store.patents.feesDue(owner, window, after, page.first + 1);
  // A patent that ended meanwhile (its invalidation became final) owes nothing: left out of the page.
  const warnings = rows.flatMap((patent): FeeWarning[] => {
    const fee = feeStatusOf(patent, asOf);
    return fee === null || fee.nextDueDate === null ? [] : [{ patent, fee }];
  });
  return toConnection(
    warnings,
    page,
    (w) => dateKey(w.fee.nextDueDate!, w.patent.applicationNumber),
    () => ctx.store.patents.countFeesDue(owner, window),
  );
}

/**
 * A page of expiries: patents' ends and trademarks' ends, each read from its own index after the
 * cursor, merged by (day, right, number).
 */
async function expiryWarnings(ctx: EnterprisesContext, owner: OwnerFilter, args: WarningArgs) {
  const page = pageRequest(args.first, args.after);
  const asOf = today();
  const window = { from: asOf, to: addDays(asOf, windowDays(args.withinDays, EXPIRY_WINDOW_DAYS)) };
  const after = parseDateKey(page.after, true);
  // Past a cursor on one right, the other right's rows start on its day (a trademark sorts after a
  // patent on the same day) or the day after.
  const from = (right: ExpiringRightName): [DateWindow, DatedKey | undefined] => {
    if (after === undefined) return [window, undefined];
    if (after.right === right) return [window, after];
    const day = right === 'TRADEMARK' ? after.date : addDays(after.date, 1);
    return [{ from: day > window.from ? day : window.from, to: window.to }, undefined];
  };
  const [patents, trademarks] = await Promise.all([
    ctx.store.patents.protectionEnding(owner, ...from('PATENT'), page.first + 1),
    ctx.store.trademarks.expiring(owner, ...from('TRADEMARK'), page.first + 1),
  ]);
  const merged = [
    // The store lists no right held outside the registry (its owner null): none is warned of.
    ...patents.flatMap((p): Expiry[] =>
      p.enterpriseId === null
        ? []
        : [{ right: 'PATENT', number: p.applicationNumber, enterpriseId: p.enterpriseId, title: p.title, expiresOn: protectionEnd(p) }],
    ),
    ...trademarks.flatMap((m): Expiry[] =>
      m.enterpriseId === null
        ? []
        : [{ right: 'TRADEMARK', number: m.registrationNumber, enterpriseId: m.enterpriseId, title: m.mark, expiresOn: m.expiryDate }],
    ),
  ]
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.right.localeCompare(b.right) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
    .slice(0, page.first + 1);
  return toConnection(
    merged,
    page,
    (w) => dateKey(w.expiresOn, w.right, w.number),
    async () => {
      const [p, m] = await Promise.all([ctx.store.patents.countProtectionEnding(owner, window), ctx.store.trademarks.countExpiring(owner, window)]);
      return p + m;
    },
  );
}

const REGION_FILTER =
  "Only enterprises registered with this administrative division code (GB/T 2260, 6 digits), exactly: a province's code leaves out its cities";
const INDUSTRY_FILTER = 'Only enterprises registered with this industry, exactly as registered';
const ENTERPRISE_FILTER = "Only this enterprise's (its id): centre staff name any or none; an enterprise key sees only its own, FORBIDDEN for another's id";
const NAME_SEARCH = `Only enterprises whose name contains this text: Chinese as written, Latin letters in either case, full-width letters, digits and punctuation as their ASCII forms (Unicode NFKC), spaces around it left off. ${MIN_SEARCH} to ${MAX_SEARCH} characters, no control characters (BAD_USER_INPUT naming search otherwise). Found through an index of the names' pairs of adjacent characters, so that a search reads at most the enterprises sharing its rarest pair, never the whole registry. Listed by id: with updatedSince or orderBy UPDATED_AT a search is refused (BAD_USER_INPUT naming search)`;
/** The search as the store takes it (folded), or BAD_USER_INPUT naming it: out of bounds, or with a read by change. */
function nameSearch(raw: string, read: ListRead): string {
  const checked = searchText(raw);
  if (!checked.ok) throw badInput(checked.message, 'search');
  if (read.order !== 'ID') throw badInput('search lists by id only: omit updatedSince and orderBy, or give orderBy ID', 'search');
  return checked.folded;
}
const APPLICATION_NUMBER =
  'The application number in any accepted form (CN or ZL may lead, spaces may separate), with its check digit: INVALID_PATENT_NUMBER otherwise';

builder.queryFields((t) => ({
  enterprise: t.field({
    type: Enterprise,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description: 'A registered enterprise by its id: an enterprise key reads its own (FORBIDDEN for another); staff and institutions read any',
    args: { id: t.arg.id({ required: true, description: "The enterprise's id in the hub (a UUID)" }) },
    resolve: (_root, { id }, ctx) => readableEnterprise(ctx, String(id)),
  }),
  enterpriseByCreditCode: t.field({
    type: Enterprise,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description: 'A registered enterprise by its unified social credit code (GB 32100-2015); null when none is registered',
    args: { uscc: t.arg.string({ required: true, description: 'The 18-character code; case and surrounding spaces do not matter' }) },
    resolve: async (_root, { uscc }, ctx) => {
      const identity = requireIdentity(ctx);
      const found = await ctx.store.enterprises.byUscc(uscc.trim().toUpperCase());
      if (found !== undefined && identity.role === 'ENTERPRISE') requireActFor(ctx, found.id);
      if (found !== undefined) ctx.loaders.enterprise.prime(found.id, found);
      return found ?? null;
    },
  }),
  enterprises: t.field({
    type: EnterpriseConnection,
    tag: calledBy('CENTER_STAFF', 'COURT', 'BANK', 'GUARANTOR', 'INSURER'),
    description:
      'Registered enterprises, a page at a time, filtered by region (its GB/T 2260 code, exactly), industry and a part of the name (search): by id, or with updatedSince by change, oldest first, to keep a copy in sync (without search). Centre staff and institutions',
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
      regionCode: t.arg.string({ description: REGION_FILTER }),
      industry: t.arg.string({ description: INDUSTRY_FILTER }),
      search: t.arg.string({ description: NAME_SEARCH }),
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
    },
    resolve: async (_root, args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF', 'COURT', 'BANK', 'GUARANTOR', 'INSURER');
      const page = pageRequest(args.first, args.after);
      const read = listRead(page, args.updatedSince, args.orderBy);
      const search = args.search === null || args.search === undefined ? undefined : nameSearch(args.search, read);
      const filter: EnterpriseListFilter = { regionCode: args.regionCode ?? undefined, industry: args.industry ?? undefined, search };
      const rows = await ctx.store.enterprises.page(filter, read, page.first + 1);
      for (const e of rows) ctx.loaders.enterprise.prime(e.id, e);
      return toConnection(rows, page, cursorKeyOf(read), () => ctx.store.enterprises.count(filter, countedSince(read)));
    },
  }),
  allPatents: t.field({
    type: PatentConnection,
    nullable: true,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    description:
      "The patent register, a page at a time, to keep a copy in sync: by application number, or with updatedSince by change, oldest first. Centre staff read every patent, an enterprise key its own enterprise's; FORBIDDEN for other roles",
    args: {
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
      status: t.arg({
        type: PatentStatus,
        description:
          'Only patents with this status as recorded; omitted, every status. What time alone changes is not recorded: a GRANTED patent past its term is listed under GRANTED, though its status reads EXPIRED',
      }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, ctx) => {
      const identity = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE');
      // An enterprise reads its own, as patent(applicationNumber:) answers it (a key acting for none: FORBIDDEN).
      const own = identity.role === 'ENTERPRISE' ? (identity.enterpriseId ?? '') : undefined;
      if (own !== undefined) requireActFor(ctx, own);
      const filter: PatentFilter = { ...(own === undefined ? {} : { enterpriseId: own }), ...(args.status == null ? {} : { status: args.status }) };
      const page = pageRequest(args.first, args.after);
      const read = listRead(page, args.updatedSince, args.orderBy);
      const rows = await ctx.store.patents.page(filter, read, page.first + 1);
      for (const p of rows) ctx.loaders.patent.prime(p.applicationNumber, p);
      const keyOf = cursorKeyOf(read);
      return toConnection(
        rows,
        page,
        (p) => keyOf({ id: p.applicationNumber, updatedAt: p.updatedAt }),
        () => ctx.store.patents.count(filter, countedSince(read)),
      );
    },
  }),
  patents: t.field({
    type: [Patent],
    nullable: { list: false, items: true },
    tag: calledBy(...ANY_ROLE),
    description: `Patents by application number, in the order asked: null where there is none or the caller may not read it; ${MAX_BULK} at most`,
    args: {
      applicationNumbers: t.arg.stringList({
        required: true,
        description: `At most ${MAX_BULK} application numbers, each in any accepted form with its check digit (INVALID_PATENT_NUMBER otherwise)`,
      }),
    },
    resolve: (_root, { applicationNumbers }, ctx) => {
      requireIdentity(ctx);
      const numbers = bulkKeys(applicationNumbers, 'applicationNumbers').map(canonicalPatentNumber);
      return Promise.all(numbers.map((n) => readablePatent(ctx, n)));
    },
  }),
  enterprisesByCreditCode: t.field({
    type: [Enterprise],
    nullable: { list: false, items: true },
    tag: calledBy(...ANY_ROLE),
    description: `Enterprises by unified social credit code, in the order asked: null where none is registered or the caller may not read it; ${MAX_BULK} at most`,
    args: {
      usccs: t.arg.stringList({
        required: true,
        description: `At most ${MAX_BULK} unified social credit codes; case and surrounding spaces do not matter`,
      }),
    },
    resolve: async (_root, { usccs }, ctx) => {
      const identity = requireIdentity(ctx);
      const found = await ctx.store.enterprises.byUsccs(bulkKeys(usccs, 'usccs').map((u) => u.trim().toUpperCase()));
      return found.map((e) => {
        if (e === undefined || (identity.role === 'ENTERPRISE' && !canActFor(identity, e.id))) return null;
        ctx.loaders.enterprise.prime(e.id, e);
        return e;
      });
    },
  }),
  patent: t.field({
    type: Patent,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description: 'A patent by its application number, in any accepted form: its owner, staff and institutions read it; null otherwise, as for none',
    args: { applicationNumber: t.arg.string({ required: true, description: APPLICATION_NUMBER }) },
    resolve: (_root, { applicationNumber }, ctx) => {
      requireIdentity(ctx);
      return readablePatent(ctx, canonicalPatentNumber(applicationNumber));
    },
  }),
  enterpriseStatistics: t.field({
    type: Statistics,
    tag: calledBy('CENTER_STAFF'),
    description: 'Registered enterprises and their patents, by region and by industry',
    resolve: async (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      const [byRegion, byIndustry] = await Promise.all([groupStats(ctx, 'regionCode'), groupStats(ctx, 'industry')]);
      return { byRegion, byIndustry };
    },
  }),
  warningStatistics: t.field({
    type: WarningStatistics,
    tag: calledBy('CENTER_STAFF'),
    description: `Centre staff: annual fees and expiries falling due per calendar month, for \`months\` months (1 to ${MAX_MONTHS}) from the current one`,
    args: {
      months: t.arg.int({
        defaultValue: DEFAULT_MONTHS,
        description: `How many calendar months, the current one first: 1 to ${MAX_MONTHS} (BAD_USER_INPUT otherwise)`,
      }),
    },
    resolve: (_root, args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      const asOf = today();
      return { asOf, months: monthsFrom(asOf, monthsArg(args.months)) };
    },
  }),
  annualFeeWarnings: t.field({
    type: AnnualFeeWarningConnection,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    description: `Patents whose annual fee falls due within the window (default ${FEE_WINDOW_DAYS} days), or is overdue within its six-month grace period; by due date`,
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
      enterpriseId: t.arg.id({ description: ENTERPRISE_FILTER }),
      regionCode: t.arg.string({ description: REGION_FILTER }),
      industry: t.arg.string({ description: INDUSTRY_FILTER }),
      withinDays: t.arg.int({ description: FEE_WITHIN_DAYS }),
    },
    resolve: (_root, args, ctx) => feeWarnings(ctx, ownerFilter(ctx, args), args),
  }),
  expiryWarnings: t.field({
    type: ExpiryWarningConnection,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    description: `Patents whose protection ends, and trademarks whose registration ends, within the window (default ${EXPIRY_WINDOW_DAYS} days); by that day`,
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
      enterpriseId: t.arg.id({ description: ENTERPRISE_FILTER }),
      regionCode: t.arg.string({ description: REGION_FILTER }),
      industry: t.arg.string({ description: INDUSTRY_FILTER }),
      withinDays: t.arg.int({ description: EXPIRY_WITHIN_DAYS }),
    },
    resolve: (_root, args, ctx) => expiryWarnings(ctx, ownerFilter(ctx, args), args),
  }),
}));

const CreditCodeOverrideInput = builder.inputType('CreditCodeOverrideInput', {
  description: 'Centre staff only: register a credit code that fails its check character, recording why',
  fields: (t) => ({ reason: t.string({ required: true, description: 'Why the code is registered as it is, 1 to 500 characters: kept with the enterprise' }) }),
});
const RegisterEnterpriseInput = builder.inputType('RegisterEnterpriseInput', {
  description: 'An enterprise to register with the centre',
  fields: (t) => ({
    uscc: t.string({
      required: true,
      description:
        'Its unified social credit code (GB 32100-2015), 18 characters, case and surrounding spaces aside; INVALID_CREDIT_CODE names a wrong character',
    }),
    name: t.string({ required: true, description: 'Its name, 1 to 200 characters' }),
    regionCode: t.string({
      required: true,
      description: 'Its administrative division (GB/T 2260), 6 digits: the form is checked, not the published table',
    }),
    industry: t.string({ required: true, description: 'Its industry, 1 to 100 characters: the industry filters and statistics match it exactly' }),
    creditCodeOverride: t.field({
      type: CreditCodeOverrideInput,
      description: 'For a code that fails only its check character (INVALID_CREDIT_CODE with overridable true): register it anyway, with the reason',
    }),
  }),
});
const RegisterPatentInput = builder.inputType('RegisterPatentInput', {
  description: 'A patent or application to register, checked as a registry feed row is',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: "The owner's id in the hub: an enterprise key gives its own (FORBIDDEN otherwise)" }),
    applicationNumber: t.string({ required: true, description: APPLICATION_NUMBER }),
    title: t.string({ required: true, description: 'The title of the invention or design, 1 to 500 characters' }),
    filingDate: t.field({
      type: 'Date',
      required: true,
      description: "The date the term runs from: a PCT entry's international filing date, a divisional's parent's (its number's year may be later)",
    }),
    priorityDate: t.field({ type: 'Date', description: 'The earliest priority claimed' }),
    parentApplicationNumber: t.string({ description: "A divisional application's parent; registered with the centre, with the same filing date" }),
    examinationRequestedOn: t.field({ type: 'Date', description: "An invention's request for substantive examination" }),
    ipcClass: t.string({ description: 'Its International Patent Classification symbol, at most 50 characters' }),
    status: t.field({ type: PatentStatus, description: 'Default PENDING; an enterprise registers only its own PENDING applications' }),
    grantDate: t.field({ type: 'Date', description: 'Required for GRANTED' }),
    feesPaidThrough: t.field({ type: 'Date', description: 'The last annual-fee due date paid; the year of grant counts as paid without it' }),
    grantPublicationNumber: t.string({ description: "The grant's announcement number, e.g. CN115123456B" }),
    lapsedOn: t.field({ type: 'Date', description: 'For a LAPSED patent: the missed due date it lapsed from' }),
  }),
});

/**
 * A divisional application names a parent registered with the centre, filed on the same date
 * (it keeps its parent's filing date: Implementing Regulations rule 43 (2010)); NOT_FOUND or
 * BAD_USER_INPUT otherwise.
 */
async function checkParent(ctx: EnterprisesContext, p: PatentRecord): Promise<void> {
  if (p.parentApplicationNumber === null) return;
  const parent = await ctx.loaders.patent.load(p.parentApplicationNumber);
  if (parent === undefined)
    throw failure('NOT_FOUND', `parent application ${p.parentApplicationNumber} is not registered with the centre`, { field: 'parentApplicationNumber' });
  if (parent.filingDate !== p.filingDate) {
    throw badInput(`a divisional application keeps its parent's filing date, ${parent.filingDate}; filingDate says ${p.filingDate}`, 'filingDate');
  }
}

mutationForms(builder, {
  name: 'registerEnterprise',
  payload: 'enterpriseRegister',
  object: 'enterprise',
  type: Enterprise,
  description:
    'Centre staff register an enterprise: its credit code checked (GB 32100-2015), its region a GB/T 2260 code; CONFLICT when the code is registered already',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: RegisterEnterpriseInput, required: true, description: 'The enterprise to register' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { credit, region, name, industry } = await checkInput({
      credit: () => {
        const checked = validateUscc(input.uscc);
        if (checked.ok) return { uscc: checked.uscc, override: null };
        if (checked.reason === 'CHECK_CHARACTER' && input.creditCodeOverride) {
          const override = { approvedBy: staff.keyId, reason: text(input.creditCodeOverride.reason, 'creditCodeOverride.reason', 500) };
          return { uscc: input.uscc.trim().toUpperCase(), override };
        }
        throw failure('INVALID_CREDIT_CODE', checked.message, { field: 'uscc', overridable: checked.reason === 'CHECK_CHARACTER' });
      },
      region: () => regionCode(input.regionCode),
      name: () => text(input.name, 'name', 200),
      industry: () => text(input.industry, 'industry', 100),
    });
    const { uscc } = credit;
    const record: EnterpriseRecord = {
      id: randomUUID(),
      uscc,
      name,
      regionCode: region,
      industry,
      filingStatus: 'FILED',
      registeredAt: new Date().toISOString(),
      creditCodeOverride: credit.override,
    };
    return insertOnce({
      what: `an enterprise with credit code ${uscc}`,
      insert: async () => (await ctx.store.enterprises.insert(record), { ...record, updatedAt: record.registeredAt }),
      isDuplicate: (err) => err instanceof DuplicateKeyError,
      stored: () => ctx.store.enterprises.byUscc(uscc),
      given: { uscc, name, regionCode: region, industry },
    });
  },
});

mutationForms(builder, {
  name: 'registerPatent',
  payload: 'patentRegister',
  object: 'patent',
  type: Patent,
  description:
    'Registers a patent or application. Centre staff record any right; an enterprise declares its own PENDING applications only (FORBIDDEN otherwise), and the registry feed or staff supersede its declaration',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: RegisterPatentInput, required: true, description: 'The patent or application to register' }) }),
  resolve: async ({ input }, ctx) => {
    const enterpriseId = String(input.enterpriseId);
    const identity = requireActFor(ctx, enterpriseId);
    const declarer = identity.role === 'CENTER_STAFF' ? 'REGISTRY' : 'ENTERPRISE';
    // The record's own checks first: a FORBIDDEN among them is thrown before anything is gathered.
    const { record } = await checkInput({
      record: async () => {
        const checked = checkPatentInput({ ...input, enterpriseId, status: input.status ?? null }, today(), declarer);
        if (!checked.ok) throw failure(checked.code, checked.message, { field: checked.field });
        await checkParent(ctx, checked.patent);
        return checked.patent;
      },
      enterprise: async () => {
        if ((await ctx.loaders.enterprise.load(enterpriseId)) === undefined)
          throw failure('NOT_FOUND', `enterprise ${enterpriseId} does not exist`, { field: 'enterpriseId' });
      },
    });
    const existing = await ctx.loaders.patent.load(record.applicationNumber);
    if (existing !== undefined && !(existing.declared && !record.declared)) {
      // The same registration again (a retry after a timeout) answers with it.
      return registeredAlike(`patent application ${record.applicationNumber}`, existing, record, 'enterpriseId');
    }
    if (existing !== undefined) {
      // Staff's record supersedes the enterprise's declaration, as a feed row would.
      const result = await ctx.store.patents.importMany([record], new Date().toISOString(), identity.keyId, identity.role);
      if (result.refused.length > 0) throw conflict(result.refused[0]!.message);
      ctx.loaders.patent.clear(record.applicationNumber);
      return (await ctx.loaders.patent.load(record.applicationNumber))!;
    }
    const at = new Date().toISOString();
    return insertOnce({
      what: `patent application ${record.applicationNumber}`,
      insert: async () => (await ctx.store.patents.insert(record, at), { ...record, updatedAt: at }),
      isDuplicate: (err) => err instanceof DuplicateKeyError,
      stored: async () => (await ctx.store.patents.byNumbers([record.applicationNumber]))[0],
      given: record,
      owner: 'enterpriseId',
    });
  },
});
