// What a notification must be to be accepted.
import { describe, expect, it } from 'vitest';

import { MAX_DATA_BYTES, type Notification, notificationProblem } from './notification.js';

const GOOD: Notification = {
  id: 'outbox:cases:42',
  type: 'case.moved',
  occurredAt: '2026-03-02T08:00:00.000Z',
  subject: 'case:PE-2026-0042',
  audience: [{ kind: 'ENTERPRISE', id: 'E1' }, { kind: 'ORGANIZATION', role: 'COURT', name: '福州中院' }, { kind: 'CENTRE' }],
  data: { from: 'FILED', to: 'ACCEPTED' },
};

const problem = (over: Record<string, unknown>): string | undefined => notificationProblem({ ...GOOD, ...over } as Notification);

describe('a notification', () => {
  it('is accepted as it should be', () => {
    expect(notificationProblem(GOOD)).toBeUndefined();
    expect(problem({ audience: [], data: {} })).toBeUndefined();
  });

  it('is refused with a reason naming what is wrong', () => {
    expect(problem({ id: '' })).toMatch(/id/);
    expect(problem({ id: 'a\nb' })).toMatch(/id/);
    for (const type of ['case', 'Case.moved', 'case.moved.', 'case-moved.x', `a.${'b'.repeat(100)}`]) expect(problem({ type })).toMatch(/type/);
    for (const occurredAt of ['2026-03-02', '2026-03-02T08:00:00Z', '2026-03-02T16:00:00.000+08:00', 'soon'])
      expect(problem({ occurredAt })).toMatch(/occurredAt/);
    expect(problem({ subject: '' })).toMatch(/subject/);
    expect(problem({ audience: [{ kind: 'ENTERPRISE', id: '' }] })).toMatch(/enterprise id/);
    expect(problem({ audience: [{ kind: 'ORGANIZATION', role: 'ENTERPRISE', name: 'x' }] })).toMatch(/one of BANK, COURT, INSURER, GUARANTOR/);
    expect(problem({ audience: [{ kind: 'ORGANIZATION', role: 'BANK', name: '' }] })).toMatch(/organization name/);
    expect(problem({ audience: [{ kind: 'EVERYONE' }] })).toMatch(/unknown audience kind/);
    expect(problem({ audience: Array.from({ length: 21 }, () => ({ kind: 'CENTRE' })) })).toMatch(/at most 20/);
    expect(problem({ data: [1] })).toMatch(/JSON object/);
    expect(problem({ data: { subject: 'x' } })).toMatch(/may not hold subject/);
    expect(problem({ data: { text: 'x'.repeat(MAX_DATA_BYTES) } })).toMatch(/over 16384 bytes/);
  });
});
