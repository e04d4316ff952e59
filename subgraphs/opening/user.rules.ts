import { requiredText } from './filing.rules.js';
import { identifierHash as kitIdentifierHash, maskIdentifier } from '../kit/rules/identifier.js';
import { validateCitizenId } from '../kit/rules/citizen-id.js';
import { validateCreditCode } from '../kit/rules/credit-code.js';
import { badInput } from '../kit/server/errors.js';
import type { OpenDataUserKind } from './enums.js';

/**
 * Public data users (公共数据利用主体) [B §3, Z §16], as pure rules: a natural person registers with
 * its citizen ID number (GB 11643), a legal person or other organization with its unified social
 * credit code (GB 32100), checked by the same code the catalog uses (kit/rules).
 */

/** Longest name or contact a registration keeps. */
export const USER_LINE_MAX = 100;

/** The identifier, trimmed and checked against the standard its kind uses; refused naming `field`. */
export function checkIdentifier(kind: OpenDataUserKind, idNumber: string, field = 'input.idNumber'): string {
  const id = (idNumber ?? '').trim();
  const check = kind === 'NATURAL_PERSON' ? validateCitizenId(id) : validateCreditCode(id);
  if (!check.ok) {
    const which =
      kind === 'NATURAL_PERSON'
        ? '自然人须填写公民身份号码 / a natural person gives its citizen ID number'
        : '法人和非法人组织须填写统一社会信用代码 / an organization gives its unified social credit code';
    throw badInput(`${check.reason}（${which}）[B §3, Z §16]`, field);
  }
  return id;
}

/**
 * What is stored to find a second registration of the same identifier: its SHA-256, never the
 * identifier. A citizen ID has few unknown digits once its region and birth date are guessed, so
 * the hash keeps the number out of every answer and log, not from someone who can read the table
 * and search those digits; the table is read by the node alone.
 */
export const identifierHash = (id: string): string => kitIdentifierHash('opening:open-data-user', id);

/** The form shown to the user, its authority and auditors: the first 4 and last 4 characters (3311**********123X). */
export { maskIdentifier };

/**
 * A holder's name as the public list shows it [Z §16]: a natural person's surname only (张*,
 * 欧阳** keeps the first character and masks the rest); an organization's name in full, as it is
 * registered publicly.
 */
export function publicHolderName(kind: OpenDataUserKind, name: string): string {
  if (kind !== 'NATURAL_PERSON') return name;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** A required line of the registration, trimmed and bounded. */
export const requiredLine = (value: string | null | undefined, field: string, zh: string, en: string, max = USER_LINE_MAX): string => requiredText(value, field, zh, en, max);
