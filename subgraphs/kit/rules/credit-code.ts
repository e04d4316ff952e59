/** Unified social credit code (统一社会信用代码), GB 32100-2015. */

import { isProvinceCode } from './province-codes.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LENGTH = 18;

export type CreditCodeValidation = { ok: true } | { ok: false; reason: string };

function lengthProblem(chars: string[], expected: number): string | null {
  if (chars.length === expected) return null;
  return `统一社会信用代码长度错误：应为${expected}位，实际为${chars.length}位` + ` / wrong length: expected ${expected} characters, got ${chars.length}`;
}

function alphabetProblem(chars: string[]): string | null {
  const i = chars.findIndex((ch) => !ALPHABET.includes(ch));
  if (i < 0) return null;
  const ch = chars[i]!;
  const pos = i + 1;
  // A lowercase letter is a typing slip, not a wrong character, so point straight at the fix.
  if (/^[a-z]$/.test(ch) && ALPHABET.includes(ch.toUpperCase())) {
    return `统一社会信用代码须使用大写字母：第${pos}位 "${ch}" 应为 "${ch.toUpperCase()}"` + ` / use upper case: character ${pos} "${ch}" should be "${ch.toUpperCase()}"`;
  }
  return (
    `统一社会信用代码第${pos}位含非法字符 "${ch}"（不允许 I、O、S、V、Z 及其他符号）` +
    ` / illegal character "${ch}" at position ${pos} (I, O, S, V, Z and other symbols are not allowed)`
  );
}

/**
 * GB 32100-2015 table 1: the registration authority (1st character) and, per authority, the
 * organization types it registers (2nd character).
 */
const ORGANIZATION_TYPES: Record<string, string> = {
  1: '1239', // 机构编制：机关、事业单位、中央编办直接管理机构编制的群众团体、其他
  2: '19', // 外交：外国常住新闻机构、其他
  3: '123459', // 司法行政：律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会、其他
  4: '19', // 文化：外国在华文化中心、其他
  5: '1239', // 民政：社会团体、民办非企业单位、基金会、其他
  6: '129', // 旅游：外国及港澳台旅游部门常驻代表机构、其他
  7: '129', // 宗教：宗教活动场所、宗教院校、其他
  8: '19', // 工会：基层工会、其他
  9: '123', // 工商：企业、个体工商户、农民专业合作社
  A: '19', // 中央军委改革和编制办公室：军队事业单位、其他
  N: '1239', // 农业：组级、村级、乡镇级集体经济组织、其他
  Y: '1', // 其他
};

function registrationProblem(chars: string[]): string | null {
  const [authority, type] = chars as [string, string];
  const types = ORGANIZATION_TYPES[authority];
  if (!types) {
    return (
      `统一社会信用代码第1位 "${authority}" 不是登记管理部门代码（应为 1-9、A、N 或 Y）` + ` / character 1 "${authority}" is not a registration authority code (1-9, A, N or Y)`
    );
  }
  if (types.includes(type)) return null;
  return (
    `统一社会信用代码第2位 "${type}" 不是登记管理部门 "${authority}" 的机构类别（应为 ${types.split('').join('、')} 之一）` +
    ` / character 2 "${type}" is not an organization type of registration authority "${authority}" (one of ${types.split('').join(', ')})`
  );
}

function regionProblem(chars: string[]): string | null {
  const region = chars.slice(2, 8).join('');
  if (!/^\d{6}$/.test(region)) {
    return `统一社会信用代码第3-8位应为6位数字行政区划码，实际为 "${region}"` + ` / characters 3-8 must be a 6-digit region code, not "${region}"`;
  }
  // 100000 is the code of organizations registered at national level.
  if (region === '100000' || isProvinceCode(region.slice(0, 2))) return null;
  return (
    `统一社会信用代码第3-8位 "${region}" 不是行政区划码（前两位应为省级代码，或为全国 100000）` +
    ` / characters 3-8 "${region}" are not a region code (the first two digits must be a province, or 100000 for national level)`
  );
}

const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714 organization code (characters 9-17 of a credit code): the check character of its 8
 * body characters (digits and upper-case letters).
 */
export function organizationCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) {
    throw new Error(`组织机构代码本体应为8位数字或大写字母，实际为 "${body}" / the organization code body must be 8 digits or upper-case letters, not "${body}"`);
  }
  const sum = Array.from(body).reduce((acc, ch, i) => acc + parseInt(ch, 36) * ORGANIZATION_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The 9-character organization code: the body and its check character. */
export function makeOrganizationCode(body: string): string {
  return body + organizationCodeCheckChar(body);
}

function checkCharOf(first17: string[]): string {
  const sum = first17.reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Deliberately ignores the registration and region parts, so callers can check-sum any 17 alphabet characters. */
export function creditCodeCheckChar(first17: string): string {
  const chars = Array.from(first17);
  const problem = lengthProblem(chars, LENGTH - 1) ?? alphabetProblem(chars);
  if (problem) throw new Error(problem);
  return checkCharOf(chars);
}

/** Also checks the registration and region parts, so it never produces a code that `validateCreditCode` rejects. */
export function makeCreditCode(first17: string): string {
  const chars = Array.from(first17);
  const problem = lengthProblem(chars, LENGTH - 1) ?? alphabetProblem(chars) ?? registrationProblem(chars) ?? regionProblem(chars);
  if (problem) throw new Error(problem);
  return first17 + checkCharOf(chars);
}

export function validateCreditCode(code: string): CreditCodeValidation {
  if (typeof code !== 'string') {
    return { ok: false, reason: '统一社会信用代码必须是字符串 / the unified social credit code must be a string' };
  }
  const chars = Array.from(code);
  const problem = lengthProblem(chars, LENGTH) ?? alphabetProblem(chars) ?? registrationProblem(chars) ?? regionProblem(chars);
  if (problem) return { ok: false, reason: problem };
  const expected = checkCharOf(chars.slice(0, LENGTH - 1));
  const actual = chars[LENGTH - 1];
  if (actual === expected) return { ok: true };
  return {
    ok: false,
    reason: `统一社会信用代码校验位错误：第18位应为 "${expected}"，实际为 "${actual}"` + ` / wrong check character: the 18th character should be "${expected}", not "${actual}"`,
  };
}
