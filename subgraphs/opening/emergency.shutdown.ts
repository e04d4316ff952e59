import type { EntityManager } from '@mikro-orm/postgresql';
import { OpenDataAgreement, OpenDataApplication } from './application.entity.js';

export const EMERGENCY_END_REASON =
  '应急事件已结束，相关数据已撤回，数据应用依法关停 / the emergency is over: its data is withdrawn and the applications built on it are shut down [Z §32]';

/**
 * Shuts down the data applications built on an emergency's datasets when the event is over
 * [Z §32], in the transaction that ends it: every agreement on them still in force or suspended
 * is CLOSED (no sanction: no violation, no credit record), and every application still pending
 * is refused with the reason. Answers how many it shut down.
 */
export async function shutDownEmergencyApplications(em: EntityManager, datasetIds: readonly string[], at: Date): Promise<number> {
  if (datasetIds.length === 0) return 0;
  const agreements = await em.find(OpenDataAgreement, { datasetId: { $in: [...datasetIds] }, storedStatus: { $in: ['ACTIVE', 'SUSPENDED'] } });
  for (const g of agreements) Object.assign(g, { storedStatus: 'CLOSED', closedAt: at, updatedAt: at });
  const pending = await em.find(OpenDataApplication, { datasetId: { $in: [...datasetIds] }, status: 'PENDING' });
  for (const a of pending) {
    Object.assign(a, {
      status: 'REJECTED',
      rejectionReason: EMERGENCY_END_REASON,
      steps: [...a.steps, { kind: 'REJECTED', at: at.toISOString(), note: EMERGENCY_END_REASON }],
      updatedAt: at,
    });
  }
  return agreements.length + pending.length;
}
