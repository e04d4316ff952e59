import { createHash, type Hash } from 'node:crypto';
import { type ItemShape, parseValue, type StoredValue } from './values.js';

/** An item of the entry as a load checks it: its shape, and whether every record must give it a value. */
export interface LoadItem extends ItemShape {
  required: boolean;
}

/** One reason a load was rejected: the 1-based record (a CSV's data line, a JSON array's element) and the item, when one is at fault. */
export interface LoadError {
  line: number;
  item: string | null;
  message: string;
}

/** The most errors a rejected load reports: enough to fix a file in a few passes, never a second copy of a bad one. */
export const MAX_LOAD_ERRORS = 100;

/** A stored record: values keyed by item name, empty values left out (a filter reads a missing key as null). */
export type StoredRecord = Record<string, StoredValue>;

/**
 * Checks the records of one load against the entry's data items, one at a time, so a file of any
 * size is checked in constant memory: each value parsed as its item's type (`parseValue`, with
 * identifiers' check digits), keys that are no item refused, required items present. It keeps the
 * first MAX_LOAD_ERRORS errors and a count of all, and hashes the canonical rows it accepted (each
 * record's values in item order, JSON, one per line): the content hash a load keeps, so the same
 * data loaded twice hashes the same however it was spelled (CSV or JSON, `是` or `true`).
 */
export class RecordChecker {
  readonly errors: LoadError[] = [];
  errorCount = 0;
  rowCount = 0;
  private readonly byName: Map<string, LoadItem>;
  private readonly hash: Hash = createHash('sha256');

  constructor(readonly items: readonly LoadItem[]) {
    this.byName = new Map(items.map((i) => [i.name, i]));
  }

  get rejected(): boolean {
    return this.errorCount > 0;
  }

  /** Enough errors reported: a streamed load may stop reading. */
  get full(): boolean {
    return this.errors.length >= MAX_LOAD_ERRORS;
  }

  fail(line: number, item: string | null, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_LOAD_ERRORS) this.errors.push({ line, item, message });
  }

  /** Names a file's columns (a CSV header): each must be an item, once. False when the header was refused. */
  checkColumns(names: readonly string[], line = 0): boolean {
    const before = this.errorCount;
    const seen = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      if (!this.byName.has(name)) this.fail(line, name, `条目没有信息项"${name}" / the entry has no item "${name}"`);
      else if (seen.has(name)) this.fail(line, name, `信息项"${name}"出现两次 / the item "${name}" appears twice`);
      seen.add(name);
    }
    return this.errorCount === before;
  }

  /** The record as stored, or null when it has errors (recorded against `line`). */
  check(line: number, raw: unknown): StoredRecord | null {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.fail(line, null, '每条记录须为以信息项名称为键的对象 / each record must be an object keyed by item names');
      return null;
    }
    const before = this.errorCount;
    const given = new Map<string, unknown>();
    for (const [key, value] of Object.entries(raw)) {
      if (!this.byName.has(key.trim())) this.fail(line, key, `条目没有信息项"${key}" / the entry has no item "${key}"`);
      else given.set(key.trim(), value);
    }
    const stored: StoredRecord = {};
    const canonical: StoredValue[] = [];
    for (const item of this.items) {
      const v = parseValue(item, given.get(item.name));
      if (!v.ok) {
        this.fail(line, item.name, v.reason);
        continue;
      }
      if (v.value === null && item.required) this.fail(line, item.name, `必填信息项"${item.name}"没有值 / the required item "${item.name}" has no value`);
      canonical.push(v.value);
      if (v.value !== null) stored[item.name] = v.value;
    }
    if (this.errorCount > before) return null;
    this.rowCount++;
    this.hash.update(`${JSON.stringify(canonical)}\n`);
    return stored;
  }

  /** The sha256 of the accepted canonical rows, hex. */
  contentHash(): string {
    return this.hash.digest('hex');
  }
}
