import { describe, expect, it } from 'vitest';

import { patentCheckDigit } from '../../../standards/patent-number.js';
import { checkPatentInput, type PatentInput } from './patent-input.js';

const TODAY = '2026-12-07';
const number = (year: number, type: string, serial = 1): string => {
  const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
};
const input = (over: Partial<PatentInput>): PatentInput => ({
  enterpriseId: 'e1',
  applicationNumber: number(2024, '1'),
  title: '一种方法',
  filingDate: '2024-03-01',
  ...over,
});

describe('the dates that count (Patent Law art. 42; Implementing Regulations rule 43)', () => {
  it.each([
    ['an application filed at CNIPA: the number’s year is the filing year', number(2024, '1'), '2024-03-01', undefined, true],
    ['the same, filed a year before its number says', number(2024, '1'), '2023-12-30', undefined, false],
    [
      'a PCT entry (type 8) numbered on entering the national phase, its international filing date two years earlier',
      number(2024, '8'),
      '2022-05-10',
      undefined,
      true,
    ],
    ['a PCT entry cannot be filed after the year it entered', number(2024, '8'), '2025-01-02', undefined, false],
    ['a divisional numbered when filed, keeping its parent’s earlier filing date', number(2025, '1'), '2022-06-01', number(2022, '1'), true],
    ['a divisional’s filing date after its own number’s year', number(2025, '1'), '2026-01-02', number(2022, '1'), false],
  ])('%s', (_name, applicationNumber, filingDate, parentApplicationNumber, ok) => {
    const checked = checkPatentInput(input({ applicationNumber, filingDate, parentApplicationNumber }), TODAY);
    expect(checked.ok).toBe(ok);
    if (!checked.ok) expect(checked).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filingDate' });
  });

  it('marks a PCT entry and keeps a divisional’s parent', () => {
    expect(checkPatentInput(input({ applicationNumber: number(2024, '9'), filingDate: '2023-01-05' }), TODAY)).toMatchObject({
      ok: true,
      patent: { type: 'UTILITY_MODEL', pct: true },
    });
    expect(
      checkPatentInput(input({ applicationNumber: number(2025, '1'), filingDate: '2022-06-01', parentApplicationNumber: `CN ${number(2022, '1')}` }), TODAY),
    ).toMatchObject({
      ok: true,
      patent: { parentApplicationNumber: number(2022, '1') },
    });
  });

  it.each([
    ['an invention’s priority twelve months earlier (art. 29)', 'INVENTION', '2023-03-01', true],
    ['an invention’s priority fourteen months earlier, restored', 'INVENTION', '2023-01-01', true],
    ['an invention’s priority fifteen months earlier', 'INVENTION', '2022-12-01', false],
    ['a design’s priority six months earlier', 'DESIGN', '2023-09-01', true],
    ['a design’s priority seven months earlier', 'DESIGN', '2023-08-01', false],
    ['a priority after the filing date', 'INVENTION', '2024-03-02', false],
  ])('%s', (_name, type, priorityDate, ok) => {
    const applicationNumber = number(2024, type === 'DESIGN' ? '3' : '1');
    expect(checkPatentInput(input({ applicationNumber, priorityDate }), TODAY).ok).toBe(ok);
  });
});

describe('who declares what', () => {
  it.each([
    ['a GRANTED right', { status: 'GRANTED', grantDate: '2025-06-01' }, 'status'],
    ['a grant date on a pending application', { grantDate: '2025-06-01' }, 'grantDate'],
    ['fees paid', { feesPaidThrough: '2025-03-01' }, 'feesPaidThrough'],
    ['an announcement number', { grantPublicationNumber: 'CN115123456B' }, 'grantPublicationNumber'],
  ] as const)('refuses an enterprise declaring %s', (_name, facts, field) => {
    expect(checkPatentInput(input(facts), TODAY, 'ENTERPRISE')).toMatchObject({ ok: false, code: 'FORBIDDEN', field });
  });

  it('takes an enterprise’s own pending application, marked declared, and the registry’s granted right with its grant date', () => {
    expect(checkPatentInput(input({}), TODAY, 'ENTERPRISE')).toMatchObject({ ok: true, patent: { declared: true, status: 'PENDING' } });
    expect(checkPatentInput(input({ status: 'GRANTED', grantDate: '2025-06-01' }), TODAY)).toMatchObject({ ok: true, patent: { declared: false } });
    expect(checkPatentInput(input({ status: 'GRANTED' }), TODAY)).toMatchObject({ ok: false, field: 'grantDate' });
    expect(checkPatentInput(input({ feesPaidThrough: '2025-03-01' }), TODAY)).toMatchObject({ ok: false, field: 'feesPaidThrough' });
  });
});
