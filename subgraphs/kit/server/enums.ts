import { registerEnumType } from 'type-graphql';
import { DATA_FORMATS, SHARE_MODES, UPDATE_FREQUENCIES } from '../../../schema/enums.js';

/** How a GraphQL enum is declared: its name, what it is, and what each of its values means. */
export interface EnumDeclaration<T extends string> {
  name: string;
  description?: string;
  /** Keyed by the values themselves: a key that is no value does not compile. */
  valuesConfig?: { [K in T]?: { description?: string; deprecationReason?: string } };
}

/**
 * Registers a const list of values as a GraphQL enum and returns the object type-graphql's
 * decorators take (`@Field(() => XEnum)`), each value mapped to itself, so the values stored,
 * typed and served are the same strings.
 */
export function defineEnum<const T extends string>(values: readonly T[], declaration: EnumDeclaration<T>): { [K in T]: K } {
  const e = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  registerEnumType(e, declaration);
  return e;
}

/**
 * Enums declared by more than one subgraph. Each is registered once, here, so every subgraph that
 * exposes it prints the same definition: federation composes an enum declared in several
 * subgraphs only when they agree on its values.
 */

/** The catalog names the mode an entry offers, sharing the mode a request asks for: one enum for both. */
export const ShareModeEnum = defineEnum(SHARE_MODES, {
  name: 'ShareMode',
  description: '共享方式：目录条目提供的方式，或共享申请所求的方式 / share mode: how a catalog entry is offered, or how a share request asks for it [SHR-6, L §17, J §17, B §27]',
  valuesConfig: {
    API: { description: '接口调用（默认）/ request-response API calls (the default)' },
    BULK_COPY: { description: "批量复制，须经数据主管部门批准 / bulk copy: needs the data authority's approval" },
    OFFLINE: { description: "离线共享，仅在线方式不可行时，须经数据主管部门同意 / offline, only where online is impossible, with the authority's consent" },
  },
});

/** The catalog describes an entry's format and update frequency, opening the dataset that carries them [Z §10]: one enum each. */
export const DataFormatEnum = defineEnum(DATA_FORMATS, {
  name: 'DataFormat',
  description: '资源格式 / format',
  valuesConfig: {
    SPREADSHEET: { description: '电子表格' },
    DATABASE: { description: '数据库' },
    API: { description: '服务接口' },
    DOCUMENT: { description: '电子文件' },
    IMAGE: { description: '图形图像' },
    STREAMING: { description: '流媒体' },
  },
});
export const UpdateFrequencyEnum = defineEnum(UPDATE_FREQUENCIES, {
  name: 'UpdateFrequency',
  description: '更新周期 / update frequency [B §17, L §8]',
  valuesConfig: {
    REAL_TIME: { description: '实时' },
    DAILY: { description: '每日' },
    WEEKLY: { description: '每周' },
    MONTHLY: { description: '每月' },
    QUARTERLY: { description: '每季度' },
    HALF_YEARLY: { description: '每半年' },
    YEARLY: { description: '每年' },
    ON_DEMAND: { description: '按需' },
  },
});
