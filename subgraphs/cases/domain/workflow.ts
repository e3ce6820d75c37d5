// The patent pre-examination workflow (专利预审): who may move a case where. Pure.

export const PRE_EXAM_STATES = ['RECEIVED', 'CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK', 'PASSED', 'RETURNED', 'ARCHIVED'] as const;
export type PreExamState = (typeof PRE_EXAM_STATES)[number];

/** What each pre-examination state means: its description in the schema. */
export const PRE_EXAM_STATE_MEANINGS: Readonly<Record<PreExamState, string>> = {
  RECEIVED: 'Filed and received by the centre: the first state',
  CLASSIFIED: 'Classified by centre staff, before examination',
  EXAMINING: 'Under pre-examination by centre staff',
  QUALITY_CHECK: "The examination's result under quality check, before the decision",
  PASSED: 'Passed pre-examination: a decision, anchored in the ledger (CASE_DECISION)',
  RETURNED: 'Returned to the applicant, not passed: a decision, anchored in the ledger (CASE_DECISION)',
  ARCHIVED: 'Archived after its decision: final, no move follows',
};

const NEXT: Readonly<Record<PreExamState, readonly PreExamState[]>> = {
  RECEIVED: ['CLASSIFIED'],
  CLASSIFIED: ['EXAMINING'],
  EXAMINING: ['QUALITY_CHECK'],
  QUALITY_CHECK: ['PASSED', 'RETURNED'],
  PASSED: ['ARCHIVED'],
  RETURNED: ['ARCHIVED'],
  ARCHIVED: [],
};

export function nextStates(state: PreExamState): readonly PreExamState[] {
  return NEXT[state];
}

export function canMove(from: PreExamState, to: PreExamState): boolean {
  return NEXT[from].includes(to);
}

/** PASSED and RETURNED decide a case; they are anchored in the ledger. */
export function isDecision(state: PreExamState): state is 'PASSED' | 'RETURNED' {
  return state === 'PASSED' || state === 'RETURNED';
}

/** Whole days from receipt to decision, as a centre reports cycle time. */
export function cycleDays(receivedAt: string, decidedAt: string): number {
  return (Date.parse(decidedAt) - Date.parse(receivedAt)) / 86_400_000;
}

export interface CycleStatistics {
  readonly decided: number;
  readonly averageDays: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /** Decided cases decided within 7 days. */
  readonly decidedWithin7Days: number;
  /** Their share of the decided cases, 0..1. */
  readonly within7Days: number | null;
}

/** Average, median and 90th percentile (nearest rank), and how many within 7 days, of cycle times in days. */
export function cycleStatistics(days: readonly number[]): CycleStatistics {
  if (days.length === 0) return { decided: 0, averageDays: null, medianDays: null, p90Days: null, decidedWithin7Days: 0, within7Days: null };
  const sorted = [...days].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const rank = (p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;
  const within7 = sorted.filter((d) => d <= 7).length;
  return {
    decided: sorted.length,
    averageDays: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    medianDays: round(rank(0.5)),
    p90Days: round(rank(0.9)),
    decidedWithin7Days: within7,
    within7Days: round(within7 / sorted.length),
  };
}

// Rights-protection assistance and disputes (维权援助与纠纷处理).

export const PROTECTION_STATES = ['APPLIED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'SETTLED', 'REFERRED', 'WITHDRAWN', 'CLOSED'] as const;
export type ProtectionState = (typeof PROTECTION_STATES)[number];

/** What each protection state means: its description in the schema. */
export const PROTECTION_STATE_MEANINGS: Readonly<Record<ProtectionState, string>> = {
  APPLIED: 'Applied for, awaiting centre staff: the first state; respondents are not yet told of it',
  ACCEPTED: 'Accepted by centre staff (受理): respondents are told of it, and the parties read the evidence it cites',
  REJECTED: 'Not accepted by centre staff: an outcome, anchored in the ledger (CASE_DECISION)',
  IN_PROGRESS: 'Being handled on its resolution route',
  SETTLED: 'Resolved on its route: an outcome, anchored in the ledger (CASE_DECISION)',
  REFERRED: 'Referred to the court referredTo names, which reads it from then on: an outcome, anchored in the ledger (CASE_DECISION)',
  WITHDRAWN: 'Withdrawn before resolution: an outcome, anchored in the ledger (CASE_DECISION)',
  CLOSED: 'Closed after its outcome: final, no move follows',
};

const PROTECTION_NEXT: Readonly<Record<ProtectionState, readonly ProtectionState[]>> = {
  APPLIED: ['ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  ACCEPTED: ['IN_PROGRESS', 'WITHDRAWN'],
  IN_PROGRESS: ['SETTLED', 'REFERRED', 'WITHDRAWN'],
  REJECTED: ['CLOSED'],
  SETTLED: ['CLOSED'],
  REFERRED: ['CLOSED'],
  WITHDRAWN: ['CLOSED'],
  CLOSED: [],
};

export function nextProtectionStates(state: ProtectionState): readonly ProtectionState[] {
  return PROTECTION_NEXT[state];
}

export function canMoveProtection(from: ProtectionState, to: ProtectionState): boolean {
  return PROTECTION_NEXT[from].includes(to);
}

/** The outcomes of a protection case; each is anchored in the ledger. */
export function isOutcome(state: ProtectionState): state is 'REJECTED' | 'SETTLED' | 'REFERRED' | 'WITHDRAWN' {
  return state === 'REJECTED' || state === 'SETTLED' || state === 'REFERRED' || state === 'WITHDRAWN';
}
