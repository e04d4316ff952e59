import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { blank } from '../kit/rules/validation.js';
import { badInput } from '../kit/server/errors.js';

/**
 * What every filing of the public in opening shares: complaints [Z §35], opinions [Z §21] and
 * demands for data not yet open [Z §22] are filed by anyone, signed in or not, and followed with a
 * receipt token shown once (only its hash is kept), and their text is bounded.
 */

/** Long enough for the facts of a filing, short enough that an anonymous form cannot store a book. */
export const FILING_TEXT_MAX = 2000;

/** Required free text, trimmed, within the bound: a blank or overlong one names its field. */
export function requiredText(value: string | null | undefined, field: string, zh: string, en: string, max = FILING_TEXT_MAX): string {
  if (blank(value)) throw badInput(`${zh}不能为空 / ${en} is required`, field);
  const text = value!.trim();
  if (Array.from(text).length > max) throw badInput(`${zh}不能超过 ${max} 字 / ${en} must be at most ${max} characters`, field);
  return text;
}

/** Optional free text: null when blank, else as `requiredText`. */
export function optionalText(value: string | null | undefined, field: string, zh: string, en: string): string | null {
  return blank(value) ? null : requiredText(value, field, zh, en);
}

/** A receipt token: unguessable, shown once; only its hash is stored. */
export function newReceiptToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashReceiptToken(token) };
}

export const hashReceiptToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The token shown matches the filing's, compared in constant time; a filing without a token (one the system recorded) matches none. */
export function receiptMatches(token: string | null | undefined, hash: string | null): boolean {
  if (blank(token) || hash === null) return false;
  const a = Buffer.from(hashReceiptToken(token!), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
