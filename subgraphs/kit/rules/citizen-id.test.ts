import { describe, test, expect } from '@jest/globals';
import { citizenIdCheckChar, validateCitizenId } from './citizen-id.js';

// Check chars computed independently of this module from the ISO 7064 MOD 11-2 weights.
const VALID = ['11010519491231002X', '331125200002291232', '331181198511030015'];

function reasonOf(id: string): string {
  const result = validateCitizenId(id);
  if (result.ok) throw new Error(`expected ${id} to be rejected`);
  return result.reason;
}

describe('citizenIdCheckChar', () => {
  test('computes the check char of known numbers, including X', () => {
    for (const id of VALID) expect(citizenIdCheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(citizenIdCheckChar('33110219900229001')).toBe('0');
  });

  test('throws on wrong length or non-digits', () => {
    expect(() => citizenIdCheckChar('1101051949123100')).toThrow(/expected 17 characters, got 16/);
    expect(() => citizenIdCheckChar('1101051949123100X')).toThrow(/character 17 must be a digit/);
    expect(() => citizenIdCheckChar('１1010519491231002')).toThrow(/character 1 must be a digit, not "１"/);
  });
});

describe('validateCitizenId', () => {
  test('accepts valid numbers', () => {
    for (const id of VALID) expect(validateCitizenId(id)).toEqual({ ok: true });
  });

  test('names the expected and actual check char', () => {
    expect(reasonOf('110105194912310021')).toBe('身份证号码校验位错误：第18位应为 "X"，实际为 "1"' + ' / wrong check character: the 18th character should be "X", not "1"');
  });

  test('tells the user to use upper case X', () => {
    expect(reasonOf('11010519491231002x')).toMatch(/use upper case.*should be "X", not "x"/);
  });

  test('reports wrong length', () => {
    expect(reasonOf('11010519491231002')).toMatch(/应为18位，实际为17位.*expected 18 characters, got 17/);
    expect(reasonOf('')).toMatch(/got 0/);
  });

  test('names a non-digit in the first 17 characters', () => {
    const reason = reasonOf('1101051949123100XX');
    expect(reason).toContain('第17位应为数字');
    expect(reason).toContain('character 17 must be a digit, not "X"');
  });

  test('rejects birth dates that do not exist, even with a correct check char', () => {
    for (const date of ['19900229', '19000229', '19491301', '19490000', '19490431', '19491232']) {
      const first17 = `110105${date}002`;
      expect(reasonOf(first17 + citizenIdCheckChar(first17))).toContain(`"${date}"`);
    }
  });

  test('accepts 29 February in leap years, including 2000', () => {
    const first17 = '33110220000229001';
    expect(validateCitizenId(first17 + citizenIdCheckChar(first17))).toEqual({ ok: true });
  });

  test('rejects a number whose region part does not begin with a province code', () => {
    const first17 = '991102199003071234'.slice(0, 17);
    expect(reasonOf(first17 + citizenIdCheckChar(first17))).toMatch(/"99" is not the code of a province/);
  });

  test('rejects non-strings without throwing', () => {
    expect(validateCitizenId(null as unknown as string).ok).toBe(false);
  });
});
