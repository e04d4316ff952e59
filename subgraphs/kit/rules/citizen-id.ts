/** Resident identity card number (公民身份号码), GB 11643-1999, check char by ISO 7064 MOD 11-2. */

import { isProvinceCode } from './province-codes.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const LENGTH = 18;

export type CitizenIdValidation = { ok: true } | { ok: false; reason: string };

function lengthProblem(chars: string[], expected: number): string | null {
  if (chars.length === expected) return null;
  return `身份证号码长度错误：应为${expected}位，实际为${chars.length}位` + ` / wrong length: expected ${expected} characters, got ${chars.length}`;
}

function digitsProblem(first17: string[]): string | null {
  const i = first17.findIndex((ch) => !/^\d$/.test(ch));
  if (i < 0) return null;
  return `身份证号码第${i + 1}位应为数字，实际为 "${first17[i]}"` + ` / character ${i + 1} must be a digit, not "${first17[i]}"`;
}

/**
 * Characters 1-6 are the GB/T 2260 code of the region where the number was first issued. Codes of
 * abolished counties stay valid on old cards, so only the province part is checked against the list.
 */
function regionProblem(chars: string[]): string | null {
  const province = chars.slice(0, 2).join('');
  if (isProvinceCode(province)) return null;
  return (
    `身份证号码第1-6位应为行政区划码，前两位 "${province}" 不是省级代码` +
    ` / characters 1-6 must be a region code: "${province}" is not the code of a province, autonomous region or municipality`
  );
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

function birthDateProblem(chars: string[]): string | null {
  const date = chars.slice(6, 14).join('');
  const [year, month, day] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)].map(Number);
  if (isRealDate(year!, month!, day!)) return null;
  return `身份证号码第7-14位出生日期无效："${date}" 不是真实的日期（格式 YYYYMMDD）` + ` / characters 7-14 must be a real birth date YYYYMMDD, "${date}" is not`;
}

function checkCharOf(first17: string[]): string {
  const sum = first17.reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  return CHECK_CHARS[sum % 11]!;
}

export function citizenIdCheckChar(first17: string): string {
  const chars = Array.from(first17);
  const problem = lengthProblem(chars, LENGTH - 1) ?? digitsProblem(chars);
  if (problem) throw new Error(problem);
  return checkCharOf(chars);
}

export function validateCitizenId(id: string): CitizenIdValidation {
  if (typeof id !== 'string') {
    return { ok: false, reason: '身份证号码必须是字符串 / the ID number must be a string' };
  }
  const chars = Array.from(id);
  const problem = lengthProblem(chars, LENGTH) ?? digitsProblem(chars.slice(0, LENGTH - 1)) ?? regionProblem(chars) ?? birthDateProblem(chars);
  if (problem) return { ok: false, reason: problem };
  const expected = checkCharOf(chars.slice(0, LENGTH - 1));
  const actual = chars[LENGTH - 1]!;
  if (actual === expected) return { ok: true };
  if (actual === 'x' && expected === 'X') {
    return { ok: false, reason: '身份证号码校验位须使用大写 "X" / use upper case: the 18th character should be "X", not "x"' };
  }
  return {
    ok: false,
    reason: `身份证号码校验位错误：第18位应为 "${expected}"，实际为 "${actual}"` + ` / wrong check character: the 18th character should be "${expected}", not "${actual}"`,
  };
}
