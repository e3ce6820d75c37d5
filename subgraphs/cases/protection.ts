// Rights-protection assistance and disputes (维权援助与纠纷处理): application, the workflow to an
// outcome anchored in the ledger, referral to a court, and the evidence each case cites.

import type { Receipt } from '../../ledger/index.js';
import { badInput, failure, forbidden } from '../../platform/errors.js';
import { hubDateOf, hubWorkingDays, today } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import type { Identity } from '../../platform/identity.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { DEFAULT_MONTHS, MAX_MONTHS, monthsArg, monthsFrom, zeroFilled } from '../common/months.js';
import { mutationForms } from '../common/payload.js';
import { deprecatedKind, RIGHT_KIND_INPUT, type RightKind as RightKindValue, rightKindEnum, rightKindOf } from '../common/right-kind.js';
import { connectionType, describedValues, pageArgDescriptions, workflowEventType } from '../common/shared-types.js';
import { cursorKeyOf, listRead, syncArgDescriptions } from '../common/sync.js';
import { checkEach, checkInput, optionalText, text } from '../common/validation.js';
import { requireMove, workflowEvent } from '../common/workflow-event.js';
import { builder, Enterprise, Evidence, LedgerReceipt, ListOrder, MonthCount, Organization, PageInfo, Role } from './builder.js';
import type { CasesContext } from './context.js';
import { moveClaimed, protectionOutcome } from './decision.js';
import { limitationEndsOn } from './domain/limitation.js';
import type { IpRight, NewProtectionCase, Party, ProtectionCaseRecord, ResolutionRoute } from './domain/model.js';
import {
  IP_RIGHT_KIND_MEANINGS,
  IP_RIGHT_KINDS,
  PARTY_ROLE_MEANINGS,
  PARTY_ROLES,
  PROTECTION_KIND_MEANINGS,
  PROTECTION_KINDS,
  RESOLUTION_ROUTE_MEANINGS,
  RESOLUTION_ROUTES,
} from './domain/model.js';
import { needingEvaluationReport, routeRefusal } from './domain/routes.js';
import { isOutcome, nextProtectionStates, PROTECTION_STATE_MEANINGS, PROTECTION_STATES, type ProtectionState } from './domain/workflow.js';
import { protectionFiled, protectionMoved } from './notices.js';
import type { ProtectionFilter } from './store/port.js';

const State = builder.enumType('ProtectionState', {
  description: 'Where a protection case stands: APPLIED, then ACCEPTED and IN_PROGRESS, to an outcome (REJECTED, SETTLED, REFERRED, WITHDRAWN), then CLOSED',
  values: describedValues(PROTECTION_STATES, PROTECTION_STATE_MEANINGS),
});
const Kind = builder.enumType('ProtectionKind', {
  description: 'What a protection case is about',
  values: describedValues(PROTECTION_KINDS, PROTECTION_KIND_MEANINGS),
});
const Route = builder.enumType('ResolutionRoute', {
  description: 'How a protection case is to be resolved',
  values: describedValues(RESOLUTION_ROUTES, RESOLUTION_ROUTE_MEANINGS),
});
const PartyRole = builder.enumType('PartyRole', {
  description: "A party's side in a protection case",
  values: describedValues(PARTY_ROLES, PARTY_ROLE_MEANINGS),
});
const IpRightKindEnum = builder.enumType('IpRightKind', {
  description: 'The kind of an IP right a protection case concerns (RightKind replaces it)',
  values: describedValues(IP_RIGHT_KINDS, IP_RIGHT_KIND_MEANINGS),
});
const RightKind = rightKindEnum(builder);

/** Who may read a case: staff; an enterprise that is a party; the court it was referred to. */
function mayRead(identity: Identity, c: ProtectionCaseRecord): boolean {
  switch (identity.role) {
    case 'CENTER_STAFF':
      return true;
    case 'ENTERPRISE':
      return c.parties.some((p) => p.enterpriseId !== null && p.enterpriseId === identity.enterpriseId);
    case 'COURT':
      return c.referredTo !== null && c.referredTo === identity.organization;
    default:
      return false;
  }
}

/** The case if the caller may read it (centre staff, its parties, the court it was referred to); null alike when there is none and when it is another's. */
async function readableCase(ctx: CasesContext, id: string): Promise<ProtectionCaseRecord | null> {
  const identity = requireIdentity(ctx);
  const found = await ctx.loaders.protectionCase.load(id);
  return found !== undefined && mayRead(identity, found) ? found : null;
}

const PartyType = builder.objectRef<Party>('CaseParty').implement({
  description: 'A party to a protection case: its claimant or a respondent',
  fields: (t) => ({
    role: t.field({ type: PartyRole, description: 'Whether the party applied (CLAIMANT) or is applied against (RESPONDENT)', resolve: (p) => p.role }),
    name: t.exposeString('name', { description: "The party's name, as the application gave it" }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'When the party is a registered enterprise',
      resolve: (p) => (p.enterpriseId === null ? null : { id: p.enterpriseId }),
    }),
  }),
});

const RightType = builder.objectRef<IpRight>('IpRight').implement({
  description: 'An IP right a protection case concerns',
  fields: (t) => ({
    kind: t.field({ type: IpRightKindEnum, description: 'What kind of right it is', deprecationReason: deprecatedKind('rightKind'), resolve: (r) => r.kind }),
    rightKind: t.field({ type: RightKind, description: 'What kind of right it is', resolve: (r) => r.kind }),
    number: t.exposeString('number', {
      description:
        "The right's number: a patent's application number in canonical form (e.g. 201510958772.0); another right's number as the application gave it",
    }),
  }),
});

const Event = workflowEventType(builder, 'ProtectionCaseEvent', 'a protection case', State, Role);

const ProtectionCase = builder.objectRef<ProtectionCaseRecord>('ProtectionCase');
ProtectionCase.implement({
  description: 'A rights-protection assistance or dispute case',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The protection case's id in the hub (a UUID)" }),
    kind: t.field({ type: Kind, description: 'What the case is about', resolve: (c) => c.kind }),
    route: t.field({ type: Route, description: 'How the claimant asked it to be resolved', resolve: (c) => c.route }),
    summary: t.exposeString('summary', { description: "The claimant's account of the case, as applied" }),
    state: t.field({ type: State, description: 'Where the case stands in its workflow', resolve: (c) => c.state }),
    nextStates: t.field({
      type: [State],
      description: 'Where centre staff may move it next; empty once CLOSED',
      resolve: (c) => nextProtectionStates(c.state),
    }),
    parties: t.field({ type: [PartyType], description: 'The claimant first, then the respondents in the order applied', resolve: (c) => c.parties }),
    ipRights: t.field({ type: [RightType], description: 'The IP rights the case concerns, in the order applied', resolve: (c) => c.ipRights }),
    evidence: t.field({
      type: [Evidence],
      nullable: { list: false, items: true },
      description: 'The evidence deposits the case cites: its parties read them once staff accepted the case; null in place of one the caller may not read',
      resolve: (c) => c.evidenceIds.map((id) => ({ id })),
    }),
    referredTo: t.exposeString('referredTo', {
      nullable: true,
      description: 'The name of the court a REFERRED case went to',
      deprecationReason: 'Use court { name }: the court as an Organization (deprecated fields stay at least 6 months: docs/api-evolution.md)',
    }),
    court: t.field({
      type: Organization,
      nullable: true,
      description: 'The court a REFERRED case went to; null before it is referred',
      resolve: (c) => (c.referredTo === null ? null : { name: c.referredTo, kind: 'COURT' as const }),
    }),
    appliedAt: t.field({ type: 'DateTime', description: 'When the case was applied for (and entered APPLIED)', resolve: (c) => c.appliedAt }),
    evaluationReportDigest: t.string({
      nullable: true,
      description: 'SHA-256 of the patent evaluation report the claimant gave (Patent Law art. 66(2)); null when none',
      resolve: (c) => c.evaluationReportDigest ?? null,
    }),
    knownSince: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the claimant says it knew of the harm and who caused it; null when not stated',
      resolve: (c) => c.knownSince,
    }),
    limitationEndsOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        "The limitation period's last day: three years from knownSince (Civil Code arts. 188, 201-203; Patent Law art. 74), past a holiday to the next working day; null without knownSince. A warning, not a finding: a claim made or a suit filed interrupts the period (art. 195), which the hub does not know",
      resolve: (c) => (c.knownSince === null ? null : limitationEndsOn(c.knownSince, hubWorkingDays())),
    }),
    limitationPassed: t.boolean({
      nullable: true,
      description: 'Whether limitationEndsOn had passed when the case was applied for; null without knownSince',
      resolve: (c) => (c.knownSince === null ? null : limitationEndsOn(c.knownSince, hubWorkingDays()) < hubDateOf(c.appliedAt)),
    }),
    outcomeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it reached its outcome (REJECTED, SETTLED, REFERRED or WITHDRAWN); null before',
      resolve: (c) => c.outcomeAt,
    }),
    outcomeReceipt: t.field({
      type: LedgerReceipt,
      nullable: true,
      description: 'The CASE_DECISION ledger entry of the outcome',
      resolve: (c) => c.outcomeReceipt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed: applied for, then each move, its referral and outcome among them (protectionCases(updatedSince:) syncs by it)',
      resolve: (c) => c.updatedAt,
    }),
    events: t.field({
      type: [Event],
      description: "The case's history: its application and every move, oldest first",
      resolve: (c, _args, ctx) => ctx.loaders.protectionEventsOf.load(c.id),
    }),
  }),
});
builder.asEntity(ProtectionCase, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableCase(ctx, ref.id),
});

builder.objectFields(Enterprise, (t) => ({
  protectionCases: t.field({
    type: [ProtectionCase],
    description: 'Protection cases the enterprise is a party to, that the caller may read',
    resolve: async (e, _args, ctx) => {
      const identity = requireIdentity(ctx);
      return (await ctx.loaders.protectionCasesOf.load(e.id)).filter((c) => mayRead(identity, c));
    },
  }),
}));

builder.objectFields(Evidence, (t) => ({
  citedBy: t.field({
    type: [ProtectionCase],
    description: 'Protection cases citing this deposit, that the caller may read',
    resolve: async (ev, _args, ctx) => {
      const identity = requireIdentity(ctx);
      return (await ctx.loaders.citing.load(ev.id)).filter((c) => mayRead(identity, c));
    },
  }),
}));

const CaseConnection = connectionType(builder, 'ProtectionCase', ProtectionCase, PageInfo);

const RouteStateCount = builder.objectRef<{ route: ResolutionRoute; state: ProtectionState; count: number }>('RouteStateCount').implement({
  description: 'How many protection cases on one route are in one state',
  fields: (t) => ({
    route: t.field({ type: Route, description: 'The resolution route', resolve: (c) => c.route }),
    state: t.field({ type: State, description: 'The state', resolve: (c) => c.state }),
    count: t.exposeInt('count', { description: 'How many cases on that route are in that state now; 0 for none' }),
  }),
});

const Statistics = builder.objectRef<object>('ProtectionStatistics').implement({
  description: 'Protection cases: counts kept as cases are written, never of parties or their data',
  fields: (t) => ({
    byRouteAndState: t.field({
      type: [RouteStateCount],
      description: 'Every route with every state, in the order the enums list them, 0 where no case is',
      resolve: async (_s, _args, ctx) => {
        const counts = new Map((await ctx.store.protection.countByRouteAndState()).map((c) => [`${c.route}:${c.state}`, c.count]));
        return RESOLUTION_ROUTES.flatMap((route) => PROTECTION_STATES.map((state) => ({ route, state, count: counts.get(`${route}:${state}`) ?? 0 })));
      },
    }),
    openedByMonth: t.field({
      type: [MonthCount],
      description: `Cases applied for per calendar month (in the hub's time zone): the last \`months\` months (1 to ${MAX_MONTHS}) up to and including the current one, oldest first, 0 for a month without any`,
      args: {
        months: t.arg.int({
          defaultValue: DEFAULT_MONTHS,
          description: `How many months, 1 to ${MAX_MONTHS} (else BAD_USER_INPUT), up to and including the current one; ${DEFAULT_MONTHS} unless given`,
        }),
      },
      resolve: async (_s, args, ctx) => {
        const months = monthsFrom(today(), -monthsArg(args.months));
        return zeroFilled(months, await ctx.store.protection.countOpenedByMonth(months[0]!, months.at(-1)!));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  protectionStatistics: t.field({
    type: Statistics,
    tag: calledBy('CENTER_STAFF'),
    description: 'Centre staff: protection cases by route and state, and applied for per month',
    resolve: (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      return {};
    },
  }),
  protectionCase: t.field({
    type: ProtectionCase,
    nullable: true,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'COURT'),
    description: 'A protection case by its id: its parties, centre staff and the court it was referred to read it; null otherwise, as for none',
    args: { id: t.arg.id({ required: true, description: "The case's id" }) },
    resolve: (_root, { id }, ctx) => readableCase(ctx, String(id)),
  }),
  protectionCases: t.field({
    type: CaseConnection,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'COURT'),
    description: 'Staff: every case; an enterprise: those it is a party to; a court: those referred to it',
    args: {
      state: t.arg({ type: State, description: 'Only cases in this state; omitted, cases in every state' }),
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, ctx) => {
      const identity = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE', 'COURT');
      const page = pageRequest(args.first, args.after);
      const read = listRead(page, args.updatedSince, args.orderBy);
      const filter: ProtectionFilter = {
        ...(args.state ? { state: args.state } : {}),
        ...(identity.role === 'ENTERPRISE' ? { enterpriseId: identity.enterpriseId ?? '' } : {}),
        ...(identity.role === 'COURT' ? { referredTo: identity.organization ?? '' } : {}),
      };
      const rows = await ctx.store.protection.page(filter, read, page.first + 1);
      for (const c of rows) ctx.loaders.protectionCase.prime(c.id, c);
      const since = read.order === 'ID' ? undefined : read.since || undefined;
      return toConnection(rows, page, cursorKeyOf(read), () => ctx.store.protection.count(filter, since));
    },
  }),
}));

/** The most one application names: what one case is about, and a bound on what it writes and tells. */
const MAX_RESPONDENTS = 20;
const MAX_RIGHTS = 20;
const MAX_EVIDENCE = 50;

const PartyInput = builder.inputType('CasePartyInput', {
  description: 'A party named in an application for protection',
  fields: (t) => ({
    name: t.string({ required: true, description: "The party's name, 1 to 200 characters" }),
    enterpriseId: t.id({ description: 'When the party is a registered enterprise' }),
  }),
});
const RightInput = builder.inputType('IpRightInput', {
  description: 'An IP right an application for protection concerns',
  fields: (t) => ({
    rightKind: t.field({ type: RightKind, description: `${RIGHT_KIND_INPUT}: PATENT, TRADEMARK or COPYRIGHT` }),
    kind: t.field({ type: IpRightKindEnum, description: 'What kind of right it is', deprecationReason: deprecatedKind('rightKind') }),
    number: t.string({
      required: true,
      description:
        "The right's number: a patent's application number with its check digit (INVALID_PATENT_NUMBER when it does not parse or check); another's, 1 to 64 characters",
    }),
  }),
});
const ApplyInput = builder.inputType('ApplyForProtectionInput', {
  description: 'An application for rights-protection assistance or dispute resolution',
  fields: (t) => ({
    kind: t.field({ type: Kind, required: true, description: 'What the case is about' }),
    route: t.field({ type: Route, required: true, description: 'How the claimant asks it to be resolved' }),
    summary: t.string({ required: true, description: "The claimant's account of the case, 1 to 2000 characters" }),
    claimant: t.field({ type: PartyInput, required: true, description: 'An enterprise key applies as itself' }),
    respondents: t.field({ type: [PartyInput], required: true, description: `The parties applied against: 1 to ${MAX_RESPONDENTS}` }),
    ipRights: t.field({ type: [RightInput], required: true, description: `The IP rights concerned: 1 to ${MAX_RIGHTS}` }),
    evidenceIds: t.idList({ description: "Evidence deposits to cite: the claimant's own" }),
    evaluationReportDigest: t.string({
      description:
        "SHA-256 (hex) of CNIPA's patent evaluation report (专利权评价报告) on each utility model or design the case names, required for their administrative adjudication (Patent Law art. 66(2); EVALUATION_REPORT_REQUIRED without it)",
    }),
    knownSince: t.field({
      type: 'Date',
      description:
        'The day the claimant knew, or should have known, of the harm and who caused it: the three-year limitation period runs from it (Civil Code art. 188; Patent Law art. 74). Not in the future; the case carries limitationEndsOn',
    }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('application') }),
  }),
});
const MoveInput = builder.inputType('MoveProtectionCaseInput', {
  description: 'One move of a protection case, by centre staff',
  fields: (t) => ({
    caseId: t.id({ required: true, description: "The case's id" }),
    to: t.field({ type: State, required: true, description: "The state to move it to: one of the case's nextStates, else INVALID_TRANSITION" }),
    note: t.string({ description: "A note kept with the move in the case's history, 1 to 2000 characters" }),
    court: t.string({ description: 'The court, when the case is REFERRED' }),
  }),
});

/** A right as stored, a patent's number canonical; `field` is the right's place in the input (ipRights[1]). */
function right(r: { rightKind?: RightKindValue | null; kind?: IpRight['kind'] | null; number: string }, field: string): IpRight {
  const kind = rightKindOf(r, IP_RIGHT_KINDS, field);
  if (kind !== 'PATENT') return { kind, number: text(r.number, `${field}.number`, 64) };
  const parsed = parsePatentNumber(r.number);
  if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field: `${field}.number` });
  return { kind: 'PATENT', number: parsed.canonical };
}

/**
 * Every cited deposit exists and was made by the claimant (asked of the evidence subgraph), each
 * asked once. One of another's refuses the whole (FORBIDDEN) before any missing one is listed;
 * each missing one is named by its first place in `cited`, the input's list.
 */
async function checkCitations(ctx: CasesContext, cited: readonly string[], claimantId: string): Promise<void> {
  const found = new Map<string, { depositor: { id: string } } | null>();
  for (const id of cited) {
    if (found.has(id)) continue;
    const { evidence } = await ctx.hub<{ evidence: { depositor: { id: string } } | null }>('query ($id: ID!) { evidence(id: $id) { depositor { id } } }', {
      id,
    });
    found.set(id, evidence);
  }
  for (const [id, evidence] of found)
    if (evidence !== null && evidence.depositor.id !== claimantId) throw forbidden(`evidence ${id} was not deposited by the claimant`);
  checkEach(cited, (id, i) => {
    if (found.get(id) === null && cited.indexOf(id) === i) throw failure('NOT_FOUND', `evidence ${id} does not exist`, { field: `evidenceIds[${i}]` });
  });
}

mutationForms(builder, {
  name: 'applyForProtection',
  payload: 'protectionCaseFile',
  object: 'case',
  type: ProtectionCase,
  description: 'An enterprise (or staff for it) applies for rights-protection assistance or dispute resolution',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: ApplyInput, required: true, description: 'The application' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE');
    const claimantId = input.claimant.enterpriseId === null || input.claimant.enterpriseId === undefined ? undefined : String(input.claimant.enterpriseId);
    if (identity.role === 'ENTERPRISE' && claimantId !== identity.enterpriseId)
      throw forbidden('an enterprise key applies only as its own enterprise: claimant.enterpriseId');
    const cited = (input.evidenceIds ?? []).map(String);
    // The rights that parse, for the checks that depend on them: a bad one is the rights' check's problem, told once.
    const parsedRights = input.ipRights.flatMap((r, i) => {
      try {
        return [right(r, `ipRights[${i}]`)];
      } catch {
        return [];
      }
    });
    const checked = await checkInput({
      claimantId: () => {
        if (claimantId === undefined) throw badInput('the claimant must be a registered enterprise: give claimant.enterpriseId', 'claimant.enterpriseId');
        return claimantId;
      },
      claimantName: () => text(input.claimant.name, 'claimant.name', 200),
      respondents: () => {
        if (input.respondents.length === 0) throw badInput('name at least one respondent', 'respondents');
        if (input.respondents.length > MAX_RESPONDENTS) throw badInput(`name at most ${MAX_RESPONDENTS} respondents in one application`, 'respondents');
        return checkEach(input.respondents, (r, i) => ({
          role: 'RESPONDENT' as const,
          enterpriseId: r.enterpriseId === null || r.enterpriseId === undefined ? null : String(r.enterpriseId),
          name: text(r.name, `respondents[${i}].name`, 200),
        }));
      },
      ipRights: () => {
        if (input.ipRights.length === 0) throw badInput('name at least one IP right concerned', 'ipRights');
        if (input.ipRights.length > MAX_RIGHTS) throw badInput(`name at most ${MAX_RIGHTS} IP rights in one application`, 'ipRights');
        return checkEach(input.ipRights, (r, i) => right(r, `ipRights[${i}]`));
      },
      evidenceIds: () => {
        if (cited.length > MAX_EVIDENCE) throw badInput(`cite at most ${MAX_EVIDENCE} deposits in one application`, 'evidenceIds');
        return [...new Set(cited)];
      },
      summary: () => text(input.summary, 'summary', 2000),
      knownSince: () => {
        const known = input.knownSince ?? null;
        if (known !== null && known > today()) throw badInput('knownSince is in the future: the day the claimant learned of the harm', 'knownSince');
        return known;
      },
      route: () => {
        const refusal = routeRefusal(input.kind, input.route, parsedRights);
        if (refusal !== undefined) throw failure('ROUTE_NOT_AVAILABLE', refusal, { field: 'route' });
      },
      evaluationReportDigest: () => {
        const digest = input.evaluationReportDigest?.trim().toLowerCase() || null;
        if (digest !== null && !/^[0-9a-f]{64}$/.test(digest))
          throw failure('INVALID_DIGEST', 'evaluationReportDigest must be a SHA-256 digest: 64 hexadecimal characters', { field: 'evaluationReportDigest' });
        const unreported = needingEvaluationReport(input.route, parsedRights);
        if (unreported.length > 0 && digest === null) {
          throw failure(
            'EVALUATION_REPORT_REQUIRED',
            `adjudicating an infringement of ${unreported.map((r) => r.number).join(', ')} (utility model or design) needs CNIPA's patent evaluation report (Patent Law art. 66(2)): request it from CNIPA and give its SHA-256 as evaluationReportDigest, or choose mediation or the court`,
            { field: 'evaluationReportDigest', patents: unreported.map((r) => r.number) },
          );
        }
        return digest;
      },
    });
    const { claimantId: claimant, summary, ipRights, evidenceIds } = checked;
    const parties: Party[] = [{ role: 'CLAIMANT', enterpriseId: claimant, name: checked.claimantName }, ...checked.respondents];
    const given = {
      kind: input.kind,
      route: input.route,
      summary,
      parties,
      ipRights,
      evidenceIds,
      knownSince: checked.knownSince,
      evaluationReportDigest: checked.evaluationReportDigest,
    };
    return createOnce<ProtectionCaseRecord>(identity, {
      mutation: 'applyForProtection',
      what: 'protection case',
      key: idempotencyKey(input.idempotencyKey),
      given,
      stored: (id) => ctx.loaders.protectionCase.load(id),
      create: async (id) => {
        await checkCitations(ctx, cited, claimant);
        const at = new Date().toISOString();
        const applied: NewProtectionCase = {
          id,
          ...given,
          state: 'APPLIED',
          referredTo: null,
          appliedAt: at,
          outcomeAt: null,
          outcomeReceipt: null,
        };
        const record: ProtectionCaseRecord = { ...applied, updatedAt: at };
        const first = workflowEvent(identity, at, null, 'APPLIED' as const, null);
        await ctx.store.protection.insert(applied, first, [protectionFiled(record, first)]);
        return record;
      },
    });
  },
});

mutationForms(builder, {
  name: 'moveProtectionCase',
  payload: 'protectionCaseMove',
  object: 'case',
  type: ProtectionCase,
  description: 'Centre staff move a case one step; outcomes are anchored in the ledger; REFERRED names the court',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: MoveInput, required: true, description: 'The case and the state to move it to' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const id = String(input.caseId);
    const to: ProtectionState = input.to;
    const { current, court, note } = await checkInput({
      current: async () => {
        const found = await ctx.loaders.protectionCase.load(id);
        if (found === undefined) throw failure('NOT_FOUND', `protection case ${id} does not exist`, { field: 'caseId' });
        requireMove('case', found.state, to, nextProtectionStates(found.state));
        return found;
      },
      court: () => {
        const named = optionalText(input.court, 'court', 200) ?? undefined;
        if (to === 'REFERRED' && named === undefined) throw badInput('a referral names the court: give court', 'court');
        if (to !== 'REFERRED' && named !== undefined) throw badInput('court is given only when the case is REFERRED', 'court');
        return named;
      },
      note: () => optionalText(input.note, 'note', 2000),
    });
    const at = new Date().toISOString();
    const event = workflowEvent(staff, at, current.state, to, note);
    // A referral is an outcome: the court it names is signed with it.
    const decision = isOutcome(to) ? protectionOutcome(id, to, at, note, court ?? null) : null;
    return moveClaimed(ctx.ledger, ctx.store.protection, { id, subject: `protection:${id}`, from: current.state, event, decision }, (e, signed) => {
      // The court as signed: a dead request's referral, finished, names its own.
      const referredTo = signed?.document.court;
      const changes: { referredTo?: string; outcomeAt?: string; outcomeReceipt?: Receipt } = {
        ...(typeof referredTo === 'string' ? { referredTo } : {}),
        ...(signed === null ? {} : { outcomeAt: e.at, outcomeReceipt: signed.receipt }),
      };
      // updatedAt as the store keeps it: never earlier than it was.
      const after: ProtectionCaseRecord = { ...current, ...changes, state: e.to, updatedAt: e.at > current.updatedAt ? e.at : current.updatedAt };
      return { changes, after, notify: [protectionMoved(after, e)] };
    });
  },
});
