import { describe, test, expect } from '@jest/globals';
import { creditCodeCheckChar, makeCreditCode, makeOrganizationCode, organizationCodeCheckChar, validateCreditCode } from './credit-code.js';

// Check chars computed independently of this module from the GB 32100-2015 weights.
const VALID = ['91350100M000100Y43', '91330000MA27XY812K', '91331100MA28A0B1CU', '12331100000000000T'];

/** Appends the right check character without the other checks, to test those checks alone. */
const makeCheckedCode = (first17: string) => first17 + creditCodeCheckChar(first17);

function reasonOf(code: string): string {
  const result = validateCreditCode(code);
  if (result.ok) throw new Error(`expected ${code} to be rejected`);
  return result.reason;
}

describe('creditCodeCheckChar', () => {
  test('computes the check char of known codes', () => {
    for (const code of VALID) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  test('throws on wrong length', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(/expected 17 characters, got 16/);
    expect(() => creditCodeCheckChar('91350100M000100Y43')).toThrow(/expected 17 characters, got 18/);
  });

  test('throws on characters outside the alphabet', () => {
    for (const ch of ['I', 'O', 'S', 'V', 'Z', '-', ' ']) {
      expect(() => creditCodeCheckChar(`91350100M000100${ch}4`)).toThrow(/position 16/);
    }
    expect(() => creditCodeCheckChar('91350100m000100Y4')).toThrow(/use upper case/);
  });

  test('does not insist on a numeric region part', () => {
    expect(creditCodeCheckChar('91ABCDEFM000100Y4')).toMatch(/^[0-9A-HJ-NP-RTUW-Y]$/);
  });
});

describe('makeCreditCode', () => {
  test('appends the check char and yields codes that validate', () => {
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    const made = makeCreditCode('93331121MA2HK0WX0');
    expect(made).toBe('93331121MA2HK0WX08');
    expect(validateCreditCode(made)).toEqual({ ok: true });
  });

  test('refuses input that could only make an invalid code', () => {
    expect(() => makeCreditCode('91ABCDEFM000100Y4')).toThrow(/6-digit region code/);
    expect(() => makeCreditCode('91350100M0001')).toThrow(/wrong length/);
    expect(() => makeCreditCode('91350100M000100O4')).toThrow(/illegal character "O" at position 16/);
  });
});

describe('validateCreditCode', () => {
  test('accepts valid codes', () => {
    for (const code of VALID) expect(validateCreditCode(code)).toEqual({ ok: true });
  });

  test('names the expected and actual check char', () => {
    expect(reasonOf('91350100M000100Y44')).toBe('统一社会信用代码校验位错误：第18位应为 "3"，实际为 "4"' + ' / wrong check character: the 18th character should be "3", not "4"');
  });

  test('reports wrong length with both counts', () => {
    expect(reasonOf('')).toMatch(/应为18位，实际为0位.*expected 18 characters, got 0/);
    expect(reasonOf('91350100M000100Y4')).toMatch(/expected 18 characters, got 17/);
    expect(reasonOf('91350100M000100Y433')).toMatch(/expected 18 characters, got 19/);
  });

  test('counts characters, not UTF-16 units', () => {
    expect(reasonOf('91350100M000100Y4😀')).toMatch(/illegal character "😀" at position 18/);
  });

  test('names an illegal character and its position', () => {
    const reason = reasonOf('91350100M0001O0Y43');
    expect(reason).toContain('第14位含非法字符 "O"');
    expect(reason).toContain('illegal character "O" at position 14');
  });

  test('tells the user to use upper case', () => {
    const reason = reasonOf('91350100m000100y43');
    expect(reason).toContain('须使用大写字母');
    expect(reason).toContain('use upper case: character 9 "m" should be "M"');
  });

  test('treats a lowercase letter that is illegal even in upper case as illegal', () => {
    expect(reasonOf('91350100M000100o43')).toMatch(/illegal character "o" at position 16/);
  });

  test('requires digits in the region part', () => {
    const reason = reasonOf('9135A100M000100Y43');
    expect(reason).toContain('第3-8位应为6位数字行政区划码');
    expect(reason).toContain('6-digit region code, not "35A100"');
  });

  test('a code of zeros is not a credit code: no registration authority, no organization type, no region [J §11, B §12]', () => {
    expect(reasonOf('000000000000000000')).toMatch(/character 1 "0" is not a registration authority code/);
  });

  test('the organization type must be one the registration authority registers (GB 32100-2015 table 1)', () => {
    expect(reasonOf(makeCheckedCode('94331100MA28A0B1C'))).toMatch(/character 2 "4" is not an organization type of registration authority "9" \(one of 1, 2, 3\)/);
    expect(reasonOf(makeCheckedCode('B1331100MA28A0B1C'))).toMatch(/registration authority code \(1-9, A, N or Y\)/);
    for (const code of ['N2331100MA28A0B1C', 'Y1331100MA28A0B1C', 'A1331100MA28A0B1C', '51331100MA28A0B1C']) {
      expect(validateCreditCode(makeCreditCode(code))).toEqual({ ok: true });
    }
  });

  test('characters 3-8 must be a region code: a province, or 100000 for national level', () => {
    expect(reasonOf(makeCheckedCode('91000000MA28A0B1C'))).toMatch(/"000000" are not a region code/);
    expect(reasonOf(makeCheckedCode('91991100MA28A0B1C'))).toMatch(/"991100" are not a region code/);
    expect(validateCreditCode(makeCreditCode('11100000MA28A0B1C'))).toEqual({ ok: true });
  });

  test('rejects non-strings without throwing', () => {
    expect(validateCreditCode(undefined as unknown as string).ok).toBe(false);
    expect(validateCreditCode(91350100 as unknown as string).ok).toBe(false);
  });
});

describe('organization code (GB 11714), characters 9-17 of a credit code', () => {
  test('computes the check character of known codes, X and 0 included', () => {
    expect(makeOrganizationCode('12345678')).toBe('123456788');
    // The body of 91350100M000100Y43 is M000100Y; its organization code check is 4.
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(organizationCodeCheckChar('00000001')).toBe('9');
    expect(organizationCodeCheckChar('00261628')).toBe('X');
    expect(organizationCodeCheckChar('00000000')).toBe('0');
  });

  test('refuses a body that is not 8 digits or upper-case letters', () => {
    expect(() => organizationCodeCheckChar('1234567')).toThrow(/8 digits or upper-case letters/);
    expect(() => organizationCodeCheckChar('1234567a')).toThrow(/8 digits or upper-case letters/);
  });
});
