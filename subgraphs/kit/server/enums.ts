import { registerEnumType } from 'type-graphql';
import { SHARE_MODES } from '../../../schema/enums.js';

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
