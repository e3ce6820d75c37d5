import { describe, expect, it } from 'vitest';

import { normalizeUscc, USCC_CHARSET, usccCheckCharacter, validateUscc } from './uscc.js';

// Published codes, each verified against the standard's algorithm:
const REAL_CODES = [
  // GB 32100-2015's worked example (first 17 characters sum to 1640, check '3'), as reproduced
  // at https://renrendoc.com/p-47802332.html
  { code: '91350100M000100Y43', region: '350100' },
  // Huawei Technologies Co., Ltd.: zh.wikipedia.org/zh-hk/華爲 infobox
  { code: '914403001922038216', region: '440300' },
  // Tencent Technology (Shenzhen) Co., Ltd.: Tencent Cloud e-sign CLI example, CreateOrganizationAuthUrl
  { code: '9144030071526726XG', region: '440300' },
  // Shenzhen Tencent Computer Systems and Xiaomi Technology: listed as registered codes in a
  // public identifier validator's self-test (GitHub code search)
  { code: '91440300708461136T', region: '440300' },
  { code: '91110108551385082Q', region: '110108' },
];

// Codes issued in Fujian's early pilot that fail the check (github.com/bluesky335/IDCheck README):
// they are genuine, and must still be rejected by default so that staff override them knowingly.
const ISSUED_BUT_FAILING = [
  { code: '91350100M0001TGQXM', expected: '1' }, // 福建恒跃柳工机械销售有限公司
  { code: '91350211M0000XUF46', expected: 'R' }, // 厦门云上晴空航空科技有限公司
  { code: '91350203M0001FUE2P', expected: 'J' }, // 厦门黑脉网络科技有限公司
];

describe('usccCheckCharacter', () => {
  it("gives the standard's worked example its check character", () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it("maps a sum divisible by 31 to '0', not past the end of the character set", () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    expect(usccCheckCharacter('9144030019220382Y')).toBe('0');
  });

  it('refuses anything but 17 code characters', () => {
    expect(usccCheckCharacter('91350100M000100Y')).toBeUndefined();
    expect(usccCheckCharacter('91350100M000100Y43')).toBeUndefined();
    expect(usccCheckCharacter('91350100M000100I4')).toBeUndefined();
    expect(usccCheckCharacter('91350100m000100Y4')).toBeUndefined();
  });
});

describe('validateUscc', () => {
  it.each(REAL_CODES)('accepts the published code $code', ({ code, region }) => {
    expect(validateUscc(code)).toEqual({ ok: true, uscc: code, regionCode: region });
  });

  it('normalizes surrounding space and lower case', () => {
    expect(normalizeUscc(' 9144030071526726xg\n')).toBe('9144030071526726XG');
    expect(validateUscc(' 9144030071526726xg\t')).toEqual({ ok: true, uscc: '9144030071526726XG', regionCode: '440300' });
  });

  it.each(ISSUED_BUT_FAILING)('rejects $code and names the check character it should have', ({ code, expected }) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('CHECK_CHARACTER');
    expect(result.message).toContain(`is '${code.charAt(17)}'`);
    expect(result.message).toContain(`give '${expected}'`);
  });

  it("rejects the standard's own counter-example 91350100M000100Y4Z and gives the check character", () => {
    // 'Z' is not even a code character, so this is a format error, but the message still says what
    // the last character should be.
    const result = validateUscc('91350100M000100Y4Z');
    expect(result).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(!result.ok && result.message).toContain("Character 18 ('Z')");
    expect(!result.ok && result.message).toContain("give the check character '3'");
  });

  it('detects every single-character substitution and every adjacent transposition', () => {
    const code = '914403001922038216';
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_CHARSET) {
        if (c === code.charAt(i)) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        // Letters inside the region code are a format error; everything else must fail the check.
        expect(validateUscc(typo).ok, typo).toBe(false);
      }
    }
    for (let i = 0; i < 17; i++) {
      if (code.charAt(i) === code.charAt(i + 1)) continue;
      const swapped = code.slice(0, i) + code.charAt(i + 1) + code.charAt(i) + code.slice(i + 2);
      expect(validateUscc(swapped).ok, swapped).toBe(false);
    }
  });

  it('reports the length when it is wrong', () => {
    const result = validateUscc('91440300192203821');
    expect(result).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(!result.ok && result.message).toContain('has 17');
    expect(validateUscc('')).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(validateUscc('9144030019220382160')).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('names the position of a character outside the set, and the digit a look-alike letter stands for', () => {
    const withO = validateUscc('91440300O922038216');
    expect(withO).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(!withO.ok && withO.message).toContain("Character 9 ('O')");
    expect(!withO.ok && withO.message).toContain("the digit '0'");

    const withV = validateUscc('9144030019220V8216');
    expect(!withV.ok && withV.message).toContain("Character 14 ('V')");
    expect(!withV.ok && withV.message).not.toContain('did you mean');

    expect(validateUscc('91440300-922038216')).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('requires the administrative-division code to be digits', () => {
    const result = validateUscc('9144A300192203821A');
    expect(result).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(!result.ok && result.message).toContain("'44A300'");
  });
});
