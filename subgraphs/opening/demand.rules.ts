import type { ProfileCode } from '../../schema/topology.js';
import { regionOf } from '../../schema/ids.js';
import { isWithin } from '../../schema/regions.js';
import { workingDayDeadline, type WorkingDayDeadline } from '../kit/rules/deadlines.js';
import type { WorkingDayRule } from '../kit/rules/policy.js';
import { blank } from '../kit/rules/validation.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { OpenDemandDecision, OpenDemandStatus } from './enums.js';
import { opinionRule } from './opinion.rules.js';

/**
 * Demands for data outside the open catalog [OPN-5, Z §22, B §34], as pure rules. Z §22 has the
 * agency assess a demand as it assesses data for opening (Z §13) and tell the requester the result;
 * B §34 asks it to answer promptly (及时回应). Neither sets a number of days.
 */

/**
 * The answer period: neither Z §22 nor B §34 sets one, so a demand is answered within the period
 * the node gives the public's opinions on opened data (Z §21: 10 working days), the nearest rule
 * for a request of the public to an opening agency.
 */
export function demandRule(profiles: ProfileCode[]): WorkingDayRule {
  const { workingDays } = opinionRule(profiles);
  return {
    workingDays,
    profile: null,
    basis: `默认：Z §22、B §34 要求评估并及时答复，未定天数，参照 Z §21 取${workingDays}个工作日 / default: Z §22 and B §34 ask for an assessment and a prompt answer without a number; ${workingDays} working days as in Z §21`,
  };
}

export function demandDeadline(profiles: ProfileCode[], filedAt: Date): WorkingDayDeadline {
  return workingDayDeadline(demandRule(profiles), filedAt);
}

/** A demand is addressed to one agency, or to a region whose authority names the agency: exactly one of the two. */
export function checkDemandAddress(providerId: string | null | undefined, regionCode: string | null | undefined): 'AGENCY' | 'REGION' {
  const agency = !blank(providerId);
  const region = !blank(regionCode);
  if (agency === region) {
    throw badInput(
      '请指定需求所向的一个开放主体（providerId），或不清楚由哪个部门提供时指定行政区划（regionCode），二者取其一 / address the demand to one agency (providerId), or, if you do not know which agency holds the data, to a region (regionCode): one of the two [Z §22]',
      'input.providerId',
    );
  }
  return agency ? 'AGENCY' : 'REGION';
}

/** Only a public body answers for public data [Z §22: 公共管理和服务机构]: not an enterprise. */
export function checkDemandAgency(org: { kind: string } | null, id: string): void {
  if (!org) {
    throw badInput(`机构 ${id} 未在其平台登记 / organization ${id} is not registered on its platform: address the demand to the agency that holds the data`, 'input.providerId');
  }
  if (org.kind === 'ENTERPRISE') {
    throw badInput(
      `机构 ${id} 是企业，不是公共管理和服务机构；请向持有数据的机关或公共服务机构提出 / organization ${id} is an enterprise, not a public body: address the demand to the agency or public service body that holds the data [Z §22]`,
      'input.providerId',
    );
  }
}

/**
 * The agency a region's demand is routed to, or whose entry the authority accepts it with, must
 * answer on the demand's platform: one of the demand's region or a region below it, hosted on this
 * node (a district with its own platform takes its own demands), and a public body.
 */
export function checkRoutable(demandRegion: string, agencyId: string, nodeRegions: readonly string[], org: { kind: string } | null, field: string): void {
  if (!org) throw badInput(`机构 ${agencyId} 未在本平台登记 / organization ${agencyId} is not registered on this platform`, field);
  if (org.kind === 'ENTERPRISE') {
    throw badInput(`机构 ${agencyId} 是企业，不是公共管理和服务机构 / organization ${agencyId} is an enterprise, not a public body [Z §22]`, field);
  }
  checkInDemandRegion(demandRegion, agencyId, nodeRegions, field);
}

/** An organization of the demand's region or one below it, hosted on this node. */
export function checkInDemandRegion(demandRegion: string, orgId: string, nodeRegions: readonly string[], field: string): void {
  const region = regionOf(orgId);
  if (region === null || !isWithin(region, demandRegion) || !nodeRegions.includes(region)) {
    throw badInput(
      `机构 ${orgId} 不在需求所向的区域 ${demandRegion}（本平台所辖）内 / organization ${orgId} is not in the demand's region ${demandRegion} on this platform: name an agency, or an entry of an agency, of that region`,
      field,
    );
  }
}

/** A demand is routed and answered while it awaits its answer, once. */
export function checkDemandOpen(d: { status: OpenDemandStatus }, what: 'answer' | 'route'): void {
  if (d.status !== 'OPEN') {
    throw conflict(
      what === 'answer'
        ? `该需求已答复（${d.status}），不能再次答复 / this demand was already answered (${d.status}); it cannot be answered twice [Z §22]`
        : `该需求已答复（${d.status}），不能再指定机构 / this demand was already answered (${d.status}); it cannot be routed any more [Z §22]`,
    );
  }
}

/**
 * What an answer must carry [Z §22, Z §13]: a decline gives its reason and links nothing; an
 * acceptance names the catalog entry that answers the demand, and may name its open dataset.
 */
export function checkDemandAnswer(decision: OpenDemandDecision, reply: string | null, resourceId: string | null, datasetId: string | null): void {
  if (decision === 'DECLINED') {
    if (reply === null) throw badInput('不予开放须在答复中说明理由 / a decline needs a reason: say in reply why the data will not be opened [Z §22, Z §14]', 'reply');
    if (resourceId !== null || datasetId !== null) {
      throw badInput(
        '不予开放的需求不关联目录条目或数据集 / a declined demand links no catalog entry nor dataset: leave resourceId and datasetId empty',
        resourceId !== null ? 'resourceId' : 'datasetId',
      );
    }
    return;
  }
  if (resourceId === null) {
    throw badInput(
      '同意开放须关联答复该需求的目录条目（resourceId）；尚未编目的，请先在目录中创建条目 / an acceptance names the catalog entry that answers the demand (resourceId); if the data is not catalogued yet, create its entry first [Z §22, Z §13]',
      'resourceId',
    );
  }
}

/** The linked dataset opens the linked entry. */
export function checkDemandDataset(d: { resourceId: string } | null, datasetId: string, resourceId: string): void {
  if (!d) throw badInput(`开放数据集 ${datasetId} 不存在于本平台 / open dataset ${datasetId} does not exist on this platform`, 'datasetId');
  if (d.resourceId !== resourceId) {
    throw badInput(
      `开放数据集 ${datasetId} 不是目录条目 ${resourceId} 的开放数据集 / open dataset ${datasetId} does not open catalog entry ${resourceId}: name the dataset of that entry, or leave datasetId empty`,
      'datasetId',
    );
  }
}
