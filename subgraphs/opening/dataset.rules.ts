import type { CatalogResource } from '../../schema/catalog-client.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { Policy } from '../kit/rules/policy.js';
import type { DataFormat } from '../../schema/enums.js';
import type { OpenAccessMethod, OpenDataType, OpenDatasetAccessLevel, OpenDatasetStatus, OpenProposalKind, OpenProposalStatus } from './enums.js';

/** The catalog facts opening reads of an entry it opens, through the typed catalog client. */
export const OPENING_RESOURCE_FIELDS = ['name', 'summary', 'status', 'openAttribute', 'securityGrade', 'format', 'updateFrequency', 'provider'] as const;
export type OpeningResource = Pick<CatalogResource, 'id' | (typeof OPENING_RESOURCE_FIELDS)[number]>;

/**
 * Whether a catalog entry may be opened the way the input asks, checked before anything is
 * written. Each refusal names the input field and the rule, so the agency knows what to change.
 * Returns the open attribute the dataset carries.
 */
export function checkOpenable(
  r: Pick<OpeningResource, 'id' | 'status' | 'openAttribute' | 'securityGrade'>,
  methods: OpenAccessMethod[],
  policy: Pick<Policy, 'restrictedDownloadable'>,
): OpenDatasetAccessLevel {
  // The entry's state, not the input, is what is wrong (it may have been retired since the caller looked): a CONFLICT.
  if (r.status !== 'PUBLISHED') {
    throw conflict(
      `目录条目 ${r.id} 的状态为 ${r.status}，只有已发布到总目录的条目可以开放；请先提交审核并由数据主管部门发布 / only catalog entries in the master catalog (PUBLISHED) can be opened; this one is ${r.status}: submit it for review and have the authority publish it first [Z §11, B §31]`,
    );
  }
  if (r.openAttribute === 'PROHIBITED') {
    throw badInput(
      `目录将条目 ${r.id} 标注为禁止（不予）开放，不能作为开放数据集发布；如认为属性有误，请在目录中修改开放属性并重新审核 / the catalog marks this entry as not open (PROHIBITED), so it cannot be opened; if the attribute is wrong, change it in the catalog and have it reviewed again [OPN-1, Z §12, B §30]`,
      'input.resourceId',
    );
  }
  if (r.securityGrade === 'CORE' || r.securityGrade === 'IMPORTANT') {
    throw badInput(`${r.securityGrade === 'CORE' ? '核心' : '重要'}数据不得开放 / ${r.securityGrade} data can never be opened [CAT-4, J §7, Z §9]`, 'input.resourceId');
  }
  if (r.openAttribute !== 'UNCONDITIONAL' && r.openAttribute !== 'RESTRICTED') {
    throw badInput(`目录条目的开放属性 ${r.openAttribute} 无法识别 / unknown open attribute ${r.openAttribute} in the catalog`, 'input.resourceId');
  }
  if (methods.length === 0) {
    throw badInput('至少需要一种开放方式（DOWNLOAD、API 或 MODEL）/ choose at least one access method (DOWNLOAD, API or MODEL) [Z §20, B §32]', 'input.accessMethods');
  }
  if (r.openAttribute === 'RESTRICTED' && methods.includes('DOWNLOAD') && !policy.restrictedDownloadable) {
    throw badInput(
      '受限开放数据不得以下载方式开放，请改用 API（接口调用）或 MODEL（算法模型）/ RESTRICTED data may not be offered for DOWNLOAD: use API or MODEL instead [OPN-2, Z §20]',
      'input.accessMethods',
    );
  }
  return r.openAttribute;
}

/** The methods left to a dataset whose data became RESTRICTED: never DOWNLOAD [OPN-2, Z §20]. */
export function withoutDownload(methods: OpenAccessMethod[]): OpenAccessMethod[] {
  return methods.filter((m) => m !== 'DOWNLOAD');
}

/**
 * What a proposal for an entry's dataset asks, from the dataset's state: a new dataset, or one
 * returned before it was ever open, is proposed for the open catalog; an OPEN one is changed; a
 * suspended or withdrawn one is reopened [B §31, Z §35]. One proposal awaits review at a time.
 */
export function proposalKindFor(d: { status: OpenDatasetStatus; proposalStatus: OpenProposalStatus | null } | null): OpenProposalKind {
  if (d?.proposalStatus === 'SUBMITTED') {
    throw conflict('此数据集已有待审核的提议，请等待数据主管部门审核或退回后再提 / a proposal for this dataset already awaits the data authority: wait for its decision [B §31]');
  }
  if (!d || d.status === 'PROPOSED' || d.status === 'RETURNED') return 'OPEN';
  return d.status === 'OPEN' ? 'CHANGE' : 'REOPEN';
}

/** A withdrawal is proposed for a dataset that is open or suspended, with no other proposal pending [Z §35, B §31]. */
export function checkWithdrawable(d: { status: OpenDatasetStatus; proposalStatus: OpenProposalStatus | null }): void {
  if (d.proposalStatus === 'SUBMITTED') {
    throw conflict('此数据集已有待审核的提议，请等待审核后再提撤回 / a proposal for this dataset already awaits the data authority: wait for its decision [B §31]');
  }
  if (d.status !== 'OPEN' && d.status !== 'SUSPENDED') {
    throw conflict(`只有开放中或已暂停的数据集可以撤回（当前为 ${d.status}）/ only an OPEN or SUSPENDED dataset can be withdrawn (this one is ${d.status})`);
  }
}

/** The status an approved proposal leaves the dataset in [B §31, Z §35]. */
export const statusAfterApproval = (kind: OpenProposalKind): OpenDatasetStatus => (kind === 'WITHDRAW' ? 'WITHDRAWN' : 'OPEN');

/**
 * The data type the open catalog marks [Z §10 ¶2] when the agency states none: the catalog's format
 * says how the data is kept, so an API or a stream is an interface and anything else a dataset.
 */
export function defaultDataType(format: DataFormat | null): OpenDataType {
  return format === 'API' || format === 'STREAMING' ? 'INTERFACE' : 'DATASET';
}

/**
 * The data type of a proposal: the stated one, else the default from the format. A data interface
 * is called, so it must be offered by API [Z §10, Z §20].
 */
export function checkDataType(stated: OpenDataType | null | undefined, format: DataFormat | null, methods: readonly OpenAccessMethod[]): OpenDataType {
  const type = stated ?? defaultDataType(format);
  if (type === 'INTERFACE' && !methods.includes('API')) {
    throw badInput(
      stated
        ? '数据接口须以 API（接口调用）方式开放：请在开放方式中加入 API，或将数据类型改为 DATASET / a data INTERFACE is offered by API: add API to the access methods, or set dataType to DATASET [Z §10, Z §20]'
        : '目录的数据格式为接口或流式数据，数据类型默认为数据接口，须以 API 方式开放：请加入 API，或指明数据类型 DATASET / the catalog format (API or streaming) makes this a data INTERFACE, offered by API: add API to the access methods, or set dataType to DATASET [Z §10, Z §20]',
      stated ? 'input.dataType' : 'input.accessMethods',
    );
  }
  return type;
}
