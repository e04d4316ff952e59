/** Unified social credit code (统一社会信用代码), GB 32100-2015. */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LENGTH = 18;

export type CreditCodeValidation = { ok: true } | { ok: false; reason: string };

function lengthProblem(chars: string[], expected: number): string | null {
  if (chars.length === expected) return null;
  return `统一社会信用代码长度错误：应为${expected}位，实际为${chars.length}位`
    + ` / wrong length: expected ${expected} characters, got ${chars.length}`;
}

function alphabetProblem(chars: string[]): string | null {
  const i = chars.findIndex((ch) => !ALPHABET.includes(ch));
  if (i < 0) return null;
  const ch = chars[i]!;
  const pos = i + 1;
  // A lowercase letter is a typing slip, not a wrong character, so point straight at the fix.
  if (/^[a-z]$/.test(ch) && ALPHABET.includes(ch.toUpperCase())) {
    return `统一社会信用代码须使用大写字母：第${pos}位 "${ch}" 应为 "${ch.toUpperCase()}"`
      + ` / use upper case: character ${pos} "${ch}" should be "${ch.toUpperCase()}"`;
  }
  return `统一社会信用代码第${pos}位含非法字符 "${ch}"（不允许 I、O、S、V、Z 及其他符号）`
    + ` / illegal character "${ch}" at position ${pos} (I, O, S, V, Z and other symbols are not allowed)`;
}

function regionProblem(chars: string[]): string | null {
  const region = chars.slice(2, 8).join('');
  if (/^\d{6}$/.test(region)) return null;
  return `统一社会信用代码第3-8位应为6位数字行政区划码，实际为 "${region}"`
    + ` / characters 3-8 must be a 6-digit region code, not "${region}"`;
}

function checkCharOf(first17: string[]): string {
  const sum = first17.reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Deliberately ignores the region part, so callers can check-sum any 17 alphabet characters. */
export function creditCodeCheckChar(first17: string): string {
  const chars = Array.from(first17);
  const problem = lengthProblem(chars, LENGTH - 1) ?? alphabetProblem(chars);
  if (problem) throw new Error(problem);
  return checkCharOf(chars);
}

/** Also checks the region part, so it never produces a code that `validateCreditCode` rejects. */
export function makeCreditCode(first17: string): string {
  const chars = Array.from(first17);
  const problem = lengthProblem(chars, LENGTH - 1) ?? alphabetProblem(chars) ?? regionProblem(chars);
  if (problem) throw new Error(problem);
  return first17 + checkCharOf(chars);
}

export function validateCreditCode(code: string): CreditCodeValidation {
  if (typeof code !== 'string') {
    return { ok: false, reason: '统一社会信用代码必须是字符串 / the unified social credit code must be a string' };
  }
  const chars = Array.from(code);
  const problem = lengthProblem(chars, LENGTH) ?? alphabetProblem(chars) ?? regionProblem(chars);
  if (problem) return { ok: false, reason: problem };
  const expected = checkCharOf(chars.slice(0, LENGTH - 1));
  const actual = chars[LENGTH - 1];
  if (actual === expected) return { ok: true };
  return {
    ok: false,
    reason: `统一社会信用代码校验位错误：第18位应为 "${expected}"，实际为 "${actual}"`
      + ` / wrong check character: the 18th character should be "${expected}", not "${actual}"`,
  };
}
