// Transfers (转让) and licences (许可) of patents and trademarks, recorded by centre staff: each on
// the ledger (RIGHT_TRANSFER, LICENCE_REGISTRATION) with its certificate, under a claim on the right
// made at the version that was checked (right-acts.ts); a transfer moves the right to its new owner. A licence is
// refused on the grounds of 专利实施许可合同备案办法 (2011) art. 12(2) the hub can see: the annual fee in
// its late-payment period (vi), the same contract recorded again (viii), a conflict with a licence
// recorded (x: LICENCE_OVERLAP); one recorded after art. 5's three months is recorded and flagged.

import { randomUUID } from 'node:crypto';

import type { Receipt } from '../../ledger/index.js';
import { badInput, conflict, failure } from '../../platform/errors.js';
import { hubDateOf, today } from '../../platform/hub-calendar.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { pageRequest, toConnection } from '../../platform/pagination.js';
import { addDays } from '../../standards/calendar-date.js';
import { parsePatentNumber } from '../../standards/patent-number.js';
import { regionNames } from '../../standards/region-code.js';
import { requireIdentity, requireRole } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { createOnce, idempotencyKeyHelp } from '../common/create-once.js';
import { describeOutsideParty, outsideParty, sameOutsideParty } from '../common/outside-party.js';
import { mutationForms } from '../common/payload.js';
import { deprecatedKind, RIGHT_KIND_INPUT, type RightKind as AnyRightKindValue, rightKindOf } from '../common/right-kind.js';
import { connectionType, describedValues, fenScalar, ledgerReceiptType, pageArgDescriptions } from '../common/shared-types.js';
import { checkEach, checkInput, optionalText } from '../common/validation.js';
import { builder, Enterprise, PageInfo, Patent, readableEnterprise, RightKind as AnyRightKindEnum, standing, Trademark } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { annualFeeStatus, feeTimeLimits } from './domain/annual-fee.js';
import { LICENCE_KIND_MEANINGS, overlappingLicence, recordedLate, recordingDeadline, RIGHT_KIND_MEANINGS, WHOLE_COUNTRY } from './domain/licences.js';
import {
  LICENCE_KINDS,
  type LicenceKind as LicenceKindValue,
  type LicenceRecord,
  OUTSIDE_PARTY_KIND_MEANINGS,
  OUTSIDE_PARTY_KINDS,
  type OutsideParty as OutsidePartyValue,
  type PatentFreeze,
  type PatentRecord,
  RIGHT_KINDS,
  rightKey,
  type RightKind,
  type RightRef,
  type TrademarkRecord,
  TRANSFER_STATE_MEANINGS,
  TRANSFER_STATES,
  type TransferRecord,
} from './domain/model.js';
import { barredWhileOpen, stands } from './domain/open-licences.js';
import { protectionEnd } from './domain/protection.js';
import { markKey, MAX_SAME_MARK } from './domain/trademark.js';
import { describeRight, signOnRight } from './right-acts.js';
import { trademarkStanding } from './trademark-freezes.js';

/** Who reads a transfer's or licence's enterprises. */
const PARTY_READ = 'an enterprise key reads only its own enterprise here (FORBIDDEN for the other party)';
const CONTRACT_DATE = 'The day the contract was signed; not in the future';

fenScalar(builder);
export const LedgerReceipt = ledgerReceiptType(builder);
const Kind = builder.enumType('LicensableRightKind', {
  description: 'A right transferred and licensed through the centre (RightKind replaces it)',
  values: describedValues(RIGHT_KINDS, RIGHT_KIND_MEANINGS),
});
const LicenceKind = builder.enumType('LicenceKind', {
  description: 'EXCLUSIVE (独占): no one else, the licensor included; SOLE (排他): no other licensee; ORDINARY (普通): others too',
  values: describedValues(LICENCE_KINDS, LICENCE_KIND_MEANINGS),
});

const TransferStateEnum = builder.enumType('TransferState', {
  description:
    'Whether a transfer has moved its right yet: it takes effect on its registration or announcement (Patent Law art. 10(3); Trademark Law art. 42(4))',
  values: describedValues(TRANSFER_STATES, TRANSFER_STATE_MEANINGS),
});

const OutsidePartyKind = builder.enumType('OutsidePartyKind', {
  description: 'What a transferee or licensee outside the registry is: a person, or an entity registered outside the mainland',
  values: describedValues(OUTSIDE_PARTY_KINDS, OUTSIDE_PARTY_KIND_MEANINGS),
});
const OUTSIDE_NO_ID =
  'by name and country alone: no identity number is taken or kept, the contract’s SHA-256 (contractDigest) identifying the contract it signed';
export const OutsideParty = builder.objectRef<OutsidePartyValue>('OutsideParty').implement({
  description: `A transferee or licensee outside the registry (a natural person, or a foreign, Hong Kong, Macao or Taiwan entity), ${OUTSIDE_NO_ID}`,
  fields: (t) => ({
    kind: t.field({ type: OutsidePartyKind, description: 'A person or an entity registered outside the mainland', resolve: (o) => o.kind }),
    name: t.exposeString('name', { description: 'Its name as the contract gives it, trimmed' }),
    country: t.exposeString('country', { description: 'Its country or region: ISO 3166-1 alpha-2, e.g. DE, HK' }),
  }),
});
const OutsidePartyInput = builder.inputType('OutsidePartyInput', {
  description: `A transferee or licensee outside the registry, ${OUTSIDE_NO_ID}. A mainland enterprise or organisation has a unified social credit code (GB 32100-2015): it is a party as an enterprise registered with the centre`,
  fields: (t) => ({
    kind: t.field({ type: OutsidePartyKind, required: true, description: 'INDIVIDUAL (any country, CN included) or FOREIGN_ENTITY (any country but CN)' }),
    name: t.string({ required: true, description: 'Its name as the contract gives it: 1 to 200 characters, trimmed' }),
    country: t.string({
      required: true,
      description: 'Its country or region: ISO 3166-1 alpha-2, two letters, upper-cased (e.g. DE, US, HK); not CN for a FOREIGN_ENTITY',
    }),
  }),
});

const Right = builder.objectRef<RightRef>('LicensableRight').implement({
  description: 'A patent (by application number) or a trademark (by registration number)',
  fields: (t) => ({
    kind: t.field({
      type: Kind,
      description: 'Patent or trademark: how number is read',
      deprecationReason: deprecatedKind('rightKind'),
      resolve: (r) => r.kind,
    }),
    rightKind: t.field({ type: AnyRightKindEnum, description: 'Patent or trademark: how number is read', resolve: (r) => r.kind }),
    number: t.exposeString('number', {
      description: "A patent's application number in canonical form (e.g. 202310123456.7), or a trademark's registration number",
    }),
  }),
});

const certificate = (ctx: EnterprisesContext, receipt: Receipt) => ctx.ledger.certificate(receipt.seq);

const Transfer = builder.objectRef<TransferRecord>('RightTransfer').implement({
  description:
    'A recorded transfer of a right (转让登记): the right moves from one enterprise to another on its effective date (Patent Law art. 10(3); Trademark Law art. 42(4))',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The transfer's id in the hub (a UUID)" }),
    right: t.field({ type: Right, description: 'The right transferred', resolve: (r) => r.right }),
    from: t.field({
      type: Enterprise,
      nullable: true,
      description: `The transferor, the right's owner when the transfer was recorded; ${PARTY_READ}`,
      resolve: (r, _args, ctx) => readableEnterprise(ctx, r.fromEnterpriseId),
    }),
    to: t.field({
      type: Enterprise,
      nullable: true,
      description: `The transferee, to whom the right moves on effectiveDate; ${PARTY_READ}; null for a transferee outside the registry (toOutside)`,
      resolve: (r, _args, ctx) => readableEnterprise(ctx, r.toEnterpriseId),
    }),
    toOutside: t.field({
      type: OutsideParty,
      nullable: true,
      description:
        'The transferee outside the registry (a person, a foreign entity), to whom the right leaves the registry on effectiveDate; null for an enterprise',
      resolve: (r) => r.toOutside ?? null,
    }),
    contractDate: t.field({ type: 'Date', description: 'The day the transfer contract was signed', resolve: (r) => r.contractDate }),
    effectiveDate: t.field({
      type: 'Date',
      description:
        "The day it takes effect: a patent's registration with CNIPA (Patent Law art. 10(3): 专利权的转让自登记之日起生效), a trademark's announcement (Trademark Law art. 42(4): 受让人自公告之日起享有商标专用权). For transfers recorded before it was kept, the day they were recorded",
      resolve: (r) => r.effectiveDate,
    }),
    state: t.field({
      type: TransferStateEnum,
      description: 'PENDING until effectiveDate, the right still its transferor’s; EFFECTIVE once the right moved',
      resolve: (r) => r.state,
    }),
    contractDigest: t.exposeString('contractDigest', { description: 'SHA-256 of the signed contract' }),
    together: t.field({
      type: [Right],
      description:
        "The other rights moved by the same act, under the same contract and RIGHT_TRANSFER entry: a trademark's registrations of the same mark in its class (Trademark Law art. 42(2): 应当一并转让), each recorded as its own transfer of that right; empty for a transfer of one right",
      resolve: (r) => (r.together ?? []).map((part) => part.right),
    }),
    registeredAt: t.field({ type: 'DateTime', description: 'When centre staff recorded it', resolve: (r) => r.registeredAt }),
    receipt: t.field({ type: LedgerReceipt, description: 'The RIGHT_TRANSFER ledger entry (one for every right moved together)', resolve: (r) => r.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'Its certificate (iphub-certificate/v1), checked offline',
      resolve: (r, _args, ctx) => certificate(ctx, r.receipt),
    }),
  }),
});

const Term = builder.objectRef<{ startDate: string; endDate: string }>('LicenceTerm').implement({
  description: "A licence's term: its first and last days, both included",
  fields: (t) => ({
    startDate: t.field({ type: 'Date', description: 'Its first day', resolve: (r) => r.startDate }),
    endDate: t.field({ type: 'Date', description: "Its last day, within the right's protection", resolve: (r) => r.endDate }),
  }),
});

export const Licence = builder.objectRef<LicenceRecord>('Licence').implement({
  description: 'A recorded licence of a right (许可合同备案)',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The licence's id in the hub (a UUID)" }),
    right: t.field({ type: Right, description: 'The right licensed', resolve: (l) => l.right }),
    licensor: t.field({
      type: Enterprise,
      nullable: true,
      description: `The licensor, the right's owner when the licence was recorded; ${PARTY_READ}`,
      resolve: (l, _args, ctx) => readableEnterprise(ctx, l.licensorId),
    }),
    licensee: t.field({
      type: Enterprise,
      nullable: true,
      description: `The licensee; ${PARTY_READ}; null for a licensee outside the registry (outsideLicensee)`,
      resolve: (l, _args, ctx) => readableEnterprise(ctx, l.licenseeId),
    }),
    outsideLicensee: t.field({
      type: OutsideParty,
      nullable: true,
      description: 'The licensee outside the registry (a person, a foreign entity), told of nothing here; null for an enterprise',
      resolve: (l) => l.outsideLicensee ?? null,
    }),
    kind: t.field({ type: LicenceKind, description: 'Exclusive, sole or ordinary', resolve: (l) => l.kind }),
    territory: t.exposeStringList('territory', { description: 'GB/T 2260 codes, or CN for the whole country' }),
    term: t.field({ type: Term, description: 'When it runs', resolve: (l) => l }),
    royalty: t.field({
      type: 'Fen',
      nullable: true,
      description: 'The royalty as a sum in fen, when the contract names one; null otherwise',
      resolve: (l) => l.royaltyFen,
    }),
    royaltyTerms: t.exposeString('royaltyTerms', { nullable: true, description: 'The royalty in words, e.g. 按年销售额的 3% 支付; null when not given' }),
    contractDate: t.field({ type: 'Date', description: 'The day the licence contract was signed', resolve: (l) => l.contractDate }),
    effectiveDate: t.field({
      type: 'Date',
      description: 'The day the contract took effect (its contractDate unless given; for licences recorded before this was kept, the contractDate)',
      resolve: (l) => l.effectiveDate,
    }),
    recordingDeadline: t.field({
      type: 'Date',
      description:
        "The last day to record it: for a patent, three calendar months after effectiveDate (专利实施许可合同备案办法 art. 5); for a trademark, its term's last day (Trademark Law Implementing Regulations art. 69: recorded while the contract runs). No holiday moves it",
      resolve: (l) => recordingDeadline(l),
    }),
    recordedLate: t.boolean({
      description:
        'Recorded after recordingDeadline (the day of registeredAt in the hub’s time zone): recorded all the same, for the measures do not refuse it, and both parties told (licence.recorded.late)',
      resolve: (l) => recordedLate(l, hubDateOf(l.registeredAt)),
    }),
    contractDigest: t.exposeString('contractDigest', {
      description:
        'SHA-256 of the signed contract: recorded once per right (DUPLICATE_CONTRACT). For a licence taken under an open licence, which has no contract: the SHA-256 of its declaration and licensee, one licence per licensee and declaration',
    }),
    openLicence: t.boolean({
      description:
        "Taken under the patent's open licence by the licensee's written notice (开放许可, Patent Law art. 51(1): takeOpenLicence), an ordinary licence on the declared royalty; false for a licence recorded from a contract",
      resolve: (l) => l.openLicenceId !== undefined,
    }),
    registeredAt: t.field({ type: 'DateTime', description: 'When centre staff recorded it', resolve: (l) => l.registeredAt }),
    receipt: t.field({ type: LedgerReceipt, description: 'The LICENCE_REGISTRATION ledger entry', resolve: (l) => l.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'Its certificate (iphub-certificate/v1), checked offline',
      resolve: (l, _args, ctx) => certificate(ctx, l.receipt),
    }),
  }),
});
const LicenceConnection = connectionType(builder, 'Licence', Licence, PageInfo);

/** A page of a right's licences, oldest first; the cursor is the registration time and id. */
async function licencesOf(ctx: EnterprisesContext, right: RightRef, args: { first?: number | null; after?: string | null }) {
  const page = pageRequest(args.first, args.after);
  const [registeredAt = '', id = ''] = page.after?.split(' ') ?? [];
  if (page.after !== undefined && (registeredAt === '' || id === '')) throw badInput('after is not a cursor this API returned', 'after');
  const rows = await ctx.store.rights.licencesOf(rightKey(right), page.after === undefined ? undefined : { registeredAt, id }, page.first + 1);
  return toConnection(
    rows,
    page,
    (l) => `${l.registeredAt} ${l.id}`,
    () => ctx.store.rights.countLicencesOf(rightKey(right)),
  );
}

const TRANSFERS = 'Its recorded transfers, oldest first';
const OUTSIDE_OWNER =
  'Who holds it once a transfer moved it outside the registry (a person, a foreign entity): then no enterprise lists, counts or is warned of it, its enterprise is null, and no act of it is recorded here (OWNER_OUTSIDE_REGISTRY); null while an enterprise holds it';
const LICENCES = 'Its recorded licences, oldest first';
builder.objectFields(Patent, (t) => ({
  outsideOwner: t.field({ type: OutsideParty, nullable: true, description: OUTSIDE_OWNER, resolve: (p) => p.outsideOwner ?? null }),
  transfers: t.field({
    type: [Transfer],
    description: TRANSFERS,
    resolve: (p, _args, ctx) => ctx.loaders.transfersOf.load(rightKey({ kind: 'PATENT', number: p.applicationNumber })),
  }),
  licences: t.field({
    type: LicenceConnection,
    description: LICENCES,
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (p, args, ctx) => licencesOf(ctx, { kind: 'PATENT', number: p.applicationNumber }, args),
  }),
}));
builder.objectFields(Trademark, (t) => ({
  outsideOwner: t.field({ type: OutsideParty, nullable: true, description: OUTSIDE_OWNER, resolve: (m) => m.outsideOwner ?? null }),
  transfers: t.field({
    type: [Transfer],
    description: TRANSFERS,
    resolve: (m, _args, ctx) => ctx.loaders.transfersOf.load(rightKey({ kind: 'TRADEMARK', number: m.registrationNumber })),
  }),
  licences: t.field({
    type: LicenceConnection,
    description: LICENCES,
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (m, args, ctx) => licencesOf(ctx, { kind: 'TRADEMARK', number: m.registrationNumber }, args),
  }),
}));

const RightInput = builder.inputType('LicensableRightInput', {
  description: 'A patent (by application number) or a trademark (by registration number)',
  fields: (t) => ({
    rightKind: t.field({ type: AnyRightKindEnum, description: `${RIGHT_KIND_INPUT}: PATENT or TRADEMARK` }),
    kind: t.field({ type: Kind, description: 'Patent or trademark: how number is read', deprecationReason: deprecatedKind('rightKind') }),
    number: t.string({ required: true, description: 'An application number in any accepted form, or a registration number' }),
  }),
});
const TermInput = builder.inputType('LicenceTermInput', {
  description: "A licence's term: its first and last days, both included",
  fields: (t) => ({
    startDate: t.field({ type: 'Date', required: true, description: 'Its first day' }),
    endDate: t.field({
      type: 'Date',
      required: true,
      description: "Its last day: not before startDate nor in the past, and within the right's protection",
    }),
  }),
});
const TransferInput = builder.inputType('RegisterTransferInput', {
  description: 'What registerTransfer takes: the transfer (转让) of a patent, patent application or trademark',
  fields: (t) => ({
    right: t.field({ type: RightInput, required: true, description: 'The right transferred: a pending or granted patent, or a trademark in force' }),
    toEnterpriseId: t.id({ description: 'The transferee registered with the centre; or give toOutsideParty (one of the two)' }),
    toOutsideParty: t.field({
      type: OutsidePartyInput,
      description:
        'The transferee outside the registry: a person, or an entity registered outside the mainland (Patent Law art. 10(2): a transfer to a foreign party follows the rules on technology export, which the parties settle with MOFCOM before CNIPA registers it); or give toEnterpriseId. On effectiveDate the right leaves the registry: no enterprise holds it and no act of it is recorded here after',
    }),
    contractDate: t.field({ type: 'Date', required: true, description: CONTRACT_DATE }),
    effectiveDate: t.field({
      type: 'Date',
      description:
        "The day the transfer takes effect: for a patent its registration with CNIPA (Patent Law art. 10(3)), for a trademark CNIPA's announcement (Trademark Law art. 42(4)); not before contractDate; default today. Recorded on the ledger now either way; the right moves on that day: at once when it is today or earlier, otherwise the transfer is PENDING until then and the right refuses other transfers and licences (TRANSFER_PENDING)",
    }),
    contractDigest: t.string({ required: true, description: 'SHA-256 of the signed contract, hex' }),
    alsoTrademarks: t.stringList({
      description: `For a trademark: the registration numbers of the transferor's other registrations of the identical mark in the same Nice class (Trademark.sameMarkInClass), transferred with it under the same contract, in one act and one ledger entry, each recorded as its own transfer (Trademark Law art. 42(2): 转让注册商标的，商标注册人对其在同一种商品上注册的相同或者近似的商标，应当一并转让). Every one must be named: one left out is TRANSFER_INCOMPLETE (extensions.missing lists them); one that is not such a registration is BAD_USER_INPUT at its index. At most ${MAX_SAME_MARK}; empty or absent for a patent, or a mark with no other registration in its class`,
    }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('transfer') }),
  }),
});
const LicenceInput = builder.inputType('RegisterLicenceInput', {
  description: 'What registerLicence takes: a licence contract (许可合同) to record',
  fields: (t) => ({
    right: t.field({ type: RightInput, required: true, description: 'The right licensed: a granted patent, or a trademark in force' }),
    licenseeId: t.id({ description: 'The licensee registered with the centre; or give outsideLicensee (one of the two)' }),
    outsideLicensee: t.field({
      type: OutsidePartyInput,
      description: 'The licensee outside the registry: a person, or an entity registered outside the mainland; or give licenseeId. Only the licensor is told',
    }),
    kind: t.field({
      type: LicenceKind,
      required: true,
      description: 'Exclusive, sole or ordinary: an exclusive or sole licence may meet no other licence in territory and term',
    }),
    territory: t.stringList({ required: true, description: 'GB/T 2260 codes (a province, city or county), or CN for the whole country' }),
    term: t.field({ type: TermInput, required: true, description: 'Within the right’s protection' }),
    royalty: t.field({ type: 'Fen', description: 'The royalty as a sum in fen, when the contract names one; not negative' }),
    royaltyTerms: t.string({ description: 'The royalty in words, e.g. 按年销售额的 3% 支付' }),
    contractDate: t.field({ type: 'Date', required: true, description: CONTRACT_DATE }),
    effectiveDate: t.field({
      type: 'Date',
      description:
        'The day the contract took effect, when later than contractDate (default: contractDate); not before contractDate nor in the future. A patent licence is recorded within three months of it (专利实施许可合同备案办法 art. 5); a later one is recorded and flagged recordedLate',
    }),
    contractDigest: t.string({
      required: true,
      description: 'SHA-256 of the signed contract, hex: a contract recorded for the right already is refused (DUPLICATE_CONTRACT)',
    }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('licence') }),
  }),
});

const DIGEST = /^[0-9a-f]{64}$/i;
function digest(value: string, field: string): string {
  if (!DIGEST.test(value)) throw failure('INVALID_DIGEST', `${field} must be a SHA-256 digest: 64 hexadecimal characters`, { field });
  return value.toLowerCase();
}

const MAX_TERRITORY = 50;
/** Distinct GB/T 2260 codes the Ministry's table names, or CN; each unknown one at its index. */
function territory(codes: readonly string[]): string[] {
  const named = codes.map((c) => c.trim().toUpperCase());
  const distinct = [...new Set(named)];
  if (distinct.length === 0 || distinct.length > MAX_TERRITORY) throw badInput(`territory must name 1 to ${MAX_TERRITORY} places`, 'territory');
  checkEach(named, (c, i) => {
    if (c !== WHOLE_COUNTRY && regionNames(c) === undefined)
      throw badInput(`territory: ${c} is not an administrative division (GB/T 2260), nor CN for the whole country`, `territory[${i}]`);
  });
  return distinct;
}

/** The right as registered, with its owner, version and the last day of its protection. */
export interface CurrentRight {
  readonly ref: RightRef;
  readonly ownerId: string;
  readonly version: number;
  readonly lastProtectedDay: string;
  readonly record: PatentRecord | TrademarkRecord;
}

/** The right the input names: INVALID_PATENT_NUMBER, or NOT_FOUND when it is not registered, at right.number. */
async function currentRight(
  ctx: EnterprisesContext,
  input: { rightKind?: AnyRightKindValue | null; kind?: RightKind | null; number: string },
): Promise<CurrentRight> {
  const field = 'right.number';
  const kind = rightKindOf(input, RIGHT_KINDS, 'right');
  if (kind === 'PATENT') {
    const parsed = parsePatentNumber(input.number);
    if (!parsed.ok) throw failure('INVALID_PATENT_NUMBER', parsed.message, { field });
    const number = parsed.canonical;
    const stored = await ctx.loaders.patent.load(number);
    if (stored === undefined) throw failure('NOT_FOUND', `patent ${number} does not exist`, { field });
    return patentRight(stored);
  }
  const number = input.number.trim();
  const stored = await ctx.loaders.trademark.load(number);
  if (stored === undefined) throw failure('NOT_FOUND', `trademark ${number} does not exist`, { field });
  return trademarkRight(stored);
}

/**
 * OWNER_OUTSIDE_REGISTRY for a right a transfer moved to a party outside the registry: the hub
 * records the acts of its enterprises' rights, and this one's holder is none of them.
 */
function heldInRegistry(r: RightRef, owner: { readonly enterpriseId: string | null; readonly outsideOwner?: OutsidePartyValue | null }): string {
  if (owner.enterpriseId !== null) return owner.enterpriseId;
  const holder = owner.outsideOwner == null ? 'a party outside the registry' : describeOutsideParty(owner.outsideOwner);
  throw failure(
    'OWNER_OUTSIDE_REGISTRY',
    `${describe(r)} was transferred to ${holder}, outside the registry: the hub records transfers, licences and pledges of its enterprises' rights only; the holder deals with CNIPA directly`,
    { field: 'right.number', ...(owner.outsideOwner == null ? {} : { outsideOwner: { ...owner.outsideOwner } }) },
  );
}

/**
 * A trademark as a right to dispose of, as it stands today: its preservation as it holds today
 * (trademark-freezes.ts). OWNER_OUTSIDE_REGISTRY once it left the registry.
 */
export function trademarkRight(stored: TrademarkRecord): CurrentRight & { readonly record: TrademarkRecord } {
  const m = trademarkStanding(stored);
  const ref: RightRef = { kind: 'TRADEMARK', number: m.registrationNumber };
  return { ref, ownerId: heldInRegistry(ref, m), version: m.version, lastProtectedDay: m.expiryDate, record: m };
}

/**
 * A patent as a right to dispose of, as it stands today: EXPIRED past its term, its freezes as
 * they hold today. OWNER_OUTSIDE_REGISTRY once it left the registry.
 */
export function patentRight(stored: PatentRecord): CurrentRight & { readonly record: PatentRecord } {
  const p = standing(stored);
  const ref: RightRef = { kind: 'PATENT', number: p.applicationNumber };
  return {
    ref,
    ownerId: heldInRegistry(ref, p),
    version: p.version,
    lastProtectedDay: addDays(protectionEnd(p), -1),
    record: p,
  };
}

const describe = describeRight;

/**
 * Refuses a disposal of a right that is not in force, or frozen by a court. A patent application
 * may be transferred while pending; only a granted patent is licensed.
 */
export function requireDisposable(r: CurrentRight, disposal: 'TRANSFER' | 'LICENCE'): void {
  const asOf = today();
  if ('applicationNumber' in r.record) {
    const p = r.record;
    const allowed = disposal === 'TRANSFER' ? ['PENDING', 'GRANTED'] : ['GRANTED'];
    if (!allowed.includes(p.status)) {
      throw failure(
        'INVALID_TRANSITION',
        `${describe(r.ref)} is ${p.status}: only ${allowed.join(' or ')} patents are ${disposal === 'TRANSFER' ? 'transferred' : 'licensed'}`,
        {
          status: p.status,
        },
      );
    }
    if (p.freeze !== null) throw frozen(r.ref, p.freeze);
  } else {
    if (r.record.expiryDate < asOf) {
      throw failure('INVALID_TRANSITION', `${describe(r.ref)} ended on ${r.record.expiryDate}: renew it first`, { expiryDate: r.record.expiryDate });
    }
    // Preserved by a court: no transfer (最高人民法院关于人民法院对注册商标权进行财产保全的解释 art. 1), nor, as a patent's, a licence.
    if (r.record.freeze != null) throw frozen(r.ref, r.record.freeze);
  }
}

/** ASSET_FROZEN: a court's freeze holds the right; extensions name the court and its order. */
const frozen = (r: RightRef, f: PatentFreeze) =>
  failure('ASSET_FROZEN', `${describe(r)} is frozen by ${f.court} under order ${f.orderNumber}; it cannot be disposed of until unfrozen`, {
    court: f.court,
    orderNumber: f.orderNumber,
  });

/** A transferee or licensee: an enterprise registered with the centre, or a party outside the registry. */
export type Party =
  { readonly enterpriseId: string; readonly outside?: undefined } | { readonly enterpriseId?: undefined; readonly outside: OutsidePartyValue };

const describeParty = (p: Party): string => (p.outside === undefined ? `enterprise ${p.enterpriseId}` : describeOutsideParty(p.outside));

interface ActivePledge {
  readonly id: string;
  readonly pledgee: { readonly name: string };
  readonly consents: readonly {
    readonly disposal: string;
    /** Null for a consent to a party outside the registry (outsideCounterparty), or one the caller may not read. */
    readonly counterparty: { readonly id: string } | null;
    readonly outsideCounterparty: { readonly kind: string; readonly name: string; readonly country: string } | null;
  }[];
}

/** The consent names this party: the enterprise by id, an outside party by kind, trimmed name and upper-cased country. */
const consentsTo = (c: ActivePledge['consents'][number], party: Party): boolean =>
  party.outside === undefined
    ? c.outsideCounterparty === null && c.counterparty?.id === party.enterpriseId
    : c.outsideCounterparty !== null && sameOutsideParty(c.outsideCounterparty, party.outside);

/**
 * Refuses a transfer or licence of a right in an active pledge unless its pledgee has consented to
 * this very disposal to this counterparty (Civil Code art. 444), an enterprise or an outside party
 * (PledgeConsent.outsideCounterparty). The finance subgraph keeps pledges.
 */
async function requirePledgeeConsent(ctx: EnterprisesContext, r: RightRef, disposal: 'TRANSFER' | 'LICENCE', party: Party): Promise<void> {
  const { activePledgesOn } = await ctx.hub<{ activePledgesOn: ActivePledge[] }>(
    'query ($asset: IpAssetInput!) { activePledgesOn(asset: $asset) { id pledgee: bank { name } consents { disposal counterparty { id } outsideCounterparty { kind name country } } } }',
    { asset: { rightKind: r.kind, id: r.number } },
  );
  const unconsented = activePledgesOn.filter((p) => !p.consents.some((c) => c.disposal === disposal && consentsTo(c, party)));
  if (unconsented.length > 0) {
    const pledge = unconsented[0]!;
    throw failure(
      'ASSET_PLEDGED_CONSENT_REQUIRED',
      `${describe(r)} is pledged to ${pledge.pledgee.name}; record the pledgee's consent to this ${disposal === 'TRANSFER' ? 'transfer' : 'licence'} to ${describeParty(party)} first`,
      { pledgeId: pledge.id, pledgee: pledge.pledgee.name },
    );
  }
}

/** alsoTrademarks as given: trimmed, distinct, in number order; BAD_USER_INPUT for a patent's transfer naming any, or too many. */
function alsoNumbers(given: readonly string[] | null | undefined, kind: AnyRightKindValue | null | undefined): string[] {
  const numbers = [...new Set((given ?? []).map((n) => n.trim()))].sort();
  if (numbers.length === 0) return numbers;
  if (kind === 'PATENT') throw badInput("alsoTrademarks names a trademark's registrations of the same mark: a patent is transferred alone", 'alsoTrademarks');
  if (numbers.length > MAX_SAME_MARK) throw badInput(`alsoTrademarks names at most ${MAX_SAME_MARK} registrations`, 'alsoTrademarks');
  return numbers;
}

/**
 * The registrations a trademark's transfer moves with it: every other registration of the
 * identical mark in the same Nice class its owner holds (Trademark Law art. 42(2): 转让注册商标的，商标
 * 注册人对其在同一种商品上注册的相同或者近似的商标，应当一并转让), each named in alsoTrademarks. One named
 * that is not such a registration is BAD_USER_INPUT (NOT_FOUND when unregistered) at its index; any
 * left out is TRANSFER_INCOMPLETE, extensions.missing listing them. Identical text only (domain/trademark.ts markKey).
 */
async function sameMarkTogether(
  ctx: EnterprisesContext,
  r: CurrentRight & { readonly record: TrademarkRecord },
  also: readonly string[],
): Promise<CurrentRight[]> {
  const m = r.record;
  const named = await Promise.all(also.map((n) => ctx.loaders.trademark.load(n)));
  checkEach(also, (n, i) => {
    const field = `alsoTrademarks[${i}]`;
    const other = named[i];
    if (other === undefined) throw failure('NOT_FOUND', `trademark ${n} does not exist`, { field });
    if (n === m.registrationNumber) throw badInput(`alsoTrademarks names trademark ${n}, the one transferred`, field);
    if (other.enterpriseId !== r.ownerId || other.niceClass !== m.niceClass || markKey(other.mark) !== markKey(m.mark)) {
      throw badInput(
        `trademark ${n} is not the transferor's registration of the mark ${m.mark} in class ${m.niceClass}: only the same mark's registrations in the class move together`,
        field,
      );
    }
  });
  const same = (await ctx.store.trademarks.sameMark(r.ownerId, m.mark, m.niceClass, MAX_SAME_MARK + 1)).filter((n) => n !== m.registrationNumber);
  const missing = same.filter((n) => !also.includes(n));
  if (missing.length > 0) {
    throw failure(
      'TRANSFER_INCOMPLETE',
      `trademark ${m.registrationNumber} (${m.mark}, class ${m.niceClass}) is transferred with every other registration of the same mark in its class (Trademark Law art. 42(2): 应当一并转让): name ${missing.join(', ')} in alsoTrademarks too`,
      { missing, field: 'alsoTrademarks' },
    );
  }
  return named.map((other) => trademarkRight(other!));
}

/**
 * The transferee or licensee the input names, exactly one of the pair: an enterprise by id, or a
 * party outside the registry (common/outside-party.ts). BAD_USER_INPUT naming the enterprise
 * field when both or neither are given. Checked as given, before the right is read.
 */
function partyGiven(
  id: string | number | null | undefined,
  outside: { kind: OutsidePartyValue['kind']; name: string; country: string } | null | undefined,
  fields: { readonly id: string; readonly outside: string; readonly who: string },
): Party {
  if ((id == null) === (outside == null)) {
    throw badInput(
      `name the ${fields.who} once: ${fields.id} for an enterprise registered with the centre, or ${fields.outside} for a person or a foreign entity`,
      fields.id,
    );
  }
  return outside == null ? { enterpriseId: String(id) } : { outside: outsideParty(outside, fields.outside) };
}

/** A registered enterprise other than the right's owner, or NOT_FOUND / BAD_USER_INPUT naming the field; an outside party as given. */
async function counterparty(ctx: EnterprisesContext, party: Party, ownerId: string, field: string): Promise<Party> {
  if (party.outside !== undefined) return party;
  const id = party.enterpriseId;
  if (id === ownerId) throw badInput(`the ${field === 'toEnterpriseId' ? 'transferee' : 'licensee'} is the right's owner already`, field);
  if ((await ctx.loaders.enterprise.load(id)) === undefined) throw failure('NOT_FOUND', `enterprise ${id} does not exist`, { field });
  return party;
}

/**
 * While a transfer of the right waits for its effective date, the right is the transferor's in law
 * but promised: no other transfer or licence of it is recorded (TRANSFER_PENDING) until it takes
 * effect (Patent Law art. 10(3); Trademark Law art. 42(4)), when the transferee disposes of it.
 */
export async function requireNoPendingTransfer(ctx: EnterprisesContext, r: RightRef): Promise<void> {
  ctx.loaders.transfersOf.clear(rightKey(r));
  const pending = (await ctx.loaders.transfersOf.load(rightKey(r))).find((t) => t.state === 'PENDING');
  if (pending === undefined) return;
  throw failure(
    'TRANSFER_PENDING',
    `${describe(r)} is being transferred by transfer ${pending.id}, which takes effect on ${pending.effectiveDate} (its registration or announcement: Patent Law art. 10(3), Trademark Law art. 42(4)): no other transfer or licence of it is recorded until then; from that day its new owner disposes of it`,
    { transferId: pending.id, effectiveDate: pending.effectiveDate },
  );
}

/** When a transfer takes effect: today unless given; not before its contract was signed. */
function transferEffectiveDate(value: string | null | undefined, signedOn: string): string {
  if (value === null || value === undefined) return today();
  if (value < signedOn) throw badInput(`effectiveDate ${value} is before the contract was signed, on ${signedOn}`, 'effectiveDate');
  return value;
}

function contractDate(value: string): string {
  if (value > today()) throw badInput('contractDate is in the future', 'contractDate');
  return value;
}

/** When the contract took effect: its signature unless given; not before it, not in the future. */
function effectiveDate(value: string | null | undefined, signedOn: string): string {
  if (value === null || value === undefined) return signedOn;
  if (value < signedOn) throw badInput(`effectiveDate ${value} is before the contract was signed, on ${signedOn}`, 'effectiveDate');
  if (value > today()) throw badInput('effectiveDate is in the future: record the contract once it has taken effect', 'effectiveDate');
  return value;
}

/**
 * Refuses a licence of a patent whose annual fee is late: in its six months of grace (滞纳期), 专利实施
 * 许可合同备案办法 art. 12(2)(vi); past them the patent has lapsed from the due date (art. 12(2)(i):
 * 专利权已经终止), though its lapse is not recorded yet. Both ANNUAL_FEE_OVERDUE, naming the due date
 * and the grace's last day. A trademark has no annual fee. An open licence is not declared while the
 * fee is unpaid either (Implementing Regulations 2023 rule 86(3): 没有按照规定缴纳年费的): `act` says which.
 */
export function requireFeesPaid(r: CurrentRight, act: 'LICENCE' | 'OPEN_LICENCE' = 'LICENCE'): void {
  if (!('applicationNumber' in r.record)) return;
  const fee = annualFeeStatus(r.record, today());
  if (fee === null || (fee.state !== 'GRACE' && fee.state !== 'LAPSED') || fee.nextDueDate === null) return;
  const dueDate = fee.nextDueDate;
  const { graceEndsOn } = feeTimeLimits(dueDate);
  const message =
    fee.state === 'GRACE'
      ? act === 'LICENCE'
        ? `${describe(r.ref)}'s annual fee fell due on ${dueDate} and is unpaid: a licence is not recorded while it is late (专利实施许可合同备案办法 art. 12(2)(vi)); pay it with its surcharge (${fee.surchargePercent}% this month) by ${graceEndsOn}, record the payment, then record the licence`
        : `${describe(r.ref)}'s annual fee fell due on ${dueDate} and is unpaid: an open licence is not declared while it is (Implementing Regulations 2023 rule 86(3)); pay it with its surcharge (${fee.surchargePercent}% this month) by ${graceEndsOn}, record the payment, then record the declaration`
      : `${describe(r.ref)}'s annual fee fell due on ${dueDate} and was not paid by ${graceEndsOn}, the last day of its grace: the patent lapsed from ${dueDate} (art. 12(2)(i)); only its restoration (Implementing Regulations rule 6) lets it be licensed`;
  throw failure('ANNUAL_FEE_OVERDUE', message, { state: fee.state, dueDate, graceEndsOn });
}

/**
 * While a patent's open licence stands, no exclusive or sole licence of it is recorded (Patent Law
 * art. 51(3): 实行开放许可的专利权人可以与被许可人就许可使用费进行协商后给予普通许可，但不得就该专利给予独占或者
 * 排他许可): OPEN_LICENCE_BARS_EXCLUSIVE. An ordinary one is, on a negotiated royalty.
 */
async function requireNoOpenLicence(ctx: EnterprisesContext, ref: RightRef, kind: LicenceKindValue): Promise<void> {
  if (!barredWhileOpen(kind)) return;
  const [declared] = await ctx.store.rights.openLicencesOf([ref.number]);
  if (!stands(declared)) return;
  throw failure(
    'OPEN_LICENCE_BARS_EXCLUSIVE',
    `${describe(ref)} is under an open licence announced on ${declared.announcedOn}: no ${kind} licence while it stands (Patent Law art. 51(3)); record an ORDINARY licence, or record the declaration's withdrawal (withdrawOpenLicence) first`,
    { field: 'kind', openLicenceAnnouncedOn: declared.announcedOn },
  );
}

/** DUPLICATE_CONTRACT: one contract is recorded once per right (专利实施许可合同备案办法 art. 12(2)(viii)). */
function duplicateContract(r: RightRef, recorded: LicenceRecord) {
  return failure(
    'DUPLICATE_CONTRACT',
    `this contract (SHA-256 ${recorded.contractDigest}) is recorded for ${describe(r)} already, as licence ${recorded.id} on ${hubDateOf(recorded.registeredAt)}: a contract is recorded once; a new or amended contract has its own digest`,
    { licenceId: recorded.id, field: 'contractDigest' },
  );
}

mutationForms(builder, {
  name: 'registerTransfer',
  payload: 'transferRegister',
  object: 'transfer',
  type: Transfer,
  description:
    'Centre staff record the transfer of a patent or trademark: on the ledger as RIGHT_TRANSFER at once; the right moves to its new owner on effectiveDate (Patent Law art. 10(3); Trademark Law art. 42(4)), at once when that is today or past, else the transfer is PENDING until then. A right in an active pledge needs its pledgee’s recorded consent; a frozen one is refused, and so is one another transfer of which waits for its day (TRANSFER_PENDING). A request racing another act on the right is refused before the ledger (CONFLICT)',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: TransferInput, required: true, description: 'The transfer to record' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { contractDigest, signedOn, effective, first, key, also, party } = await checkInput({
      first: () => currentRight(ctx, input.right),
      party: () => partyGiven(input.toEnterpriseId, input.toOutsideParty, { id: 'toEnterpriseId', outside: 'toOutsideParty', who: 'transferee' }),
      also: () => alsoNumbers(input.alsoTrademarks, input.right.rightKind ?? input.right.kind),
      signedOn: () => contractDate(input.contractDate),
      effective: () => transferEffectiveDate(input.effectiveDate, input.contractDate),
      contractDigest: () => digest(input.contractDigest, 'contractDigest'),
      key: () => idempotencyKey(input.idempotencyKey),
    });
    return createOnce<TransferRecord>(staff, {
      mutation: 'registerTransfer',
      what: 'transfer',
      key,
      given: {
        right: first.ref,
        ...(party.outside === undefined ? { toEnterpriseId: party.enterpriseId } : { toOutside: party.outside }),
        contractDate: signedOn,
        effectiveDate: effective,
        contractDigest,
        ...(also.length === 0 ? {} : { alsoTrademarks: also }),
      },
      stored: async (id) => (await ctx.store.rights.transfersByIds([id]))[0],
      create: async (id) => {
        ctx.loaders.patent.clearAll();
        ctx.loaders.trademark.clearAll();
        const r = await currentRight(ctx, input.right);
        const to = await counterparty(ctx, party, r.ownerId, 'toEnterpriseId');
        // A trademark's identical marks in its class move with it (Trademark Law art. 42(2)), each checked as it is.
        const together = 'registrationNumber' in r.record ? await sameMarkTogether(ctx, { ...r, record: r.record }, also) : [];
        for (const each of [r, ...together]) {
          requireDisposable(each, 'TRANSFER');
          await requireNoPendingTransfer(ctx, each.ref);
          await requirePledgeeConsent(ctx, each.ref, 'TRANSFER', to);
        }
        const transfer = {
          id,
          right: r.ref,
          ...(together.length === 0 ? {} : { together: together.map((m) => ({ id: randomUUID(), right: m.ref })) }),
          fromEnterpriseId: r.ownerId,
          // To a party outside the registry: the right leaves the registry on effectiveDate (no enterprise holds it).
          toEnterpriseId: to.enterpriseId ?? null,
          ...(to.outside === undefined ? {} : { toOutside: to.outside }),
          contractDate: signedOn,
          contractDigest,
          effectiveDate: effective,
          state: effective <= today() ? ('EFFECTIVE' as const) : ('PENDING' as const),
          registeredAt: new Date().toISOString(),
          registeredBy: staff.keyId,
        };
        const versions = [r.version, ...together.map((m) => m.version)];
        const { made, receipt } = await signOnRight(ctx, versions, { kind: 'TRANSFER', transfer }, staff);
        if (made === undefined) throw stale(r.ref, receipt);
        return made;
      },
    });
  },
});

mutationForms(builder, {
  name: 'registerLicence',
  payload: 'licenceRegister',
  object: 'licence',
  type: Licence,
  description:
    'Centre staff record a licence of a patent or trademark: on the ledger as LICENCE_REGISTRATION. Its term lies within the protection; an exclusive or sole licence may not meet another licence in territory and time (LICENCE_OVERLAP); a pledged right needs its pledgee’s consent; a patent whose annual fee is late is refused (ANNUAL_FEE_OVERDUE), and so is a contract recorded for the right already (DUPLICATE_CONTRACT) (专利实施许可合同备案办法 art. 12(2)), and a right a transfer of which waits for its day (TRANSFER_PENDING). One recorded after its time limit is recorded, flagged recordedLate, and both parties told',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: LicenceInput, required: true, description: 'The licence to record' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const { startDate, endDate } = input.term;
    const { first, places, royaltyTerms, contractDigest, signedOn, tookEffect, key, party } = await checkInput({
      first: () => currentRight(ctx, input.right),
      party: () => partyGiven(input.licenseeId, input.outsideLicensee, { id: 'licenseeId', outside: 'outsideLicensee', who: 'licensee' }),
      places: () => territory(input.territory),
      term: () => {
        if (endDate < startDate) throw badInput('the term ends before it starts', 'term');
        if (endDate < today()) throw badInput('the term has ended already', 'term');
      },
      royalty: () => {
        if (input.royalty !== null && input.royalty !== undefined && input.royalty < 0) throw badInput('royalty may not be negative', 'royalty');
      },
      royaltyTerms: () => optionalText(input.royaltyTerms, 'royaltyTerms', 500),
      signedOn: () => contractDate(input.contractDate),
      tookEffect: () => effectiveDate(input.effectiveDate, input.contractDate),
      contractDigest: () => digest(input.contractDigest, 'contractDigest'),
      key: () => idempotencyKey(input.idempotencyKey),
    });
    const given = {
      right: first.ref,
      licenseeId: party.enterpriseId ?? null,
      ...(party.outside === undefined ? {} : { outsideLicensee: party.outside }),
      kind: input.kind,
      territory: places,
      startDate,
      endDate,
      royaltyFen: input.royalty ?? null,
      royaltyTerms,
      contractDate: signedOn,
      effectiveDate: tookEffect,
      contractDigest,
    };
    return createOnce<LicenceRecord>(staff, {
      mutation: 'registerLicence',
      what: 'licence',
      key,
      given,
      stored: async (id) => (await ctx.store.rights.licencesByIds([id]))[0],
      create: async (id) => {
        ctx.loaders.patent.clearAll();
        ctx.loaders.trademark.clearAll();
        const r = await currentRight(ctx, input.right);
        // A right not in force says so before its term is weighed.
        requireDisposable(r, 'LICENCE');
        requireFeesPaid(r);
        await requireNoPendingTransfer(ctx, r.ref);
        if (r.ref.kind === 'PATENT') await requireNoOpenLicence(ctx, r.ref, input.kind);
        // A retry with the idempotency key found its licence before this (createOnce); this is another request.
        const recorded = await ctx.store.rights.licenceByContract(rightKey(r.ref), contractDigest);
        if (recorded !== undefined) throw duplicateContract(r.ref, recorded);
        const { licensee } = await checkInput({
          term: () => {
            if (endDate > r.lastProtectedDay) throw badInput(`the term ends after ${describe(r.ref)}'s protection, on ${r.lastProtectedDay}`, 'term');
          },
          licensee: () => counterparty(ctx, party, r.ownerId, 'licenseeId'),
        });
        await requirePledgeeConsent(ctx, r.ref, 'LICENCE', licensee);
        const licence: Omit<LicenceRecord, 'receipt'> = {
          ...given,
          id,
          right: r.ref,
          licensorId: r.ownerId,
          licenseeId: licensee.enterpriseId ?? null,
          registeredAt: new Date().toISOString(),
          registeredBy: staff.keyId,
        };
        // Checked before the ledger hears of it; the store checks again, in its transaction.
        const overlap = await firstOverlap(ctx, licence);
        if (overlap !== undefined) throw overlapping(licence, overlap);
        const { made, receipt, refusal } = await signOnRight(ctx, r.version, { kind: 'LICENCE', licence }, staff);
        if (refusal?.reason === 'DUPLICATE') {
          throw failure('DUPLICATE_CONTRACT', `${duplicateContract(r.ref, refusal.with).message} (ledger entry ${receipt.seq} records nothing that happened)`, {
            licenceId: refusal.with.id,
            field: 'contractDigest',
          });
        }
        if (refusal?.reason === 'OVERLAP') throw overlapping(licence, refusal.with);
        if (made === undefined) throw stale(r.ref, receipt);
        return made;
      },
    });
  },
});

/** CONFLICT for an act the store refused after its entry was signed: the right changed under its claim (the registry feed moved it). */
export const stale = (r: RightRef, receipt: Receipt) =>
  conflict(`${describeRight(r)} was changed by someone else meanwhile; reload it and try again (ledger entry ${receipt.seq} records nothing that happened)`);

/** Every licence of the right, a page at a time, until `find` finds one in a page. */
export async function findLicence(
  ctx: EnterprisesContext,
  right: RightRef,
  find: (page: readonly LicenceRecord[]) => LicenceRecord | undefined,
): Promise<LicenceRecord | undefined> {
  let after: { registeredAt: string; id: string } | undefined;
  for (;;) {
    const page = await ctx.store.rights.licencesOf(rightKey(right), after, 100);
    const found = find(page);
    if (found !== undefined || page.length < 100) return found;
    after = { registeredAt: page.at(-1)!.registeredAt, id: page.at(-1)!.id };
  }
}

/** The first licence of the right `l` may not meet. */
export const firstOverlap = (ctx: EnterprisesContext, l: Omit<LicenceRecord, 'receipt'>): Promise<LicenceRecord | undefined> =>
  findLicence(ctx, l.right, (page) => overlappingLicence(l, page));

export function overlapping(l: Omit<LicenceRecord, 'receipt'>, other: LicenceRecord) {
  return failure(
    'LICENCE_OVERLAP',
    `a ${l.kind} licence may not meet licence ${other.id} (${other.kind}, ${other.territory.join(', ')}, ${other.startDate} to ${other.endDate}) in territory and time`,
    { licenceId: other.id },
  );
}

builder.queryFields((t) => ({
  transfer: t.field({
    type: Transfer,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description: 'A recorded transfer by its id (as right.transferred carries it): its two enterprises, centre staff and institutions read it; null otherwise',
    args: { id: t.arg.id({ required: true, description: "The transfer's id (a UUID)" }) },
    resolve: async (_root, { id }, ctx) => {
      const identity = requireIdentity(ctx);
      const [found] = await ctx.store.rights.transfersByIds([String(id)]);
      if (found === undefined || (identity.role === 'ENTERPRISE' && ![found.fromEnterpriseId, found.toEnterpriseId].includes(identity.enterpriseId ?? '')))
        return null;
      return found;
    },
  }),
  licence: t.field({
    type: Licence,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description:
      'A recorded licence by its id (as licence.registered carries it): its licensor and licensee, centre staff and institutions read it; null otherwise',
    args: { id: t.arg.id({ required: true, description: "The licence's id (a UUID)" }) },
    resolve: async (_root, { id }, ctx) => {
      const identity = requireIdentity(ctx);
      const [found] = await ctx.store.rights.licencesByIds([String(id)]);
      if (found === undefined || (identity.role === 'ENTERPRISE' && ![found.licensorId, found.licenseeId].includes(identity.enterpriseId ?? ''))) return null;
      return found;
    },
  }),
  trademark: t.field({
    type: Trademark,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description: 'A registered trademark by its registration number: its owner, staff and institutions read it',
    args: {
      registrationNumber: t.arg.string({ required: true, description: 'The registration number (注册号) of the mark; spaces around it are ignored' }),
    },
    resolve: async (_root, { registrationNumber }, ctx) => {
      const identity = requireIdentity(ctx);
      const found = await ctx.loaders.trademark.load(registrationNumber.trim());
      if (found !== undefined && identity.role === 'ENTERPRISE') await readableEnterprise(ctx, found.enterpriseId);
      return found ?? null;
    },
  }),
}));
