import { describe, expect, it } from 'vitest';

import { canMove, canMoveProtection, cycleDays, cycleStatistics, isDecision, isOutcome, nextStates, PRE_EXAM_STATES, PROTECTION_STATES } from './workflow.js';

describe('pre-examination workflow', () => {
  it('moves only forward along RECEIVED -> CLASSIFIED -> EXAMINING -> QUALITY_CHECK -> PASSED | RETURNED -> ARCHIVED', () => {
    const allowed = PRE_EXAM_STATES.flatMap((from) => PRE_EXAM_STATES.filter((to) => canMove(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual([
      'RECEIVED->CLASSIFIED',
      'CLASSIFIED->EXAMINING',
      'EXAMINING->QUALITY_CHECK',
      'QUALITY_CHECK->PASSED',
      'QUALITY_CHECK->RETURNED',
      'PASSED->ARCHIVED',
      'RETURNED->ARCHIVED',
    ]);
    expect(nextStates('ARCHIVED')).toEqual([]);
    expect(PRE_EXAM_STATES.filter(isDecision)).toEqual(['PASSED', 'RETURNED']);
  });

  it('computes cycle times and their statistics', () => {
    expect(cycleDays('2026-03-01T08:00:00Z', '2026-03-04T20:00:00Z')).toBe(3.5);
    expect(cycleStatistics([])).toEqual({ decided: 0, averageDays: null, medianDays: null, p90Days: null, decidedWithin7Days: 0, within7Days: null });
    const s = cycleStatistics([20, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s).toEqual({ decided: 10, averageDays: 6.5, medianDays: 5, p90Days: 9, decidedWithin7Days: 7, within7Days: 0.7 });
    // Nearest rank: of three, the second; of one, itself.
    expect(cycleStatistics([7.5, 0.25, 3]).medianDays).toBe(3);
    expect(cycleStatistics([7.01])).toMatchObject({ medianDays: 7.01, p90Days: 7.01, decidedWithin7Days: 0, within7Days: 0 });
  });

  it('takes a protection case from application to closure through one outcome', () => {
    const allowed = PROTECTION_STATES.flatMap((from) => PROTECTION_STATES.filter((to) => canMoveProtection(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual([
      'APPLIED->ACCEPTED',
      'APPLIED->REJECTED',
      'APPLIED->WITHDRAWN',
      'ACCEPTED->IN_PROGRESS',
      'ACCEPTED->WITHDRAWN',
      'REJECTED->CLOSED',
      'IN_PROGRESS->SETTLED',
      'IN_PROGRESS->REFERRED',
      'IN_PROGRESS->WITHDRAWN',
      'SETTLED->CLOSED',
      'REFERRED->CLOSED',
      'WITHDRAWN->CLOSED',
    ]);
    expect(PROTECTION_STATES.filter(isOutcome)).toEqual(['REJECTED', 'SETTLED', 'REFERRED', 'WITHDRAWN']);
  });
});
