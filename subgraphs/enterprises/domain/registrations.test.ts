import { describe, expect, it } from 'vitest';

import { copyrightNumber } from './copyright.js';
import { registrationExpiry, renewal, renewalWindow } from './trademark.js';

describe('trademark terms', () => {
  it('runs ten years to the day before the anniversary, Feb 29 included', () => {
    expect(registrationExpiry('2016-05-14')).toBe('2026-05-13');
    expect(registrationExpiry('2016-02-29')).toBe('2026-02-27');
  });

  it('renews within twelve months before the end and six after, for ten years from the day after', () => {
    expect(renewalWindow('2026-05-13')).toStrictEqual({ opens: '2025-05-13', closes: '2026-11-13' });
    expect(renewal('2026-05-13', '2025-05-13')).toStrictEqual({ ok: true, expiryDate: '2036-05-13' });
    expect(renewal('2026-05-13', '2026-11-13')).toStrictEqual({ ok: true, expiryDate: '2036-05-13' });
    expect(renewal('2026-05-13', '2025-05-12')).toMatchObject({ ok: false, message: expect.stringMatching(/from 2025-05-13/) });
    expect(renewal('2026-05-13', '2026-11-14')).toMatchObject({ ok: false, message: expect.stringMatching(/grace period for renewal on 2026-11-13/) });
  });
});

describe('copyright registration numbers', () => {
  it.each([
    ['SOFTWARE', '2024sr 0123456', '2024SR0123456', 2024],
    ['LITERARY', '国作登字-2023-A-00012345', '国作登字-2023-A-00012345', 2023],
  ])('reads a %s number %s', (kind, input, value, year) => {
    expect(copyrightNumber(kind, input)).toStrictEqual({ ok: true, value, year });
  });

  it.each([
    ['SOFTWARE', '2024SR012345'],
    ['SOFTWARE', '国作登字-2023-A-00012345'],
    ['ARTISTIC', '2024SR0123456'],
    ['ARTISTIC', '国作登字-23-F-00012345'],
  ])('refuses a %s number %s', (kind, input) => {
    expect(copyrightNumber(kind, input)).toMatchObject({ ok: false, message: expect.stringMatching(/looks like/) });
  });
});
