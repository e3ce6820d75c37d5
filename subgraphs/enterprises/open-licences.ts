// Open licences of patents (开放许可, Patent Law 2020 arts. 50-51), recorded as the register has
// them: centre staff record CNIPA's announcement of a patentee's declaration and of its withdrawal
// (both OPEN_LICENCE_DECLARATION entries on the ledger, under a claim on the patent: right-acts.ts),
// and anyone takes an ordinary licence by written notice (art. 51(1)), recorded as a
// LICENCE_REGISTRATION like any licence. While a declaration stands no exclusive or sole licence is
// recorded (art. 51(3): rights.ts registerLicence). The refusals of a declaration are the
// Implementing Regulations' (2023) rule 86, as far as the hub sees them: an exclusive or sole
// licence in force (1), a court's freeze (2, the suspension of rule 104), an unpaid annual fee (3),
// a pledge (4: the hub cannot record a pledgee's consent to a declaration, so any active pledge
// refuses it); and, as every act on the patent, a transfer waiting for its day (TRANSFER_PENDING).

import { badInput, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { requireActFor, requireRole } from '../common/auth.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { checkInput, optionalText, text } from '../common/validation.js';
import { builder, canonicalPatentNumber, Patent } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { WHOLE_COUNTRY } from './domain/licences.js';
import { type LicenceRecord, type OpenLicenceRecord, type PatentRecord, rightKey } from './domain/model.js';
import { exclusiveInForce, needsEvaluationReport, type OpenLicenceRefusal, openLicenceTakeDigest, openOn, stands } from './domain/open-licences.js';
import { signOnRight } from './right-acts.js';
import {
  type CurrentRight,
  findLicence,
  firstOverlap,
  LedgerReceipt,
  Licence,
  overlapping,
  patentRight,
  requireDisposable,
  requireFeesPaid,
  requireNoPendingTransfer,
  stale,
} from './rights.js';

const MAX_ROYALTY = 500;
const MAX_REPORT_NUMBER = 100;

const OpenLicence = builder.objectRef<OpenLicenceRecord>('OpenLicence').implement({
  description:
    "A patent's open licence (开放许可, Patent Law art. 50): its patentee declared to CNIPA that anyone may exploit it on the royalty stated, and CNIPA announced it. Anyone takes an ordinary licence by written notice and paying that royalty (art. 51(1)); while it stands no exclusive or sole licence is given (art. 51(3))",
  fields: (t) => ({
    announcedOn: t.field({ type: 'Date', description: 'The day CNIPA announced the declaration', resolve: (d) => d.announcedOn }),
    royalty: t.exposeString('royalty', { description: 'How the royalty is paid and how much (许可使用费支付方式、标准), as declared' }),
    evaluationReportNumber: t.exposeString('evaluationReportNumber', {
      nullable: true,
      description: "The patent evaluation report (专利权评价报告) a utility model's or design's declaration comes with (art. 50(1)); null for an invention",
    }),
    withdrawnOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day CNIPA announced its withdrawal (art. 50(2)); null while it stands. Licences taken before stand',
      resolve: (d) => d.withdrawal?.withdrawnOn ?? null,
    }),
    open: t.boolean({
      description: 'Whether it is open today (announced, not withdrawn): a licence may be taken by notice (takeOpenLicence)',
      resolve: (d) => openOn(d, today()),
    }),
    receipt: t.field({ type: LedgerReceipt, description: 'Its OPEN_LICENCE_DECLARATION ledger entry (state DECLARED)', resolve: (d) => d.receipt }),
    withdrawalReceipt: t.field({
      type: LedgerReceipt,
      nullable: true,
      description: 'The OPEN_LICENCE_DECLARATION ledger entry of its withdrawal (state WITHDRAWN); null while it stands',
      resolve: (d) => d.withdrawal?.receipt ?? null,
    }),
  }),
});

builder.objectFields(Patent, (t) => ({
  openLicence: t.field({
    type: OpenLicence,
    nullable: true,
    description:
      'Its latest open licence declaration (开放许可, Patent Law art. 50), standing or withdrawn; null when it was never declared. Read as the patent is',
    resolve: async (p, _args, ctx) => (await ctx.loaders.openLicence.load(p.applicationNumber)) ?? null,
  }),
}));

const refused = (reason: OpenLicenceRefusal, message: string, extensions: Record<string, unknown> = {}) =>
  failure('OPEN_LICENCE_REFUSED', message, { reason, ...extensions });

/** The patent the input names, as it stands today: INVALID_PATENT_NUMBER or NOT_FOUND at applicationNumber. */
async function patentOf(ctx: EnterprisesContext, number: string): Promise<CurrentRight & { readonly record: PatentRecord }> {
  ctx.loaders.patent.clearAll();
  const stored = await ctx.loaders.patent.load(number);
  if (stored === undefined) throw failure('NOT_FOUND', `patent ${number} does not exist`, { field: 'applicationNumber' });
  return patentRight(stored);
}

const patentNumber = (value: string): string => {
  try {
    return canonicalPatentNumber(value);
  } catch (err) {
    throw failure('INVALID_PATENT_NUMBER', (err as Error).message, { field: 'applicationNumber' });
  }
};

const notInFuture = (value: string, field: string, what: string): string => {
  if (value > today()) throw badInput(`${field} is in the future: record ${what} once it has happened`, field);
  return value;
};

/** The latest declaration of the patent, read again (not from this request's cache). */
async function latestDeclaration(ctx: EnterprisesContext, number: string): Promise<OpenLicenceRecord | undefined> {
  ctx.loaders.openLicence.clear(number);
  return ctx.loaders.openLicence.load(number);
}

/** Refuses a declaration while an exclusive or sole licence runs on `announcedOn` or after (rule 86(1)). */
async function requireNoExclusiveLicence(ctx: EnterprisesContext, p: CurrentRight, announcedOn: string): Promise<void> {
  const found = await findLicence(ctx, p.ref, (page) => exclusiveInForce(page, announcedOn));
  if (found !== undefined) {
    throw refused(
      'EXCLUSIVE_LICENCE',
      `patent ${p.ref.number} is under ${found.kind} licence ${found.id} until ${found.endDate}: no open licence while an exclusive or sole licence is in force (Implementing Regulations 2023 rule 86(1); Patent Law art. 51(3)); record the declaration once it has ended`,
      { licenceId: found.id },
    );
  }
}

/** Refuses a declaration of a patent in an active pledge (rule 86(4): 专利权被质押，未经质权人同意的). */
async function requireNotPledged(ctx: EnterprisesContext, p: CurrentRight): Promise<void> {
  const { activePledgesOn } = await ctx.hub<{ activePledgesOn: { id: string; pledgee: { name: string } }[] }>(
    'query ($asset: IpAssetInput!) { activePledgesOn(asset: $asset) { id pledgee: bank { name } } }',
    { asset: { rightKind: 'PATENT', id: p.ref.number } },
  );
  const pledge = activePledgesOn[0];
  if (pledge === undefined) return;
  throw refused(
    'PLEDGED',
    `patent ${p.ref.number} is pledged to ${pledge.pledgee.name} (pledge ${pledge.id}): a pledged patent is not declared open without its pledgee's consent (Implementing Regulations 2023 rule 86(4)), which the hub does not record for a declaration; record the declaration once the pledge is released`,
    { pledgeId: pledge.id, pledgee: pledge.pledgee.name },
  );
}

const DeclareInput = builder.inputType('DeclareOpenLicenceInput', {
  description: "What declareOpenLicence takes: CNIPA's announcement of a patentee's open licence declaration (开放许可声明, Patent Law art. 50)",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: 'The patent: granted, in force, not frozen, its annual fee paid; in any accepted form' }),
    royalty: t.string({
      required: true,
      description: `How the royalty is paid and how much (许可使用费支付方式、标准), as declared, e.g. 按年销售额的 2% 支付; 1 to ${MAX_ROYALTY} characters`,
    }),
    announcedOn: t.field({ type: 'Date', required: true, description: 'The day CNIPA announced it: not in the future, not before the grant' }),
    evaluationReportNumber: t.string({
      description: `The patent evaluation report (专利权评价报告) declared with it, 1 to ${MAX_REPORT_NUMBER} characters: required for a utility model or design (Patent Law art. 50(1)); none for an invention, for which CNIPA makes none (art. 66(2))`,
    }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('declaration') }),
  }),
});

mutationForms(builder, {
  name: 'declareOpenLicence',
  payload: 'openLicenceDeclare',
  object: 'openLicence',
  type: OpenLicence,
  description:
    "Centre staff record CNIPA's announcement of a patent's open licence (开放许可, Patent Law art. 50), on the ledger as OPEN_LICENCE_DECLARATION. Refused for a patent not granted or not in force (INVALID_TRANSITION), frozen (ASSET_FROZEN), its annual fee late (ANNUAL_FEE_OVERDUE), open already, under an exclusive or sole licence in force, or pledged (OPEN_LICENCE_REFUSED with extensions.reason; Implementing Regulations 2023 rule 86)",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: DeclareInput, required: true, description: 'The declaration as announced' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { number, royalty, announcedOn, report, key } = await checkInput({
      number: () => patentNumber(input.applicationNumber),
      royalty: () => text(input.royalty, 'royalty', MAX_ROYALTY),
      announcedOn: () => notInFuture(input.announcedOn, 'announcedOn', "CNIPA's announcement"),
      report: () => optionalText(input.evaluationReportNumber, 'evaluationReportNumber', MAX_REPORT_NUMBER),
      key: () => idempotencyKey(input.idempotencyKey),
    });
    return createOnce<OpenLicenceRecord>(staff, {
      mutation: 'declareOpenLicence',
      what: 'declaration',
      key,
      given: { applicationNumber: number, royalty, announcedOn, evaluationReportNumber: report },
      stored: async (id) => {
        const [latest] = await ctx.store.rights.openLicencesOf([number]);
        return latest?.id === id ? latest : undefined;
      },
      create: async (id) => {
        const p = await patentOf(ctx, number);
        requireDisposable(p, 'LICENCE');
        requireFeesPaid(p, 'OPEN_LICENCE');
        // A patent promised to a transferee is not offered to all (Patent Law art. 10(3): the transferee's from its registration).
        await requireNoPendingTransfer(ctx, p.ref);
        const { type, grantDate } = p.record;
        await checkInput({
          report: () => {
            if (needsEvaluationReport(type) && report === null)
              throw badInput(
                `a ${type === 'DESIGN' ? 'design' : 'utility model'}'s open licence is declared with a patent evaluation report (Patent Law art. 50(1)): give its number`,
                'evaluationReportNumber',
              );
            if (!needsEvaluationReport(type) && report !== null)
              throw badInput(
                'CNIPA makes patent evaluation reports for utility models and designs only (Patent Law art. 66(2)): an invention has none',
                'evaluationReportNumber',
              );
          },
          announcedOn: () => {
            if (grantDate !== null && announcedOn < grantDate)
              throw badInput(`announcedOn ${announcedOn} is before the grant, on ${grantDate}: only a granted patent is declared open`, 'announcedOn');
          },
        });
        const latest = await latestDeclaration(ctx, number);
        if (stands(latest)) {
          throw refused(
            'ALREADY_OPEN',
            `patent ${number} is open already, announced on ${latest.announcedOn}: record its withdrawal (withdrawOpenLicence) before another declaration`,
            { openLicenceAnnouncedOn: latest.announcedOn },
          );
        }
        await requireNoExclusiveLicence(ctx, p, announcedOn);
        await requireNotPledged(ctx, p);
        const declaration = {
          id,
          applicationNumber: number,
          patenteeId: p.ownerId,
          royalty,
          announcedOn,
          evaluationReportNumber: report,
          declaredAt: new Date().toISOString(),
          declaredBy: staff.keyId,
          withdrawal: null,
        };
        const { made, receipt } = await signOnRight(ctx, p.version, { kind: 'OPEN_LICENCE_DECLARATION', declaration }, staff);
        if (made === undefined) throw stale(p.ref, receipt);
        return made;
      },
    });
  },
});

const WithdrawInput = builder.inputType('WithdrawOpenLicenceInput', {
  description: "What withdrawOpenLicence takes: CNIPA's announcement that the patentee withdrew its open licence declaration (Patent Law art. 50(2))",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: 'The patent whose open licence stands; in any accepted form' }),
    withdrawnOn: t.field({
      type: 'Date',
      required: true,
      description: 'The day CNIPA announced the withdrawal: not in the future, not before the declaration was announced. From it no licence is taken by notice',
    }),
  }),
});

mutationForms(builder, {
  name: 'withdrawOpenLicence',
  payload: 'openLicenceWithdraw',
  object: 'openLicence',
  type: OpenLicence,
  description:
    "Centre staff record CNIPA's announcement that a patent's open licence was withdrawn (Patent Law art. 50(2)), on the ledger as OPEN_LICENCE_DECLARATION (state WITHDRAWN). Licences taken before stand; exclusive and sole licences may be recorded again. OPEN_LICENCE_REFUSED (NOT_OPEN) when none stands",
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: WithdrawInput, required: true, description: 'The withdrawal as announced' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { number, withdrawnOn } = await checkInput({
      number: () => patentNumber(input.applicationNumber),
      withdrawnOn: () => notInFuture(input.withdrawnOn, 'withdrawnOn', "CNIPA's announcement"),
    });
    const p = await patentOf(ctx, number);
    // Withdrawn by the patentee before its transfer takes effect, or by the transferee after.
    await requireNoPendingTransfer(ctx, p.ref);
    const declared = await latestDeclaration(ctx, number);
    if (!stands(declared)) {
      throw refused(
        'NOT_OPEN',
        declared === undefined
          ? `patent ${number} was never declared open: there is nothing to withdraw`
          : `patent ${number}'s open licence was withdrawn on ${declared.withdrawal!.withdrawnOn} already`,
      );
    }
    if (withdrawnOn < declared.announcedOn)
      throw badInput(`withdrawnOn ${withdrawnOn} is before the declaration was announced, on ${declared.announcedOn}`, 'withdrawnOn');
    const withdrawal = { withdrawnOn, recordedAt: new Date().toISOString(), recordedBy: staff.keyId };
    const { made, receipt } = await signOnRight(
      ctx,
      p.version,
      { kind: 'OPEN_LICENCE_WITHDRAWAL', declaration: declared, withdrawal, ownerId: p.ownerId },
      staff,
    );
    if (made === undefined) throw stale(p.ref, receipt);
    return made;
  },
});

const TakeInput = builder.inputType('TakeOpenLicenceInput', {
  description: "What takeOpenLicence takes: a licensee's written notice to the patentee under its open licence (Patent Law art. 51(1))",
  fields: (t) => ({
    applicationNumber: t.string({ required: true, description: 'The patent under an open licence; in any accepted form' }),
    licenseeId: t.id({
      required: true,
      description: "The licensee: an enterprise registered with the centre other than the patent's owner; an enterprise key names its own",
    }),
    noticeDate: t.field({
      type: 'Date',
      required: true,
      description: 'The day the written notice was given: the open licence open on it (announced, not withdrawn), not in the future. The licence runs from it',
    }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('licence') }),
  }),
});

mutationForms(builder, {
  name: 'takeOpenLicence',
  payload: 'openLicenceTake',
  object: 'licence',
  type: Licence,
  description:
    "A licence taken under a patent's open licence by the licensee's written notice (Patent Law art. 51(1)): an enterprise key for itself, or centre staff naming the licensee. Recorded as an ORDINARY licence for the whole country from the notice date to the end of the protection, on the declared royalty (openLicence true), on the ledger as LICENCE_REGISTRATION; both parties told. OPEN_LICENCE_REFUSED when the patent is not open on the notice date (NOT_OPEN), the licensee is its owner (LICENSEE_IS_OWNER) or holds a licence under this declaration already (ALREADY_LICENSED)",
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: TakeInput, required: true, description: 'The notice' }) }),
  resolve: async ({ input }, ctx) => {
    const caller = requireRole(ctx, 'CENTER_STAFF', 'ENTERPRISE');
    const licenseeId = String(input.licenseeId);
    if (caller.role === 'ENTERPRISE') requireActFor(ctx, licenseeId);
    const { number, noticeDate, key } = await checkInput({
      number: () => patentNumber(input.applicationNumber),
      noticeDate: () => notInFuture(input.noticeDate, 'noticeDate', 'the notice'),
      key: () => idempotencyKey(input.idempotencyKey),
    });
    const right = { kind: 'PATENT' as const, number };
    return createOnce<LicenceRecord>(caller, {
      mutation: 'takeOpenLicence',
      what: 'licence',
      key,
      given: { right, licenseeId, contractDate: noticeDate },
      stored: async (id) => (await ctx.store.rights.licencesByIds([id]))[0],
      create: async (id) => {
        const p = await patentOf(ctx, number);
        const declared = await latestDeclaration(ctx, number);
        if (declared === undefined || !openOn(declared, noticeDate)) {
          throw refused(
            'NOT_OPEN',
            declared === undefined
              ? `patent ${number} was never declared open: a licence is taken by notice only under an open licence (Patent Law art. 51(1))`
              : `patent ${number}'s open licence was announced on ${declared.announcedOn}${declared.withdrawal === null ? '' : ` and withdrawn on ${declared.withdrawal.withdrawnOn}`}: it was not open on ${noticeDate}, the notice date; a licence is then a contract with the patentee (registerLicence)`,
            { field: 'noticeDate' },
          );
        }
        requireDisposable(p, 'LICENCE');
        requireFeesPaid(p);
        await requireNoPendingTransfer(ctx, p.ref);
        if (licenseeId === p.ownerId)
          throw refused('LICENSEE_IS_OWNER', `the licensee owns patent ${number}: an owner takes no licence of its own patent`, { field: 'licenseeId' });
        if ((await ctx.loaders.enterprise.load(licenseeId)) === undefined)
          throw failure('NOT_FOUND', `enterprise ${licenseeId} does not exist`, { field: 'licenseeId' });
        const contractDigest = openLicenceTakeDigest(declared.id, licenseeId);
        const held = await ctx.store.rights.licenceByContract(rightKey(right), contractDigest);
        if (held !== undefined) throw alreadyLicensed(number, held);
        const registeredAt = new Date().toISOString();
        const licence: Omit<LicenceRecord, 'receipt'> = {
          id,
          right,
          licensorId: p.ownerId,
          licenseeId,
          kind: 'ORDINARY',
          territory: [WHOLE_COUNTRY],
          startDate: noticeDate,
          endDate: p.lastProtectedDay,
          royaltyFen: null,
          royaltyTerms: declared.royalty,
          contractDate: noticeDate,
          effectiveDate: noticeDate,
          contractDigest,
          registeredAt,
          registeredBy: caller.keyId,
          openLicenceId: declared.id,
        };
        const overlap = await firstOverlap(ctx, licence);
        if (overlap !== undefined) throw overlapping(licence, overlap);
        const openLicence = { declaration: declared.id, declarationSeq: declared.receipt.seq, noticeDate };
        const { receipt, made, refusal } = await signOnRight(ctx, p.version, { kind: 'LICENCE', licence, openLicence }, caller);
        if (refusal?.reason === 'DUPLICATE') throw alreadyLicensed(number, refusal.with, receipt.seq);
        if (refusal?.reason === 'OVERLAP') throw overlapping(licence, refusal.with);
        if (made === undefined) throw stale(p.ref, receipt);
        return made;
      },
    });
  },
});

/** ALREADY_LICENSED: a licensee takes one licence under a declaration. */
function alreadyLicensed(number: string, held: LicenceRecord, orphan?: number) {
  return refused(
    'ALREADY_LICENSED',
    `the licensee holds licence ${held.id} under patent ${number}'s open licence already, since ${held.startDate}${orphan === undefined ? '' : ` (ledger entry ${orphan} records nothing that happened)`}`,
    { licenceId: held.id, field: 'licenseeId' },
  );
}
