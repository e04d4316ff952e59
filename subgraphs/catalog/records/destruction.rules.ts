import { createHash, type Hash } from 'node:crypto';
import { blank } from '../../kit/rules/validation.js';
import { badInput } from '../../kit/server/errors.js';
import type { DestructionCondition } from './destruction.entity.js';
import type { RecordFilterInput } from './filter.js';

/** Long enough to say why data lost its value and cite the article; short enough to stay a reason. */
export const MAX_REASON = 2000;
export const MAX_BASIS = 200;

export interface DestructionAsk {
  version?: number | null;
  filter?: RecordFilterInput[] | null;
  reason: string;
  legalBasis: string;
}

export type DestructionScope = { target: 'VERSION'; version: number; filter: null } | { target: 'FILTER'; version: null; filter: DestructionCondition[] };

function requiredText(value: string | null | undefined, max: number, field: string, zh: string, en: string): string {
  if (blank(value)) throw badInput(`${zh}不能为空 / ${en} is required`, field);
  const text = value!.trim();
  if (Array.from(text).length > max) throw badInput(`${zh}不能超过 ${max} 字 / ${en} must be at most ${max} characters`, field);
  return text;
}

/**
 * What a destruction request asks, checked before any SQL: exactly one of a version or a filter,
 * a reason why the data lost its value and the article it relies on [SEC-4, J §30, Z §32].
 * Whether the version exists and what the filter's items and values mean is the entry's to say.
 */
export function checkDestructionAsk(input: DestructionAsk): DestructionScope & { reason: string; legalBasis: string } {
  const reason = requiredText(input.reason, MAX_REASON, 'input.reason', '销毁理由', 'reason (why the data lost its value)');
  const legalBasis = requiredText(input.legalBasis, MAX_BASIS, 'input.legalBasis', '销毁依据', 'legalBasis (the article relied on, e.g. J §30)');
  const hasVersion = input.version !== null && input.version !== undefined;
  const hasFilter = input.filter !== null && input.filter !== undefined;
  if (hasVersion === hasFilter)
    throw badInput(
      '须且只能给出 version（整个版本）或 filter（符合条件的记录）之一 / give exactly one of version (a whole version) or filter (the records matching it)',
      'input.version',
    );
  if (hasVersion) {
    if (!Number.isInteger(input.version) || input.version! < 1) throw badInput('version 须为正整数 / version must be a positive integer', 'input.version');
    return { target: 'VERSION', version: input.version!, filter: null, reason, legalBasis };
  }
  if (input.filter!.length === 0)
    throw badInput('filter 至少需要一个条件；销毁整个版本请用 version / filter needs at least one condition; to destroy a whole version, give version', 'input.filter');
  const filter = input.filter!.map((f) => {
    const c: DestructionCondition = { item: f.item?.trim() };
    for (const k of ['eq', 'in', 'gte', 'lte', 'isNull'] as const) if (f[k] !== null && f[k] !== undefined) (c as unknown as Record<string, unknown>)[k] = f[k];
    return c;
  });
  return { target: 'FILTER', version: null, filter, reason, legalBasis };
}

/**
 * The hash of destroyed content: SHA-256 over the rows in (version, row number) order, each as
 * `version \t row number \t data \n`, the data in PostgreSQL's jsonb text form (keys in jsonb's
 * own order, so the same row always hashes the same). Anyone holding a copy of the rows can
 * recompute it and show what was destroyed.
 */
export class DestroyedContent {
  private readonly hash: Hash = createHash('sha256');
  private last: [number, number] | null = null;
  rows = 0;
  readonly versions = new Set<number>();

  add(version: number, rowNo: number, data: string): void {
    if (this.last && (version < this.last[0] || (version === this.last[0] && rowNo <= this.last[1])))
      throw new Error(`destroyed rows out of order: (${version}, ${rowNo}) after (${this.last[0]}, ${this.last[1]})`);
    this.last = [version, rowNo];
    this.hash.update(`${version}\t${rowNo}\t${data}\n`);
    this.rows += 1;
    this.versions.add(version);
  }

  digest(): { rowCount: number; contentHash: string; versions: number[] } {
    return { rowCount: this.rows, contentHash: this.hash.digest('hex'), versions: [...this.versions].sort((a, b) => a - b) };
  }
}
