import { LockMode } from '@mikro-orm/postgresql';
import type { AuditChange } from '../../schema/audit-actions.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { writeAudit } from '../kit/server/audit.js';
import { newOwned } from '../kit/server/owned.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { isDataPlane } from './access.js';
import { OpenDataAgreement } from './application.entity.js';
import { OpenDataset } from './dataset.entity.js';
import { OpenDataUse } from './use.entity.js';
import { checkUseCovered, parseUseBatch, type UseProblem } from './use.rules.js';

/** What the data plane is answered: how many records were written, their IDs in order, or every problem and nothing written. */
export interface UsesRecorded {
  recorded: number;
  ids: string[];
  problems: UseProblem[];
}

/** The internal route's name: `POST /internal/open-data-uses` on the dataset's node's opening subgraph. */
export const OPEN_DATA_USES_ROUTE = 'open-data-uses';

const refused = (problems: UseProblem[]): UsesRecorded => ({ recorded: 0, ids: [], problems });

/**
 * The data plane records the uses of restricted data it served [OPN-7, Z §28, Z §34 (四)]: a batch
 * `{ uses: [{ agreementId, datasetId, method, operation, rowsReturned, usedAt }] }` of this node's
 * agreements, written whole in one transaction with one audit event, or refused whole with every
 * problem named by record and field. The agreements are read FOR SHARE, so a suspension committing
 * meanwhile waits for the batch, and a batch after it sees it and is refused.
 */
export const recordOpenDataUses: InternalRoute = async ({ em, actor, audit }, body): Promise<UsesRecorded> => {
  if (!isDataPlane(actor))
    return refused([{ index: -1, field: '', code: 'FORBIDDEN', message: '只有数据服务（SYSTEM）记录利用 / only the data plane, signed as SYSTEM, records uses [Z §34 (四)]' }]);
  const now = new Date();
  const parsed = parseUseBatch(body, now);
  if (parsed.problems.length) return refused(parsed.problems);
  const { uses } = parsed;
  const today = todayInChina(now);
  return em.transactional(async (tx) => {
    const agreementIds = [...new Set(uses.map((u) => u.agreementId))];
    const datasetIds = [...new Set(uses.map((u) => u.datasetId))];
    const [agreements, datasets] = await Promise.all([
      tx.find(OpenDataAgreement, { id: { $in: agreementIds } }, { lockMode: LockMode.PESSIMISTIC_READ }),
      tx.find(OpenDataset, { id: { $in: datasetIds } }),
    ]);
    const agreementOf = new Map(agreements.map((g) => [g.id, g]));
    const datasetOf = new Map(datasets.map((d) => [d.id, d]));
    const problems = uses.flatMap((u, i) => checkUseCovered(i, u, agreementOf.get(u.agreementId) ?? null, datasetOf.get(u.datasetId) ?? null, today) ?? []);
    if (problems.length) return refused(problems);
    const rows = uses.map((u) => {
      const g = agreementOf.get(u.agreementId)!;
      return tx.create(OpenDataUse, {
        ...newOwned(g.regionCode),
        agreementId: g.id,
        datasetId: g.datasetId,
        providerId: g.providerId,
        holderAccount: g.holderAccount,
        method: u.method,
        operation: u.operation,
        rowsReturned: u.rowsReturned,
        usedAt: u.usedAt,
      });
    });
    await tx.flush();
    const byAgreement: Record<string, number> = {};
    for (const r of rows) byAgreement[r.agreementId] = (byAgreement[r.agreementId] ?? 0) + 1;
    const event: AuditChange<'opening'> = {
      action: 'openDataUse.record',
      entityType: 'OpenDataUse',
      entityId: rows[0]!.id,
      data: { count: rows.length, lastId: rows.at(-1)!.id, byAgreement },
    };
    await writeAudit(tx, audit, actor, event);
    return { recorded: rows.length, ids: rows.map((r) => r.id), problems: [] };
  });
};
