import { badInput, conflict } from '../kit/server/errors.js';
import type { OpenDatasetStatus, OpenEmergencyMeasure, OpenEmergencyStatus } from './enums.js';

/**
 * Emergency openings [Z §8, Z §32], as pure rules. Z §8 has the government handling an emergency
 * open the related data "in time"; Z §32 ¶2 has what was collected for it assessed and sealed or
 * destroyed once the response is over, and the related applications shut down.
 */

/** An opening is stated in hours, up to thirty days: an event lasting longer is opened again. */
export const EMERGENCY_HOURS_MAX = 720;

/** The event's name: a line, not a report. */
export const EMERGENCY_EVENT_MAX = 200;

/** The end summary: the assessment and the handling [Z §32]. */
export const EMERGENCY_SUMMARY_MAX = 2000;

export function checkOpenForHours(hours: number): void {
  if (!Number.isInteger(hours) || hours < 1 || hours > EMERGENCY_HOURS_MAX) {
    throw badInput(`开放时长须为 1 至 ${EMERGENCY_HOURS_MAX} 小时 / openForHours must be a whole number of hours from 1 to ${EMERGENCY_HOURS_MAX} [Z §8]`, 'input.openForHours');
  }
}

/** When an opening of `hours` made at `from` is due to end. */
export const openUntil = (from: Date, hours: number): Date => new Date(from.getTime() + hours * 3600_000);

/** An ACTIVE opening whose hours have run out: the authority must end it (or open the data again). */
export const isDue = (e: { status: OpenEmergencyStatus; openUntil: Date }, now: Date): boolean => e.status === 'ACTIVE' && now >= e.openUntil;

/**
 * What the fast path may open: an entry with no dataset, or one only proposed or returned (the
 * emergency supersedes the proposal round [Z §8]). An OPEN dataset needs no emergency opening, and
 * ending the emergency would withdraw data that was open before it; a SUSPENDED or WITHDRAWN one
 * was closed for a reason (a complaint, its catalog entry) that an emergency does not lift [Z §35].
 */
export function checkEmergencyTarget(d: { status: OpenDatasetStatus; emergencyId: string | null } | null): void {
  if (!d) return;
  if (d.status === 'OPEN') {
    throw conflict('该目录条目的数据集已在开放中，无需应急开放 / the dataset of this entry is already OPEN: it needs no emergency opening [Z §8]');
  }
  if (d.status === 'SUSPENDED' || d.status === 'WITHDRAWN') {
    throw conflict(
      `该数据集已${d.status === 'SUSPENDED' ? '暂停' : '撤回'}，应急开放不能解除其原因；请先处理投诉或目录条目 / the dataset is ${d.status}: an emergency opening does not lift what closed it; resolve its complaint or catalog entry first [Z §35]`,
    );
  }
}

/** Datasets join an emergency only while it is under way. */
export function checkActive(e: { status: OpenEmergencyStatus }): void {
  if (e.status !== 'ACTIVE') throw conflict('该应急开放已结束 / this emergency opening has ended [Z §32]');
}

/**
 * The end names one measure for each dataset of the emergency, and nothing else: what was
 * collected for each is either sealed or scheduled for destruction [Z §32].
 */
export function checkEndMeasures(datasetIds: readonly string[], measures: readonly { datasetId: string; measure: OpenEmergencyMeasure }[]): void {
  const seen = new Set<string>();
  measures.forEach((m, i) => {
    if (!datasetIds.includes(m.datasetId))
      throw badInput(`数据集 ${m.datasetId} 不是为该事件开放的 / dataset ${m.datasetId} was not opened for this emergency`, `measures.${i}.datasetId`);
    if (seen.has(m.datasetId)) throw badInput(`数据集 ${m.datasetId} 重复 / dataset ${m.datasetId} is listed twice: give one measure per dataset`, `measures.${i}.datasetId`);
    seen.add(m.datasetId);
  });
  const missing = datasetIds.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw badInput(
      `须为每个数据集说明对采集数据的处理（封存或安排销毁），缺少：${missing.join(', ')} / say for every dataset whether what was collected is SEALED or DESTRUCTION_SCHEDULED; missing: ${missing.join(', ')} [Z §32]`,
      'measures',
    );
  }
}
