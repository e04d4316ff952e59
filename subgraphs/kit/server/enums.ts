import { registerEnumType } from 'type-graphql';
import { SHARE_MODES, enumObject } from '../../../schema/enums.js';

/**
 * Enums declared by more than one subgraph. Each is registered once, here, so every subgraph that
 * exposes it prints the same definition: federation composes an enum declared in several
 * subgraphs only when they agree on its values.
 */

/** The catalog names the mode an entry offers, sharing the mode a request asks for: one enum for both. */
export const ShareModeEnum = enumObject(SHARE_MODES);
registerEnumType(ShareModeEnum, {
  name: 'ShareMode',
  description: '共享方式：目录条目提供的方式，或共享申请所求的方式 / share mode: how a catalog entry is offered, or how a share request asks for it [SHR-6, L §17, J §17, B §27]',
  valuesConfig: {
    API: { description: '接口调用（默认）/ request-response API calls (the default)' },
    BULK_COPY: { description: "批量复制，须经数据主管部门批准 / bulk copy: needs the data authority's approval" },
    OFFLINE: { description: "离线共享，仅在线方式不可行时，须经数据主管部门同意 / offline, only where online is impossible, with the authority's consent" },
  },
});
