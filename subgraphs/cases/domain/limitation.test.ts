import { describe, expect, it } from 'vitest';

import { WEEKENDS_ONLY } from '../../../standards/working-days.js';
import { limitationEndsOn } from './limitation.js';

describe('the limitation period of a protection claim (Civil Code arts. 188, 201-203; Patent Law art. 74)', () => {
  it('ends three years on, on the corresponding day', () => {
    // 2023-05-10 (a Wednesday) + 3 years: 2026-05-10 is a Sunday, so the Monday after (art. 203).
    expect(limitationEndsOn('2023-05-10', WEEKENDS_ONLY)).toBe('2026-05-11');
    expect(limitationEndsOn('2023-05-12', WEEKENDS_ONLY)).toBe('2026-05-12');
  });

  it('moves past the statutory holidays of the calendar to the next working day (art. 203)', () => {
    // The 2025 National Day holiday: 1 to 8 October off, 28 September and 11 October worked.
    const calendar = {
      holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
      workdays: new Set(['2025-09-28', '2025-10-11']),
      years: [2025],
    };
    expect(limitationEndsOn('2022-10-01', calendar)).toBe('2025-10-09');
    // A February 29th's period ends on the last day of February (art. 202: no corresponding day), a Sunday in 2027.
    expect(limitationEndsOn('2024-02-29', WEEKENDS_ONLY)).toBe('2027-03-01');
  });
});
