// The enterprises subgraph's records and their vocabulary: enterprises, patents with their
// lifecycle facts, trademarks, copyrights, transfers, licences, and the events of a right's
// history. Plain data: the rules are beside it in domain/, the storage port in store/port.ts.
import type { Receipt } from '../../../ledger/index.js';
import type { JsonValue } from '../../../platform/json.js';
import type { OutsideParty } from '../../common/outside-party.js';

export const FILING_STATUSES = ['FILED', 'SUSPENDED', 'WITHDRAWN'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
/** What each filing status means, as the schema describes it. */
export const FILING_STATUS_MEANINGS: Readonly<Record<FilingStatus, string>> = {
  FILED: 'Filed with the centre (已备案): the status an enterprise is registered with',
  SUSPENDED: 'Its filing with the centre suspended (已暂停)',
  WITHDRAWN: 'Its filing with the centre withdrawn (已撤销)',
};

/**
 * A record as the store gives it back: with the instant it last changed (its registration, or the
 * latest change the store wrote of it), which the store keeps with each write, for syncs. Writers
 * give the record without it.
 */
export type Stored<R> = R & { readonly updatedAt: string };

export interface CreditCodeOverride {
  /** The staff key that registered a code failing its check character. */
  readonly approvedBy: string;
  readonly reason: string;
}

export interface EnterpriseRecord {
  readonly id: string;
  readonly uscc: string;
  readonly name: string;
  /** GB/T 2260 administrative division, 6 digits. */
  readonly regionCode: string;
  readonly industry: string;
  readonly filingStatus: FilingStatus;
  readonly registeredAt: string;
  readonly creditCodeOverride: CreditCodeOverride | null;
}

export const PATENT_TYPES = ['INVENTION', 'UTILITY_MODEL', 'DESIGN'] as const;
export type PatentType = (typeof PATENT_TYPES)[number];
/** What each patent type means, as the schema describes it (terms: domain/protection.ts). */
export const PATENT_TYPE_MEANINGS: Readonly<Record<PatentType, string>> = {
  INVENTION: 'Invention (发明), Patent Law art. 2: 20 years from filing; substantively examined on request (art. 35)',
  UTILITY_MODEL: 'Utility model (实用新型), Patent Law art. 2: 10 years from filing',
  DESIGN: 'Design (外观设计), Patent Law art. 2: 15 years from filing if filed on or after 2021-06-01, 10 if before',
};
export const PATENT_STATUSES = ['PENDING', 'GRANTED', 'LAPSED', 'EXPIRED', 'INVALIDATED', 'REJECTED', 'WITHDRAWN'] as const;
export type PatentStatus = (typeof PATENT_STATUSES)[number];
/** What each patent status means, as the schema describes it (what time alone changes: domain/standing.ts). */
export const PATENT_STATUS_MEANINGS: Readonly<Record<PatentStatus, string>> = {
  PENDING: 'An application not yet granted (审查中): it owes no annual fee',
  GRANTED: 'Granted (已授权) and in force: its annual fees fall due on the filing anniversaries',
  LAPSED:
    'Lapsed (已失效) for an annual fee unpaid past its six-month grace, from the missed due date; restorable within the windows of Implementing Regulations rule 6',
  EXPIRED: 'Its term ended (已届满, Patent Law art. 42): from protectionEndsOn on, compensation included',
  INVALIDATED: 'Declared invalid (已无效) by a decision that became final: void from the start (Patent Law art. 47)',
  REJECTED: 'An application rejected (已驳回), as centre staff or the registry feed record it',
  WITHDRAWN: 'An application withdrawn (已撤回), as centre staff or the registry feed record it',
};

export const INVALIDATION_DECISIONS = ['MAINTAINED', 'PARTLY_INVALIDATED', 'INVALIDATED'] as const;
export type InvalidationDecision = (typeof INVALIDATION_DECISIONS)[number];

/**
 * A court's preservation order on a patent or a trademark: the right may not be transferred,
 * licensed or pledged meanwhile (domain/freezes.ts: a patent's for at most three years, a
 * trademark's for at most one).
 */
export interface PatentFreeze {
  /** The court that froze it, as its COURT identity names it. */
  readonly court: string;
  readonly orderNumber: string;
  /** The day it took effect: its order's date, or for a waiting freeze the day the one before it ended. */
  readonly frozenOn: string;
  /**
   * The first day it no longer holds, unless the court renews it before: at most three years on
   * (domain/freezes.ts). Absent on freezes recorded before terms were: three years on.
   */
  readonly endsOn?: string;
}

/** A second court's freeze registered while another holds (轮候冻结): it takes effect when the one before it ends. */
export interface WaitingFreeze {
  readonly court: string;
  readonly orderNumber: string;
  readonly registeredOn: string;
  /** Its term in days from the day it takes effect. */
  readonly termDays: number;
}

export const INVALIDATION_JUDGMENTS = ['UPHELD', 'REVOKED'] as const;
/** A court's final judgment on an action against an invalidation decision. */
export type InvalidationJudgment = (typeof INVALIDATION_JUDGMENTS)[number];

/** The latest request to invalidate a patent, its decision once there is one, and any court action against it. */
export interface PatentInvalidation {
  readonly requestedOn: string;
  readonly requester: string;
  readonly decision: InvalidationDecision | null;
  readonly decidedOn: string | null;
  /** An action against the decision (Patent Law art. 46(2)): the decision is not final until judged. */
  readonly courtAction?: { readonly filedOn: string; readonly court: string } | null;
  /** The final judgment: UPHELD makes the decision final on its date; REVOKED annuls it (CNIPA decides again). */
  readonly judgment?: { readonly outcome: InvalidationJudgment; readonly decidedOn: string } | null;
}

export const TERM_COMPENSATION_GROUNDS = ['GRANT_DELAY', 'NEW_DRUG'] as const;
/** Patent Law art. 42(2): unreasonable delay in granting an invention; art. 42(3): a new drug's review. */
export type TermCompensationGround = (typeof TERM_COMPENSATION_GROUNDS)[number];

/** A compensation of the term CNIPA decided: days added to the protection end (domain/protection.ts). */
export interface TermCompensation {
  readonly ground: TermCompensationGround;
  readonly days: number;
  readonly decidedOn: string;
  /** NEW_DRUG: the day the drug was approved for marketing (the 14-year cap counts from it). */
  readonly marketingApprovedOn: string | null;
}

/** What a party outside the registry is: a natural person (自然人), or a foreign enterprise or other organisation. */
export const OUTSIDE_PARTY_KINDS = ['INDIVIDUAL', 'FOREIGN_ENTITY'] as const;
export type OutsidePartyKind = (typeof OUTSIDE_PARTY_KINDS)[number];
export const OUTSIDE_PARTY_KIND_MEANINGS: Readonly<Record<OutsidePartyKind, string>> = {
  INDIVIDUAL: 'A natural person (自然人), of any country, China included',
  FOREIGN_ENTITY:
    'An enterprise or other organisation registered outside the mainland (外国企业或者其他组织; one of Hong Kong, Macao or Taiwan too): a mainland one is registered with the centre as an enterprise',
};

/**
 * A transferee or licensee outside the registry (common/outside-party.ts): by kind, name and
 * country alone. No identity number is taken or kept: the contract's digest identifies the contract it signed.
 */
export type { OutsideParty };

export interface PatentRecord {
  /** Canonical form, e.g. 202310123456.7 */
  readonly applicationNumber: string;
  /**
   * The enterprise that holds it; null once a transfer moved it to a party outside the registry
   * (outsideOwner): then no enterprise lists, counts or is warned of it.
   */
  readonly enterpriseId: string | null;
  /** Who holds it when no enterprise does: the outside transferee; absent or null otherwise. */
  readonly outsideOwner?: OutsideParty | null;
  readonly type: PatentType;
  /** Filed through the PCT route. */
  readonly pct: boolean;
  readonly title: string;
  readonly ipcClass: string | null;
  readonly status: PatentStatus;
  /**
   * The date the term and the fee years run from (Patent Law art. 42): for a PCT national-phase
   * entry the international filing date, for a divisional application its parent's.
   */
  readonly filingDate: string;
  /** The earliest priority claimed (Patent Law arts. 29-30), or null: art. 35's three years run from it. */
  readonly priorityDate: string | null;
  /** A divisional application's parent (Implementing Regulations rules 42-43, cited by their 2010 numbers), canonical, or null. */
  readonly parentApplicationNumber: string | null;
  /** An invention's request for substantive examination (Patent Law art. 35), or null while none. */
  readonly examinationRequestedOn: string | null;
  readonly grantDate: string | null;
  /**
   * The last annual-fee due date paid, or null when none has been recorded; the fee of the year of
   * grant counts as paid with the grant whatever this says (domain/annual-fee.ts paidThroughOf).
   */
  readonly feesPaidThrough: string | null;
  /** The grant's announcement number (授权公告号), e.g. CN115123456B. */
  readonly grantPublicationNumber: string | null;
  /** For a LAPSED patent: the missed due date it lapsed from. */
  readonly lapsedOn: string | null;
  /** For a LAPSED patent: the day CNIPA's notice of termination was issued, when recorded (rule 6's two months run from it). */
  readonly terminationNoticeOn: string | null;
  /** Compensations of the term, in the order recorded. */
  readonly termCompensation: readonly TermCompensation[];
  /** The freeze registered first and not lifted; whether it still holds on a day is domain/freezes.ts's. */
  readonly freeze: PatentFreeze | null;
  /**
   * Declared by its owner enterprise (a PENDING application, nothing more) rather than recorded by
   * centre staff or the registry feed, either of which supersedes it.
   */
  readonly declared: boolean;
  /** Freezes waiting behind it, in the order registered. */
  readonly waitingFreezes: readonly WaitingFreeze[];
  readonly invalidation: PatentInvalidation | null;
  /** 1 when registered, one more with each change: a change applies only to the version it read. */
  readonly version: number;
}

/** A patent's facts that a registration without them leaves empty: no priority, parent, request, compensation or waiting freeze. */
export const UNRECORDED_PATENT_FACTS = {
  priorityDate: null,
  parentApplicationNumber: null,
  examinationRequestedOn: null,
  terminationNoticeOn: null,
  termCompensation: [],
  declared: false,
  waitingFreezes: [],
} as const satisfies Partial<PatentRecord>;

/** What can happen to a registered right; each is one entry in its history. */
export const ASSET_EVENT_TYPES = [
  'TRANSFERRED',
  'LICENSED',
  'RENEWED',
  'GRANTED',
  'ANNUAL_FEE_PAID',
  'LAPSED',
  'RESTORED',
  'INVALIDATION_REQUESTED',
  'INVALIDATION_DECIDED',
  'FROZEN',
  'UNFROZEN',
  'FREEZE_RENEWED',
  'FREEZE_WAITING',
  'IMPORTED',
  'EXAMINATION_REQUESTED',
  'TERM_COMPENSATED',
  'INVALIDATION_APPEALED',
  'INVALIDATION_JUDGED',
  'SUPERSEDED',
  'OPEN_LICENCE_DECLARED',
  'OPEN_LICENCE_WITHDRAWN',
  'TRANSFER_RECORDED',
] as const;
export type AssetEventType = (typeof ASSET_EVENT_TYPES)[number];
/** What each kind of history entry records, as the schema describes it; its details say the rest. */
export const ASSET_EVENT_TYPE_MEANINGS: Readonly<Record<AssetEventType, string>> = {
  TRANSFERRED: 'The right was transferred (转让) to another enterprise: registerTransfer',
  LICENSED: 'A licence of the right was registered (许可备案): registerLicence',
  RENEWED: 'The trademark registration was renewed (续展) for ten more years: renewTrademark',
  GRANTED: 'The application was granted (授权): grantPatent',
  ANNUAL_FEE_PAID: 'An annual fee was paid (缴纳年费), with the surcharge of its month: payAnnualFee',
  LAPSED: "The patent's lapse (终止) for an annual fee unpaid past its grace was recorded: recordPatentLapse",
  RESTORED: 'The lapsed patent was restored (恢复权利, Implementing Regulations rule 6), its missed fees paid: restorePatent',
  INVALIDATION_REQUESTED: 'A request to declare the patent invalid (无效宣告请求) was recorded: requestInvalidation',
  INVALIDATION_DECIDED: "CNIPA's decision on the invalidation request was recorded: decideInvalidation",
  FROZEN: 'A court froze the patent or trademark (冻结, 保全) under its preservation order: freezePatent, freezeTrademark',
  UNFROZEN: 'A court lifted its freeze (解除冻结), or withdrew its freeze waiting in line: unfreezePatent, unfreezeTrademark',
  FREEZE_RENEWED:
    "The court whose freeze holds renewed it (续行冻结): a patent's for at most three more years (renewFreeze), a trademark's for at most one (renewTrademarkFreeze)",
  FREEZE_WAITING: "Another court's freeze was registered to wait in line (轮候冻结) behind the one that holds: freezePatent",
  IMPORTED: "A registry feed row changed the record: details name each field's value before and after",
  EXAMINATION_REQUESTED: "An invention's request for substantive examination (实质审查请求, Patent Law art. 35) was recorded",
  TERM_COMPENSATED: 'A compensation of the term (专利权期限补偿, Patent Law art. 42) was recorded: recordTermCompensation',
  INVALIDATION_APPEALED: 'A court action against the invalidation decision (Patent Law art. 46(2)) was recorded: recordInvalidationCourtAction',
  INVALIDATION_JUDGED: 'The final judgment on that court action was recorded: recordInvalidationJudgment',
  SUPERSEDED: "The registry's record (a feed row, or centre staff's registration) replaced the enterprise's declaration: details name what changed",
  OPEN_LICENCE_DECLARED: "CNIPA's announcement of the patentee's open licence declaration (开放许可, Patent Law art. 50) was recorded: declareOpenLicence",
  OPEN_LICENCE_WITHDRAWN: 'The withdrawal of the open licence declaration (Patent Law art. 50(2)) was recorded: withdrawOpenLicence',
  TRANSFER_RECORDED:
    'A transfer taking effect on a later day was recorded (registerTransfer with effectiveDate): the right stays with its owner until then, when TRANSFERRED follows',
};

/** One change to a right, in the order they happened: seq counts from 1 per right. */
export interface AssetEvent {
  /** `PATENT:<application number>`, `TRADEMARK:<registration number>`... */
  readonly asset: string;
  readonly seq: number;
  readonly at: string;
  /** The key or account that made the change. */
  readonly actor: string;
  readonly role: string;
  readonly type: AssetEventType;
  readonly details: { readonly [key: string]: JsonValue };
}

export type NewAssetEvent = Omit<AssetEvent, 'asset' | 'seq'>;

export const patentAsset = (applicationNumber: string): string => rightKey({ kind: 'PATENT', number: applicationNumber });

export interface TrademarkRecord {
  readonly registrationNumber: string;
  /** As PatentRecord's: null once held outside the registry. */
  readonly enterpriseId: string | null;
  /** As PatentRecord's. */
  readonly outsideOwner?: OutsideParty | null;
  readonly mark: string;
  /** Nice classification, 1..45. */
  readonly niceClass: number;
  /** The goods or services designated in that class. */
  readonly goods: readonly string[];
  readonly registrationDate: string;
  /** Ten years from registration, renewable. */
  readonly expiryDate: string;
  /** As PatentRecord's. */
  readonly version: number;
  /**
   * A court's preservation of the registration (最高人民法院关于人民法院对注册商标权进行财产保全的解释,
   * 2001, amended 2020) not lifted, at most one year at a time: whether it still holds on a day is
   * domain/standing.ts trademarkOn's. Absent or null when none: no freeze waits behind it (art. 3).
   */
  readonly freeze?: PatentFreeze | null;
}

/** Software, and the kinds of work the Copyright Law names (art. 3), in its order; WORK: any other. */
export const COPYRIGHT_KINDS = [
  'SOFTWARE',
  'LITERARY',
  'ORAL',
  'MUSICAL',
  'DRAMATIC',
  'QUYI',
  'CHOREOGRAPHIC',
  'ACROBATIC',
  'ARTISTIC',
  'ARCHITECTURAL',
  'PHOTOGRAPHIC',
  'AUDIOVISUAL',
  'GRAPHIC',
  'MODEL',
  'WORK',
] as const;
export type CopyrightKind = (typeof COPYRIGHT_KINDS)[number];
/**
 * What each kind means, as the schema describes it: the item of Copyright Law art. 3 (2020) and the
 * letter a work's registration number carries (domain/copyright.ts).
 */
export const COPYRIGHT_KIND_MEANINGS: Readonly<Record<CopyrightKind, string>> = {
  SOFTWARE: 'Computer software (计算机软件), Copyright Law art. 3(8): numbered YYYYSR and a serial',
  LITERARY: 'Literary work (文字作品), Copyright Law art. 3(1): letter A',
  ORAL: 'Oral work (口述作品), Copyright Law art. 3(2): letter B',
  MUSICAL: 'Musical work (音乐作品), Copyright Law art. 3(3): letter C',
  DRAMATIC: 'Dramatic work (戏剧作品), Copyright Law art. 3(3): letter D',
  QUYI: 'Quyi work (曲艺作品: storytelling and ballad singing), Copyright Law art. 3(3): letter E',
  CHOREOGRAPHIC: 'Choreographic work (舞蹈作品), Copyright Law art. 3(3): letter F',
  ACROBATIC: 'Acrobatic work (杂技艺术作品), Copyright Law art. 3(3): letter G',
  ARTISTIC: 'Work of fine art (美术作品), Copyright Law art. 3(4): letter H',
  ARCHITECTURAL: 'Architectural work (建筑作品), Copyright Law art. 3(4): letter I',
  PHOTOGRAPHIC: 'Photographic work (摄影作品), Copyright Law art. 3(5): letter J',
  AUDIOVISUAL: 'Audiovisual work (视听作品: film and works made like film), Copyright Law art. 3(6): letter K',
  GRAPHIC: 'Graphic work (图形作品): design drawings (letter L), or maps and sketches (letter M), Copyright Law art. 3(7)',
  MODEL: 'Model work (模型作品), Copyright Law art. 3(7): letter N',
  WORK: 'Any other work (其他智力成果), Copyright Law art. 3(9): letter O',
};

export interface CopyrightRecord {
  readonly registrationNumber: string;
  readonly enterpriseId: string;
  readonly title: string;
  readonly kind: CopyrightKind;
  /** Null for a registration recorded before authors were. */
  readonly author: string | null;
  readonly completedOn: string | null;
  readonly registeredOn: string;
}

/** The rights that are transferred and licensed through the centre. */
export const RIGHT_KINDS = ['PATENT', 'TRADEMARK'] as const;
export type RightKind = (typeof RIGHT_KINDS)[number];
export interface RightRef {
  readonly kind: RightKind;
  /** Application number (canonical) or registration number. */
  readonly number: string;
}
/** `PATENT:<number>`: the key of a right's history, transfers and licences. */
export const rightKey = (r: RightRef): string => `${r.kind}:${r.number}`;

export const TRANSFER_STATES = ['PENDING', 'EFFECTIVE'] as const;
/** Whether a transfer has moved its right yet: PENDING until its effective date, EFFECTIVE from it. */
export type TransferState = (typeof TRANSFER_STATES)[number];
export const TRANSFER_STATE_MEANINGS: Readonly<Record<TransferState, string>> = {
  PENDING: 'Recorded, not yet in effect: the right stays with the transferor until effectiveDate, and refuses other transfers and licences (TRANSFER_PENDING)',
  EFFECTIVE: 'In effect: the right moved to the transferee on effectiveDate',
};

export interface TransferRecord {
  readonly id: string;
  readonly right: RightRef;
  readonly fromEnterpriseId: string;
  /** The transferee registered with the centre; null for one outside the registry (toOutside). */
  readonly toEnterpriseId: string | null;
  /** The transferee outside the registry (a person, a foreign entity); absent for an enterprise. */
  readonly toOutside?: OutsideParty;
  readonly contractDate: string;
  /** SHA-256 of the signed contract, hex. */
  readonly contractDigest: string;
  /**
   * The day the transfer takes effect: a patent's registration with CNIPA (Patent Law art. 10(3):
   * 专利权的转让自登记之日起生效), a trademark's announcement (Trademark Law art. 42(4): 受让人自公告之日起享有
   * 商标专用权). For transfers recorded before it was kept: the day they were recorded.
   */
  readonly effectiveDate: string;
  readonly state: TransferState;
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** The RIGHT_TRANSFER entry. */
  readonly receipt: Receipt;
  /**
   * The other registrations moved by the same act, under the same contract and ledger entry: a
   * trademark's registrations of the same mark in its class (Trademark Law art. 42(2): 商标注册人对其在
   * 同一种商品上注册的相同或者近似的商标，应当一并转让). Each is recorded as its own transfer, with its
   * id, whose `together` names the others (transferParts). Absent on a transfer of one right.
   */
  readonly together?: readonly TransferPart[];
}

/** One right of a transfer moving several together, and the id of its own transfer record. */
export interface TransferPart {
  readonly id: string;
  readonly right: RightRef;
}

/**
 * A transfer as the records the store keeps, one per right, in order: `t` itself first, then
 * each registration moved with it, each naming the others in `together`. A transfer of one right: [t].
 */
export function transferParts<T extends Omit<TransferRecord, 'receipt'>>(t: T): T[] {
  if (t.together === undefined || t.together.length === 0) return [t];
  const all: TransferPart[] = [{ id: t.id, right: t.right }, ...t.together];
  return all.map((part) => ({ ...t, id: part.id, right: part.right, together: all.filter((o) => o.id !== part.id) }));
}

/**
 * A right as a transfer in effect leaves it: held by the transferee enterprise, or, for a
 * transferee outside the registry, by no enterprise (enterpriseId null) and that party (outsideOwner).
 */
export function movedTo<R extends PatentRecord | TrademarkRecord>(r: R, t: Pick<TransferRecord, 'toEnterpriseId' | 'toOutside'>): R {
  const { outsideOwner: _left, ...rest } = r;
  return (t.toOutside === undefined ? { ...rest, enterpriseId: t.toEnterpriseId } : { ...rest, enterpriseId: null, outsideOwner: t.toOutside }) as R;
}

export const LICENCE_KINDS = ['EXCLUSIVE', 'SOLE', 'ORDINARY'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export interface LicenceRecord {
  readonly id: string;
  readonly right: RightRef;
  readonly licensorId: string;
  /** The licensee registered with the centre; null for one outside the registry (outsideLicensee). */
  readonly licenseeId: string | null;
  /** The licensee outside the registry (a person, a foreign entity); absent for an enterprise. */
  readonly outsideLicensee?: OutsideParty;
  readonly kind: LicenceKind;
  /** GB/T 2260 codes, or CN for the whole country. */
  readonly territory: readonly string[];
  readonly startDate: string;
  readonly endDate: string;
  /** The royalty in fen, when a sum; the terms in words either way. */
  readonly royaltyFen: number | null;
  readonly royaltyTerms: string | null;
  readonly contractDate: string;
  /**
   * The day the contract took effect: its contractDate unless it took effect later (licences
   * recorded before this was kept: their contractDate). The time to record it runs from here
   * (domain/licences.ts recordingDeadline).
   */
  readonly effectiveDate: string;
  /**
   * SHA-256 of the signed contract, hex: one contract is recorded once per right (专利实施许可合同备案办法
   * art. 12(2)(viii)). A licence taken under an open licence has no contract: the digest of its
   * declaration and licensee (domain/open-licences.ts openLicenceTakeDigest), so that a licensee
   * takes one licence under a declaration.
   */
  readonly contractDigest: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** The LICENCE_REGISTRATION entry. */
  readonly receipt: Receipt;
  /**
   * The id of the open licence declaration (OpenLicenceRecord) it was taken under by the licensee's
   * notice (Patent Law art. 51(1)); absent on a licence recorded from a contract.
   */
  readonly openLicenceId?: string;
}

/** The withdrawal of an open licence declaration, as CNIPA announced it (Patent Law art. 50(2)). */
export interface OpenLicenceWithdrawal {
  /** The day CNIPA announced the withdrawal: from it no licence is taken by notice. */
  readonly withdrawnOn: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** Its OPEN_LICENCE_DECLARATION entry (state WITHDRAWN). */
  readonly receipt: Receipt;
}

/**
 * A patentee's open licence declaration (开放许可声明, Patent Law art. 50) as CNIPA announced it and
 * centre staff recorded it: anyone may take an ordinary licence by written notice, paying the
 * royalty declared (art. 51(1)); while it stands no exclusive or sole licence (art. 51(3)).
 */
export interface OpenLicenceRecord {
  readonly id: string;
  /** The patent, canonical. */
  readonly applicationNumber: string;
  /** The patentee who declared it: the patent's owner when it was recorded. */
  readonly patenteeId: string;
  /** How the royalty is paid and how much (许可使用费支付方式、标准), as declared. */
  readonly royalty: string;
  /** The day CNIPA announced it. */
  readonly announcedOn: string;
  /** The patent evaluation report (专利权评价报告) a utility model's or design's declaration comes with; null for an invention. */
  readonly evaluationReportNumber: string | null;
  readonly declaredAt: string;
  readonly declaredBy: string;
  /** Its OPEN_LICENCE_DECLARATION entry (state DECLARED). */
  readonly receipt: Receipt;
  /** Null while it stands. */
  readonly withdrawal: OpenLicenceWithdrawal | null;
}
