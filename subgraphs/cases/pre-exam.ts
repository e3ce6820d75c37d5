// Patent pre-examination cases (专利预审): filing, the workflow, history, ledger-anchored
// decisions and cycle-time statistics.

import { failure } from '../../platform/errors.js';
import { monthOf } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
// The number format is a public standard, not the enterprises subgraph's data.
import { parsePatentNumber } from '../../standards/patent-number.js';
import { canActFor, requireActFor, requireIdentity, requireRole } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, describedValues, pageArgDescriptions, workflowEventType } from '../common/shared-types.js';
import { cursorKeyOf, listRead, syncArgDescriptions } from '../common/sync.js';
import { checkInput, optionalText, text } from '../common/validation.js';
import { requireMove, workflowEvent } from '../common/workflow-event.js';
import { builder, Enterprise, LedgerReceipt, ListOrder, PageInfo, Patent, Role } from './builder.js';
import type { CasesContext } from './context.js';
import { moveClaimed, preExamDecision } from './decision.js';
import type { NewPreExamCase, PreExamCaseRecord } from './domain/model.js';
import {
  cycleDays,
  type CycleStatistics,
  cycleStatistics,
  isDecision,
  nextStates,
  PRE_EXAM_STATE_MEANINGS,
  PRE_EXAM_STATES,
  type PreExamState,
} from './domain/workflow.js';
import { preExamFiled, preExamMoved } from './notices.js';
import type { PreExamFilter } from './store/port.js';

const State = builder.enumType('PreExamState', {
  description: 'Where a pre-examination case stands: RECEIVED, CLASSIFIED, EXAMINING, QUALITY_CHECK, then PASSED or RETURNED, then ARCHIVED',
  values: describedValues(PRE_EXAM_STATES, PRE_EXAM_STATE_MEANINGS),
});

const Event = workflowEventType(builder, 'CaseEvent', 'a case', State, Role);

const PreExamCase = builder.objectRef<PreExamCaseRecord>('PreExamCase');
PreExamCase.implement({
  description: 'A patent pre-examination case (专利预审)',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The pre-examination case's id in the hub (a UUID)" }),
    enterprise: t.field({
      type: Enterprise,
      description: 'The applicant: the enterprise the application was filed for',
      resolve: (c) => ({ id: c.enterpriseId }),
    }),
    patent: t.field({
      type: Patent,
      nullable: true,
      description: 'The registered patent of its application number; null while none is registered, or for a caller who may not read it',
      resolve: (c) => ({ applicationNumber: c.applicationNumber }),
    }),
    applicationNumber: t.exposeString('applicationNumber', {
      description: 'The patent application number (专利申请号) in canonical form: digits, ".", check digit, e.g. 201510958772.0',
    }),
    title: t.exposeString('title', { description: "The application's title, as filed" }),
    industry: t.exposeString('industry', { description: "The applicant's industry, as filed: cycle times are reported per industry" }),
    state: t.field({ type: State, description: 'Where the case stands in the pre-examination workflow', resolve: (c) => c.state }),
    nextStates: t.field({ type: [State], description: 'Where centre staff may move it next', resolve: (c) => nextStates(c.state) }),
    receivedAt: t.field({ type: 'DateTime', description: 'When the case was filed (and entered RECEIVED)', resolve: (c) => c.receivedAt }),
    decidedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was decided (PASSED or RETURNED); null while undecided',
      resolve: (c) => c.decidedAt,
    }),
    cycleDays: t.float({
      nullable: true,
      description: 'Days from receipt to decision',
      resolve: (c) => (c.decidedAt === null ? null : cycleDays(c.receivedAt, c.decidedAt)),
    }),
    decisionReceipt: t.field({ type: LedgerReceipt, nullable: true, description: 'The CASE_DECISION ledger entry', resolve: (c) => c.decisionReceipt }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed: filed, then each move, its decision among them (preExamCases(updatedSince:) syncs by it)',
      resolve: (c) => c.updatedAt,
    }),
    events: t.field({
      type: [Event],
      description: "The case's history: its filing and every move, oldest first",
      resolve: (c, _args, ctx) => ctx.loaders.eventsOf.load(c.id),
    }),
  }),
});
builder.asEntity(PreExamCase, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableCase(ctx, ref.id),
});

/** The case if the caller may read it; null alike when there is none and when it is another's (no answer says which). */
async function readableCase(ctx: CasesContext, id: string): Promise<PreExamCaseRecord | null> {
  const identity = requireIdentity(ctx);
  const found = await ctx.loaders.preExamCase.load(id);
  return found !== undefined && canActFor(identity, found.enterpriseId) ? found : null;
}

builder.objectFields(Enterprise, (t) => ({
  preExamCases: t.field({
    type: [PreExamCase],
    nullable: true,
    description: "The enterprise's pre-examination cases, newest first",
    resolve: (e, _args, ctx) => {
      requireActFor(ctx, e.id);
      return ctx.loaders.preExamCasesOf.load(e.id);
    },
  }),
}));

const CaseConnection = connectionType(builder, 'PreExamCase', PreExamCase, PageInfo);

const CycleTime = builder.objectRef<CycleStatistics>('CycleTimeStatistics').implement({
  description: 'Days from receipt to decision (PASSED or RETURNED)',
  fields: (t) => ({
    decided: t.exposeInt('decided', { description: 'How many cases were decided (PASSED or RETURNED)' }),
    averageDays: t.exposeFloat('averageDays', { nullable: true, description: 'The mean, in days to 2 decimals; null when none was decided' }),
    medianDays: t.exposeFloat('medianDays', { nullable: true, description: 'The median (nearest rank), as p90Days' }),
    p90Days: t.exposeFloat('p90Days', { nullable: true, description: 'The 90th percentile (nearest rank), in days to 2 decimals; null when none was decided' }),
    decidedWithin7Days: t.exposeInt('decidedWithin7Days', { description: 'How many were decided within 7 days (the target)' }),
    shareWithin7Days: t.float({ nullable: true, description: 'Share decided within 7 days, 0 to 1', resolve: (s) => s.within7Days }),
  }),
});
const Group = builder.objectRef<{ key: string; stats: CycleStatistics }>('CycleTimeGroup').implement({
  description: 'The cycle times of the decided cases of one industry, or of one month of decision',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The industry, or the month YYYY-MM of the decision' }),
    cycleTime: t.field({ type: CycleTime, description: "The group's cycle times", resolve: (g) => g.stats }),
  }),
});
const Statistics = builder
  .objectRef<{ overall: CycleStatistics; byIndustry: { key: string; stats: CycleStatistics }[]; byMonth: { key: string; stats: CycleStatistics }[] }>(
    'PreExamStatistics',
  )
  .implement({
    description: 'Cycle times of pre-examination, from receipt to decision: overall, per industry and per month of decision',
    fields: (t) => ({
      overall: t.field({ type: CycleTime, description: 'Over every decided case', resolve: (s) => s.overall }),
      byIndustry: t.field({
        type: [Group],
        description: 'One group per industry as filed, in order of the industry; an industry without a decided case has none',
        resolve: (s) => s.byIndustry,
      }),
      byMonth: t.field({
        type: [Group],
        description: "One group per month of decision (YYYY-MM, in the hub's time zone), oldest first; a month without a decision has none",
        resolve: (s) => s.byMonth,
      }),
    }),
  });

function grouped(rows: { key: string; days: number }[]): { key: string; stats: CycleStatistics }[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const days = by.get(r.key);
    if (days === undefined) by.set(r.key, [r.days]);
    else days.push(r.days);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([key, days]) => ({ key, stats: cycleStatistics(days) }));
}

builder.queryFields((t) => ({
  preExamCase: t.field({
    type: PreExamCase,
    nullable: true,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    description: 'A pre-examination case by its id: its enterprise and centre staff read it; null otherwise, as for none',
    args: { id: t.arg.id({ required: true, description: "The case's id" }) },
    resolve: (_root, { id }, ctx) => readableCase(ctx, String(id)),
  }),
  preExamCases: t.field({
    type: CaseConnection,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    description: 'Centre staff: every case; an enterprise: its own',
    args: {
      state: t.arg({ type: State, description: 'Only cases in this state; omitted, cases in every state' }),
      updatedSince: t.arg({ type: 'DateTime', description: syncArgDescriptions.updatedSince }),
      orderBy: t.arg({ type: ListOrder, description: syncArgDescriptions.orderBy }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: async (_root, args, ctx) => {
      const identity = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE');
      const page = pageRequest(args.first, args.after);
      const read = listRead(page, args.updatedSince, args.orderBy);
      const filter: PreExamFilter = {
        ...(args.state ? { state: args.state } : {}),
        ...(identity.role === 'ENTERPRISE' ? { enterpriseId: identity.enterpriseId ?? '' } : {}),
      };
      const rows = await ctx.store.preExam.page(filter, read, page.first + 1);
      for (const c of rows) ctx.loaders.preExamCase.prime(c.id, c);
      const since = read.order === 'ID' ? undefined : read.since || undefined;
      return toConnection(rows, page, cursorKeyOf(read), () => ctx.store.preExam.count(filter, since));
    },
  }),
  preExamStatistics: t.field({
    type: Statistics,
    tag: calledBy('CENTER_STAFF'),
    description: 'Cycle times from receipt to decision: overall, per industry, per month of decision',
    resolve: async (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      const decided = (await ctx.store.preExam.decided()).map((c) => ({ ...c, days: cycleDays(c.receivedAt, c.decidedAt) }));
      return {
        overall: cycleStatistics(decided.map((c) => c.days)),
        byIndustry: grouped(decided.map((c) => ({ key: c.industry, days: c.days }))),
        byMonth: grouped(decided.map((c) => ({ key: monthOf(c.decidedAt), days: c.days }))),
      };
    },
  }),
}));

const FileInput = builder.inputType('FilePreExaminationInput', {
  description: 'A patent application filed for pre-examination',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: "The applicant enterprise's id: an enterprise's key files only for its own" }),
    applicationNumber: t.string({
      required: true,
      description:
        'The patent application number with its check digit; a CN or ZL prefix, spaces and the "." may be given; INVALID_PATENT_NUMBER when it does not parse or check',
    }),
    title: t.string({ required: true, description: "The application's title, 1 to 500 characters" }),
    industry: t.string({ required: true, description: "The applicant's industry, 1 to 100 characters: cycle times are reported per industry" }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('filing') }),
  }),
});
const MoveInput = builder.inputType('MovePreExamCaseInput', {
  description: 'One move of a pre-examination case, by centre staff',
  fields: (t) => ({
    caseId: t.id({ required: true, description: "The case's id" }),
    to: t.field({ type: State, required: true, description: "The state to move it to: one of the case's nextStates, else INVALID_TRANSITION" }),
    note: t.string({ description: "A note kept with the move in the case's history, 1 to 2000 characters" }),
  }),
});

mutationForms(builder, {
  name: 'filePreExamination',
  payload: 'preExamCaseFile',
  object: 'case',
  type: PreExamCase,
  description: 'An enterprise (or staff for it) files a patent application for pre-examination',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: FileInput, required: true, description: 'The application to file' }) }),
  resolve: async ({ input }, ctx) => {
    const enterpriseId = String(input.enterpriseId);
    const identity = requireActFor(ctx, enterpriseId);
    const checked = await checkInput({
      applicationNumber: () => {
        const parsed = parsePatentNumber(input.applicationNumber);
        if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field: 'applicationNumber' });
        return parsed.canonical;
      },
      title: () => text(input.title, 'title', 500),
      industry: () => text(input.industry, 'industry', 100),
    });
    const given = { enterpriseId, ...checked };
    return createOnce<PreExamCaseRecord>(identity, {
      mutation: 'filePreExamination',
      what: 'pre-examination case',
      key: idempotencyKey(input.idempotencyKey),
      given,
      stored: (id) => ctx.loaders.preExamCase.load(id),
      create: async (id) => {
        const at = new Date().toISOString();
        const filed: NewPreExamCase = { id, ...given, state: 'RECEIVED', receivedAt: at, decidedAt: null, decisionReceipt: null };
        const record: PreExamCaseRecord = { ...filed, updatedAt: at };
        const first = workflowEvent(identity, at, null, 'RECEIVED' as const, null);
        await ctx.store.preExam.insert(filed, first, [preExamFiled(record, first)]);
        return record;
      },
    });
  },
});

mutationForms(builder, {
  name: 'movePreExamCase',
  payload: 'preExamCaseMove',
  object: 'case',
  type: PreExamCase,
  description: 'Centre staff move a case one step; PASSED and RETURNED are anchored in the ledger',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: MoveInput, required: true, description: 'The case and the state to move it to' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const id = String(input.caseId);
    const to: PreExamState = input.to;
    const { current, note } = await checkInput({
      current: async () => {
        const found = await ctx.loaders.preExamCase.load(id);
        if (found === undefined) throw failure('NOT_FOUND', `pre-examination case ${id} does not exist`, { field: 'caseId' });
        requireMove('case', found.state, to, nextStates(found.state));
        return found;
      },
      note: () => optionalText(input.note, 'note', 2000),
    });
    const at = new Date().toISOString();
    const event = workflowEvent(staff, at, current.state, to, note);
    const decision = isDecision(to) ? preExamDecision(current, to, at, note) : null;
    return moveClaimed(ctx.ledger, ctx.store.preExam, { id, subject: `pre-exam:${id}`, from: current.state, event, decision }, (e, signed) => {
      const changes = signed === null ? {} : { decidedAt: e.at, decisionReceipt: signed.receipt };
      // updatedAt as the store keeps it: never earlier than it was.
      const after: PreExamCaseRecord = { ...current, ...changes, state: e.to, updatedAt: e.at > current.updatedAt ? e.at : current.updatedAt };
      return { changes, after, notify: [preExamMoved(after, e)] };
    });
  },
});
