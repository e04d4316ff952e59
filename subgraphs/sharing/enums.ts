import { registerEnumType } from 'type-graphql';
import { enumObject } from '../../schema/enums.js';

/**
 * The sharing subgraph's own enums. The catalog already owns `ShareMode` (the mode a provider
 * offers); a request names the mode it asks for with its own type so the two subgraphs never
 * have to agree on one definition.
 */
export const SHARE_DELIVERY_MODES = ['API', 'BULK_COPY', 'OFFLINE'] as const;
export type ShareDeliveryMode = (typeof SHARE_DELIVERY_MODES)[number];

export const SHARE_REQUEST_STATUSES = ['PENDING', 'GRANTED', 'REJECTED', 'SUSPENDED'] as const;
export type ShareRequestStatus = (typeof SHARE_REQUEST_STATUSES)[number];

export const ShareDeliveryModeEnum = enumObject(SHARE_DELIVERY_MODES);
export const ShareRequestStatusEnum = enumObject(SHARE_REQUEST_STATUSES);

registerEnumType(ShareDeliveryModeEnum, {
  name: 'ShareDeliveryMode',
  description: '申请的共享方式 / the share mode a request asks for [SHR-6, L §17, J §17, B §27]',
  valuesConfig: {
    API: { description: '接口调用（默认）/ request-response API calls (the default)' },
    BULK_COPY: { description: '批量复制，须经数据主管部门批准 / bulk copy: needs the data authority\'s approval' },
    OFFLINE: { description: '离线共享，仅在线方式不可行时，须经数据主管部门同意 / offline, only where online is impossible, with the authority\'s consent' },
  },
});

registerEnumType(ShareRequestStatusEnum, {
  name: 'ShareRequestStatus',
  description: '共享申请状态 / status of a share request [SHR-2, B §27]',
  valuesConfig: {
    PENDING: { description: '待审核 / waiting for the provider (or the authority) to decide' },
    GRANTED: { description: '已授权 / granted: the requester may use the approved items until the end date' },
    REJECTED: { description: '已驳回 / rejected, with the reason' },
    SUSPENDED: { description: '已暂停：授权后目录条目被停用、改为不予共享或定级提升，见 suspensionReason / suspended: after the grant, its catalog entry was retired, made NOT_SHARED or graded higher (see suspensionReason) [SHR-5, SHR-10, B §26, B §49]' },
  },
});
