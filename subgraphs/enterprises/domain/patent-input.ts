// What makes a patent's registration valid, for the registerPatent mutation and the registry
// import alike: the same checks, the same codes. Pure; whether the owner exists is the caller's.
import { addMonths, parseIsoDate } from '../../../standards/calendar-date.js';
import { parsePatentNumber } from '../../../standards/patent-number.js';
import { grantPublicationNumber } from './kind-codes.js';
import { PATENT_STATUSES, type PatentRecord, type PatentStatus } from './model.js';

export interface PatentInput {
  readonly enterpriseId: string;
  readonly applicationNumber: string;
  readonly title: string;
  readonly filingDate: string;
  readonly priorityDate?: string | null;
  readonly parentApplicationNumber?: string | null;
  readonly examinationRequestedOn?: string | null;
  readonly ipcClass?: string | null;
  readonly status?: string | null;
  readonly grantDate?: string | null;
  readonly feesPaidThrough?: string | null;
  readonly grantPublicationNumber?: string | null;
  readonly lapsedOn?: string | null;
}

/**
 * Who declares the record: the registry (centre staff, the registry feed) records any fact; an
 * enterprise declares only its own PENDING application, with no grant, fee or lapse facts.
 */
export type Declarer = 'REGISTRY' | 'ENTERPRISE';

export interface PatentInputProblem {
  readonly code: 'INVALID_PATENT_NUMBER' | 'INVALID_DATE' | 'BAD_USER_INPUT' | 'FORBIDDEN';
  readonly message: string;
  readonly field: string;
}

export type PatentInputCheck = { readonly ok: true; readonly patent: PatentRecord } | ({ readonly ok: false } & PatentInputProblem);

const MAX_TITLE = 500;
const MAX_IPC = 50;
/**
 * How far before the filing date a priority may be (Patent Law art. 29: twelve months for an
 * invention or utility model, six for a design), with the two months of a priority restored
 * (Implementing Regulations as amended 2023) for the first two.
 */
const PRIORITY_MONTHS: Readonly<Record<PatentRecord['type'], number>> = { INVENTION: 14, UTILITY_MODEL: 14, DESIGN: 6 };
/** The facts of a granted right that an enterprise's own declaration may not carry. */
const REGISTRY_FACTS = ['grantDate', 'feesPaidThrough', 'grantPublicationNumber', 'lapsedOn'] as const;

const problem = (code: PatentInputProblem['code'], field: string, message: string): PatentInputCheck => ({ ok: false, code, field, message });

/** A given date field, or a problem naming it. */
function date(value: string | null | undefined, field: string): string | null | PatentInputCheck {
  if (value === null || value === undefined || value === '') return null;
  try {
    parseIsoDate(value);
    return value;
  } catch {
    return problem('INVALID_DATE', field, `${field} must be a calendar date YYYY-MM-DD; got '${value}'`);
  }
}
const isProblem = (v: unknown): v is PatentInputCheck => typeof v === 'object' && v !== null;

/** The patent record the input registers (at version 1, nothing of its later life), or its first problem. */
export function checkPatentInput(input: PatentInput, today: string, declarer: Declarer = 'REGISTRY'): PatentInputCheck {
  const parsed = parsePatentNumber(input.applicationNumber);
  if (!parsed.ok) return problem('INVALID_PATENT_NUMBER', 'applicationNumber', parsed.message);
  const n = parsed.canonical;
  const title = input.title.trim();
  if (title === '' || title.length > MAX_TITLE) return problem('BAD_USER_INPUT', 'title', `title must be 1 to ${MAX_TITLE} characters`);
  const ipcClass = input.ipcClass?.trim() || null;
  if (ipcClass !== null && ipcClass.length > MAX_IPC) return problem('BAD_USER_INPUT', 'ipcClass', `ipcClass must be at most ${MAX_IPC} characters`);
  const status = (input.status?.trim() || 'PENDING') as PatentStatus;
  if (!PATENT_STATUSES.includes(status))
    return problem('BAD_USER_INPUT', 'status', `status must be one of ${PATENT_STATUSES.join(', ')}; got '${input.status}'`);
  if (declarer === 'ENTERPRISE') {
    if (status !== 'PENDING') {
      return problem(
        'FORBIDDEN',
        'status',
        `an enterprise registers its own PENDING applications; a ${status} right is recorded by centre staff or the registry feed`,
      );
    }
    const fact = REGISTRY_FACTS.find((f) => input[f]?.trim());
    if (fact !== undefined)
      return problem('FORBIDDEN', fact, `${fact} is a fact of the registry: centre staff or the registry feed record it, not the applicant`);
  }

  let parent: string | null = null;
  if (input.parentApplicationNumber?.trim()) {
    const p = parsePatentNumber(input.parentApplicationNumber);
    if (!p.ok) return problem('INVALID_PATENT_NUMBER', 'parentApplicationNumber', p.message);
    if (p.canonical === n) return problem('BAD_USER_INPUT', 'parentApplicationNumber', 'an application is not its own parent');
    parent = p.canonical;
  }
  const pct = parsed.type.startsWith('PCT_');
  const filingDate = date(input.filingDate, 'filingDate');
  if (isProblem(filingDate)) return filingDate;
  if (filingDate === null) return problem('INVALID_DATE', 'filingDate', 'filingDate is required');
  // The number carries the year the application reached CNIPA: the filing year of an application
  // filed there, but a later year for a PCT entry (its filing date is the international one, art.
  // 42's date) and for a divisional (it keeps its parent's filing date, Implementing Regulations rule 43).
  const filed = Number(filingDate.slice(0, 4));
  if (pct || parent !== null ? filed > parsed.year : filed !== parsed.year) {
    const why = pct
      ? 'a PCT entry is numbered in the year it entered the national phase, on or after its international filing date'
      : parent !== null
        ? "a divisional application is numbered in the year it was filed, on or after its parent's filing date"
        : 'check filingDate';
    return problem('BAD_USER_INPUT', 'filingDate', `application ${n} was numbered in ${parsed.year}, filingDate is in ${filed}: ${why}`);
  }
  if (filingDate > today) return problem('BAD_USER_INPUT', 'filingDate', 'filingDate is in the future');
  const type = parsed.type === 'PCT_INVENTION' ? 'INVENTION' : parsed.type === 'PCT_UTILITY_MODEL' ? 'UTILITY_MODEL' : parsed.type;

  const priorityDate = date(input.priorityDate, 'priorityDate');
  if (isProblem(priorityDate)) return priorityDate;
  if (priorityDate !== null && (priorityDate > filingDate || priorityDate < addMonths(filingDate, -PRIORITY_MONTHS[type]))) {
    return problem(
      'BAD_USER_INPUT',
      'priorityDate',
      `a ${type}'s priority date is on or before its filing date and at most ${PRIORITY_MONTHS[type]} months earlier (Patent Law art. 29), from ${addMonths(filingDate, -PRIORITY_MONTHS[type])}`,
    );
  }
  const examinationRequestedOn = date(input.examinationRequestedOn, 'examinationRequestedOn');
  if (isProblem(examinationRequestedOn)) return examinationRequestedOn;
  if (examinationRequestedOn !== null && type !== 'INVENTION') {
    return problem('BAD_USER_INPUT', 'examinationRequestedOn', 'only an invention is examined on request (Patent Law art. 35)');
  }
  if (examinationRequestedOn !== null && (examinationRequestedOn < (priorityDate ?? filingDate) || examinationRequestedOn > today)) {
    return problem('BAD_USER_INPUT', 'examinationRequestedOn', 'examinationRequestedOn must be between the filing (or priority) date and today');
  }
  const grantDate = date(input.grantDate, 'grantDate');
  if (isProblem(grantDate)) return grantDate;
  if (grantDate !== null && grantDate < filingDate) return problem('BAD_USER_INPUT', 'grantDate', 'grantDate is before filingDate');
  if (grantDate !== null && grantDate > today) return problem('BAD_USER_INPUT', 'grantDate', 'grantDate is in the future');
  if (status === 'PENDING' && grantDate !== null) return problem('BAD_USER_INPUT', 'grantDate', 'a PENDING application has no grantDate');
  if (status === 'GRANTED' && grantDate === null) {
    return problem('BAD_USER_INPUT', 'grantDate', 'a GRANTED patent has its grantDate: its annual fees run from the year of grant');
  }
  const feesPaidThrough = date(input.feesPaidThrough, 'feesPaidThrough');
  if (isProblem(feesPaidThrough)) return feesPaidThrough;
  if (feesPaidThrough !== null && feesPaidThrough < filingDate) return problem('BAD_USER_INPUT', 'feesPaidThrough', 'feesPaidThrough is before filingDate');
  if (feesPaidThrough !== null && grantDate === null) {
    return problem('BAD_USER_INPUT', 'feesPaidThrough', 'annual fees begin with grant: an application without a grantDate has paid none');
  }
  const lapsedOn = date(input.lapsedOn, 'lapsedOn');
  if (isProblem(lapsedOn)) return lapsedOn;
  if (lapsedOn !== null && status !== 'LAPSED') return problem('BAD_USER_INPUT', 'lapsedOn', 'only a LAPSED patent has lapsedOn');
  if (lapsedOn !== null && lapsedOn < filingDate) return problem('BAD_USER_INPUT', 'lapsedOn', 'lapsedOn is before filingDate');

  let announced: string | null = null;
  if (input.grantPublicationNumber?.trim()) {
    if (grantDate === null) return problem('BAD_USER_INPUT', 'grantPublicationNumber', 'a grant announcement number goes with its grantDate');
    const checked = grantPublicationNumber(type, input.grantPublicationNumber, grantDate);
    if (!checked.ok) return problem('BAD_USER_INPUT', 'grantPublicationNumber', checked.message);
    announced = checked.value;
  }
  return {
    ok: true,
    patent: {
      applicationNumber: n,
      enterpriseId: input.enterpriseId,
      type,
      pct,
      title,
      ipcClass,
      status,
      filingDate,
      priorityDate,
      parentApplicationNumber: parent,
      examinationRequestedOn,
      grantDate,
      feesPaidThrough,
      grantPublicationNumber: announced,
      lapsedOn,
      terminationNoticeOn: null,
      termCompensation: [],
      declared: declarer === 'ENTERPRISE',
      freeze: null,
      waitingFreezes: [],
      invalidation: null,
      version: 1,
    },
  };
}
