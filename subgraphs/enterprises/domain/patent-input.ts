// What makes a patent's registration valid, for the registerPatent mutation and the registry
// import alike: the same checks, the same codes. Pure; whether the owner exists is the caller's.
import { parseIsoDate } from '../../../standards/calendar-date.js';
import { parsePatentNumber } from '../../../standards/patent-number.js';
import { PATENT_STATUSES, type PatentRecord, type PatentStatus } from '../store/port.js';
import { grantPublicationNumber } from './lifecycle.js';

export interface PatentInput {
  readonly enterpriseId: string;
  readonly applicationNumber: string;
  readonly title: string;
  readonly filingDate: string;
  readonly ipcClass?: string | null;
  readonly status?: string | null;
  readonly grantDate?: string | null;
  readonly feesPaidThrough?: string | null;
  readonly grantPublicationNumber?: string | null;
  readonly lapsedOn?: string | null;
}

export interface PatentInputProblem {
  readonly code: 'INVALID_PATENT_NUMBER' | 'INVALID_DATE' | 'BAD_USER_INPUT';
  readonly message: string;
  readonly field: string;
}

export type PatentInputCheck = { readonly ok: true; readonly patent: PatentRecord } | ({ readonly ok: false } & PatentInputProblem);

const MAX_TITLE = 500;
const MAX_IPC = 50;

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
export function checkPatentInput(input: PatentInput, today: string): PatentInputCheck {
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

  const filingDate = date(input.filingDate, 'filingDate');
  if (isProblem(filingDate)) return filingDate;
  if (filingDate === null) return problem('INVALID_DATE', 'filingDate', 'filingDate is required');
  if (parsed.year !== Number(filingDate.slice(0, 4))) {
    return problem('BAD_USER_INPUT', 'filingDate', `application ${n} was filed in ${parsed.year}, not ${filingDate.slice(0, 4)}: check filingDate`);
  }
  if (filingDate > today) return problem('BAD_USER_INPUT', 'filingDate', 'filingDate is in the future');
  const grantDate = date(input.grantDate, 'grantDate');
  if (isProblem(grantDate)) return grantDate;
  if (grantDate !== null && grantDate < filingDate) return problem('BAD_USER_INPUT', 'grantDate', 'grantDate is before filingDate');
  if (grantDate !== null && grantDate > today) return problem('BAD_USER_INPUT', 'grantDate', 'grantDate is in the future');
  if (status === 'PENDING' && grantDate !== null) return problem('BAD_USER_INPUT', 'grantDate', 'a PENDING application has no grantDate');
  const feesPaidThrough = date(input.feesPaidThrough, 'feesPaidThrough');
  if (isProblem(feesPaidThrough)) return feesPaidThrough;
  if (feesPaidThrough !== null && feesPaidThrough < filingDate) return problem('BAD_USER_INPUT', 'feesPaidThrough', 'feesPaidThrough is before filingDate');
  const lapsedOn = date(input.lapsedOn, 'lapsedOn');
  if (isProblem(lapsedOn)) return lapsedOn;
  if (lapsedOn !== null && status !== 'LAPSED') return problem('BAD_USER_INPUT', 'lapsedOn', 'only a LAPSED patent has lapsedOn');
  if (lapsedOn !== null && lapsedOn < filingDate) return problem('BAD_USER_INPUT', 'lapsedOn', 'lapsedOn is before filingDate');

  const type = parsed.type === 'PCT_INVENTION' ? 'INVENTION' : parsed.type === 'PCT_UTILITY_MODEL' ? 'UTILITY_MODEL' : parsed.type;
  let announced: string | null = null;
  if (input.grantPublicationNumber?.trim()) {
    const checked = grantPublicationNumber(type, input.grantPublicationNumber);
    if (!checked.ok) return problem('BAD_USER_INPUT', 'grantPublicationNumber', checked.message);
    announced = checked.value;
  }
  return {
    ok: true,
    patent: {
      applicationNumber: n,
      enterpriseId: input.enterpriseId,
      type,
      pct: parsed.type.startsWith('PCT_'),
      title,
      ipcClass,
      status,
      filingDate,
      grantDate,
      feesPaidThrough,
      grantPublicationNumber: announced,
      lapsedOn,
      freeze: null,
      invalidation: null,
      version: 1,
    },
  };
}
