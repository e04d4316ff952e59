import type { DataType } from '../../../schema/enums.js';
import { validateCitizenId } from '../../kit/rules/citizen-id.js';
import { validateCreditCode } from '../../kit/rules/credit-code.js';

/**
 * One item's value as stored in a record (`data_record.data`, keyed by item name) and as a filter
 * compares it. Canonical forms, so that text comparison in SQL orders them as their type does:
 * INTEGER a JSON number (safe integers only), DECIMAL a decimal string (no float rounding; read
 * with `::numeric`), DATE `YYYY-MM-DD`, DATETIME an ISO instant in UTC, BOOLEAN a JSON boolean,
 * BINARY base64, STRING the text as given. An empty value is null.
 */
export type StoredValue = string | number | boolean | null;

export interface ItemShape {
  name: string;
  dataType: DataType;
  identifier: boolean;
}

export type ParsedValue = { ok: true; value: StoredValue } | { ok: false; reason: string };

/** The most characters one value may hold (a STRING; BINARY counts its base64). */
export const MAX_VALUE_CHARS = 4000;

const DECIMAL = /^[+-]?(\d{1,30})(\.\d{1,10})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** What kind of identifier an item holds, by its name: the two whose check digits are known. */
export function identifierKind(item: Pick<ItemShape, 'name' | 'identifier'>): 'CITIZEN_ID' | 'CREDIT_CODE' | 'OTHER' | null {
  if (!item.identifier) return null;
  if (/身份证|公民身份号码|身份号码/.test(item.name)) return 'CITIZEN_ID';
  if (/信用代码/.test(item.name)) return 'CREDIT_CODE';
  return 'OTHER';
}

const fail = (reason: string): ParsedValue => ({ ok: false, reason });

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Reads a raw value (from CSV text or JSON) as the item's type. The reason says what is wrong and
 * what is expected, in both languages, for an error naming the line and the item.
 */
export function parseValue(item: ItemShape, raw: unknown): ParsedValue {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  if (typeof raw === 'object') return fail('须为单个值，不能是对象或数组 / must be a single value, not an object or array');
  const text = String(raw).trim();
  if (text === '') return { ok: true, value: null };
  if (Array.from(text).length > MAX_VALUE_CHARS) return fail(`超过${MAX_VALUE_CHARS}个字符 / longer than ${MAX_VALUE_CHARS} characters`);
  switch (item.dataType) {
    case 'STRING': {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return fail('含控制字符 / contains control characters');
      const kind = identifierKind(item);
      if (kind === 'CITIZEN_ID') {
        const v = validateCitizenId(text.toUpperCase());
        if (!v.ok) return fail(`公民身份号码无效：${v.reason} / not a valid citizen ID number: ${v.reason}`);
        return { ok: true, value: text.toUpperCase() };
      }
      if (kind === 'CREDIT_CODE') {
        const v = validateCreditCode(text.toUpperCase());
        if (!v.ok) return fail(`统一社会信用代码无效：${v.reason} / not a valid unified social credit code: ${v.reason}`);
        return { ok: true, value: text.toUpperCase() };
      }
      return { ok: true, value: text };
    }
    case 'INTEGER': {
      if (typeof raw === 'number' ? !Number.isInteger(raw) : !/^[+-]?\d{1,16}$/.test(text)) return fail(`"${text}" 不是整数 / "${text}" is not an integer`);
      const n = Number(text);
      if (!Number.isSafeInteger(n)) return fail(`"${text}" 超出整数范围（±2^53）/ "${text}" is outside the integer range (±2^53)`);
      return { ok: true, value: n };
    }
    case 'DECIMAL': {
      const m = DECIMAL.exec(typeof raw === 'number' ? String(raw) : text);
      if (!m) return fail(`"${text}" 不是小数（至多30位整数、10位小数）/ "${text}" is not a decimal (at most 30 digits, 10 after the point)`);
      const [int, frac] = [m[1]!.replace(/^0+(?=\d)/, ''), (m[2] ?? '').replace(/0+$/, '')];
      const sign = text.startsWith('-') && /[1-9]/.test(int + frac) ? '-' : '';
      return { ok: true, value: `${sign}${int}${frac === '.' ? '' : frac}` };
    }
    case 'DATE': {
      const m = DATE.exec(text);
      if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return fail(`"${text}" 不是日期 YYYY-MM-DD / "${text}" is not a date YYYY-MM-DD`);
      return { ok: true, value: text };
    }
    case 'DATETIME': {
      // An instant needs its offset: a wall time alone means different instants on different machines.
      if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
        return fail(`"${text}" 不是带时区的时间，例如 2026-01-31T08:00:00+08:00 / "${text}" is not a date-time with an offset, e.g. 2026-01-31T08:00:00+08:00`);
      }
      const t = new Date(text.replace(' ', 'T'));
      if (Number.isNaN(t.getTime())) return fail(`"${text}" 不是有效时间 / "${text}" is not a valid date-time`);
      return { ok: true, value: t.toISOString() };
    }
    case 'BOOLEAN': {
      if (raw === true || /^(true|1|是|y|yes)$/i.test(text)) return { ok: true, value: true };
      if (raw === false || /^(false|0|否|n|no)$/i.test(text)) return { ok: true, value: false };
      return fail(`"${text}" 不是布尔值（true/false、是/否）/ "${text}" is not a boolean (true/false, 是/否)`);
    }
    case 'BINARY': {
      if (!BASE64.test(text) || text.length % 4 !== 0) return fail('须为 base64 编码 / must be base64-encoded');
      return { ok: true, value: text };
    }
  }
}

/** How SQL reads an item's stored value for comparison and arithmetic: numbers as numeric, the rest as text (their canonical forms order correctly). */
export function sqlValue(dataType: DataType): (key: string) => string {
  return dataType === 'INTEGER' || dataType === 'DECIMAL'
    ? (key) => `(data->>${key})::numeric`
    : dataType === 'BOOLEAN'
      ? (key) => `(data->>${key})::boolean`
      : (key) => `(data->>${key})`;
}
