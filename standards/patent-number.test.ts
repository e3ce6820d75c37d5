import { describe, expect, it } from 'vitest';

import { parsePatentNumber, patentCheckDigit } from './patent-number.js';

// Published numbers, each verified against the check-digit rule. Sources are public pages found
// through GitHub code search (product pages, CVs, faculty profiles, a patent data set).
const REAL_NUMBERS = [
  // 微播易 product page: invention '广告精准投放方法和系统', written 'ZL2015 1 0958772.0'
  { input: 'ZL2015 1 0958772.0', canonical: '201510958772.0', year: 2015, type: 'INVENTION', serial: '0958772', granted: true },
  // Faculty page (齐俏, 陈晓明): invention granted 2020, check digit X
  { input: 'ZL201811564288.X', canonical: '201811564288.X', year: 2018, type: 'INVENTION', serial: '1564288', granted: true },
  // CV: image-processing invention
  { input: 'ZL202010566088.9', canonical: '202010566088.9', year: 2020, type: 'INVENTION', serial: '0566088', granted: true },
  // Product page: '适用于多口径接口的真空泵', utility model
  { input: 'ZL202322865413.3', canonical: '202322865413.3', year: 2023, type: 'UTILITY_MODEL', serial: '2865413', granted: true },
  // Project dossier: '压力表盘（外观设计专利）'
  { input: 'ZL201930071397.7', canonical: '201930071397.7', year: 2019, type: 'DESIGN', serial: '0071397', granted: true },
  // Product brochure: design '螺纹接口', check digit X
  { input: 'ZL201830072131.X', canonical: '201830072131.X', year: 2018, type: 'DESIGN', serial: '0072131', granted: true },
  // CNKI patent record: 日新制钢 PCT national-phase application, filed 2017-06-02
  { input: 'CN201780033978.X', canonical: '201780033978.X', year: 2017, type: 'PCT_INVENTION', serial: '0033978', granted: false },
  // 丁文江 (SJTU) profile: pre-2003 inventions of 1999, 2000 and 2001
  { input: 'ZL99113861.9', canonical: '99113861.9', year: 1999, type: 'INVENTION', serial: '13861', granted: true },
  { input: 'ZL00125301.8', canonical: '00125301.8', year: 2000, type: 'INVENTION', serial: '25301', granted: true },
  { input: 'ZL01105715.7', canonical: '01105715.7', year: 2001, type: 'INVENTION', serial: '05715', granted: true },
] as const;

describe('patentCheckDigit', () => {
  it('weights 12 digits 2..9,2..5 and 8 digits 2..9, remainder mod 11, 10 as X', () => {
    expect(patentCheckDigit('201510958772')).toBe('0');
    expect(patentCheckDigit('201811564288')).toBe('X');
    expect(patentCheckDigit('99113861')).toBe('9');
  });

  it('refuses other lengths and non-digits', () => {
    expect(patentCheckDigit('2015109587')).toBeUndefined();
    expect(patentCheckDigit('2015109587720')).toBeUndefined();
    expect(patentCheckDigit('20151095877A')).toBeUndefined();
  });
});

describe('parsePatentNumber', () => {
  it.each(REAL_NUMBERS)('parses the published number $input', ({ input, ...expected }) => {
    expect(parsePatentNumber(input)).toEqual({ ok: true, ...expected });
  });

  it('gives the same canonical form however the number is written', () => {
    const forms = ['201510958772.0', 'CN201510958772.0', 'cn 2015 1 0958772.0', ' ZL 201510958772.0 ', '2015109587720', '2015 10958772 . 0'];
    for (const form of forms) {
      expect(parsePatentNumber(form), form).toMatchObject({ ok: true, canonical: '201510958772.0' });
    }
    expect(parsePatentNumber('zl201811564288.x')).toMatchObject({ ok: true, canonical: '201811564288.X', granted: true });
  });

  it('only ZL marks a granted patent', () => {
    expect(parsePatentNumber('CN201510958772.0')).toMatchObject({ granted: false });
    expect(parsePatentNumber('201510958772.0')).toMatchObject({ granted: false });
    expect(parsePatentNumber('ZL201510958772.0')).toMatchObject({ granted: true });
  });

  it('maps type 9 to a PCT utility model', () => {
    // Constructed (no published PCT utility model found): check digit computed from the rule.
    expect(parsePatentNumber('201990012345.5')).toMatchObject({ ok: true, type: 'PCT_UTILITY_MODEL' });
  });

  it.each([
    ['201510958772.1', '0'],
    ['ZL201811564288.0', 'X'],
    ['ZL99113861.8', '9'],
    // A placeholder seen in public code; its real check digit is 6.
    ['ZL202310123456.7', '6'],
  ])('rejects %s with a wrong check digit and names the right one', (input, expected) => {
    const result = parsePatentNumber(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`gives ${expected}`);
  });

  it('rejects a number without its check digit, stating the one it would need', () => {
    const result = parsePatentNumber('ZL201510958772');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('201510958772.0');
    expect(parsePatentNumber('99113861').ok).toBe(false);
  });

  it.each([
    [''],
    ['ZL'],
    ['CN1340998A'], // a publication number, not an application number
    ['20151095877.2'], // 11 digits
    ['2015109587722.0'], // 13 digits before the dot
    ['201510958772.'],
    ['201510958772.00'],
    ['2015A0958772.0'],
    ['201510958772-0'],
    ['ZLCN201510958772.0'],
    ['US201510958772.0'],
  ])('rejects the malformed %j', (input) => {
    const result = parsePatentNumber(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('expected 12 digits');
  });

  it('rejects a type digit that names no patent type', () => {
    const result = parsePatentNumber('201550958772.0');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("5th digit is the patent type and '5'");
    // Before 2003, 8 and 9 were not type digits.
    const old = parsePatentNumber(`99813861.${patentCheckDigit('99813861')}`);
    expect(!old.ok && old.message).toContain("3rd digit is the patent type and '8'");
  });

  it('rejects years outside each numbering scheme', () => {
    const early = parsePatentNumber(`200210012345.${patentCheckDigit('200210012345')}`);
    expect(!early.ok && early.message).toContain('first issued in 2003');
    const late = parsePatentNumber(`05112345.${patentCheckDigit('05112345')}`);
    expect(!late.ok && late.message).toContain("'05' is no such year");
    // 2003 is valid in both schemes: the 12-digit one began on 2003-10-01.
    expect(parsePatentNumber(`03112345.${patentCheckDigit('03112345')}`)).toMatchObject({ ok: true, year: 2003 });
    expect(parsePatentNumber(`200310012345.${patentCheckDigit('200310012345')}`)).toMatchObject({ ok: true, year: 2003 });
    expect(parsePatentNumber(`85112345.${patentCheckDigit('85112345')}`)).toMatchObject({ ok: true, year: 1985 });
  });
});
