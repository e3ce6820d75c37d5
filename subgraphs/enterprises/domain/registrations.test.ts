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

describe('copyright registration numbers as issued (the kinds of Copyright Law art. 3)', () => {
  it.each([
    ['SOFTWARE', '2024sr 0123456', '2024SR0123456', 2024],
    ['SOFTWARE', '2011SR012345', '2011SR012345', 2011],
    ['LITERARY', '国作登字-2023-A-00012345', '国作登字-2023-A-00012345', 2023],
    ['ARTISTIC', '国作登字-2021-H-00000789', '国作登字-2021-H-00000789', 2021],
    ['PHOTOGRAPHIC', '粤作登字-2020-J-00001234', '粤作登字-2020-J-00001234', 2020],
    ['GRAPHIC', '京作登字-2019-M-00000001', '京作登字-2019-M-00000001', 2019],
    ['ORAL', '国作登字-2022-B-00000002', '国作登字-2022-B-00000002', 2022],
  ] as const)('reads a %s number %s', (kind, input, value, year) => {
    expect(copyrightNumber(kind, input)).toStrictEqual({ ok: true, value, year });
  });

  it.each([
    ['SOFTWARE', '2024SR01234567', /looks like/],
    ['SOFTWARE', '国作登字-2023-A-00012345', /looks like/],
    ['ARTISTIC', '2024SR0123456', /looks like/],
    ['ARTISTIC', '国作登字-23-H-00012345', /looks like/],
    ['ARTISTIC', '国作登字-2023-A-00012345', /ARTISTIC work is registered under letter H, not A/],
    ['MODEL', '美作登字-2023-N-00012345', /looks like/],
  ] as const)('refuses a %s number %s', (kind, input, message) => {
    expect(copyrightNumber(kind, input)).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});
