import { parseId } from '../../schema/ids.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { decidingAgreements } from './access-check.resolver.js';
import { judgeAccess, type OpenAccessDecision } from './access-method.rules.js';
import { OpenDataset } from './dataset.entity.js';

/** The internal routes' names, on the dataset's node's opening subgraph. */
export const OPEN_ACCESS_ROUTE = 'open-access';
export const OPEN_DATA_COUNTS_ROUTE = 'open-data-counts';

/** The answer of `openAccessChecks` for one check, with what the data plane needs to serve it. */
export interface OpenAccessAnswer {
  allowed: boolean;
  decision: OpenAccessDecision | 'BAD_REQUEST';
  message: string;
  agreementId: string | null;
  /** The catalog entry whose records the dataset opens (null when not open). */
  resourceId: string | null;
  openAttribute: string | null;
}

/**
 * The check of `openAccessChecks` for one call of the data plane [OPN-2, Z §20, Z §27, Z §15-17,
 * Z §39], asked as SYSTEM so that the public, signed out, may read UNCONDITIONAL data:
 * `{ datasetId, method, userAccount }` (userAccount null for a caller without a user account, which
 * RESTRICTED data refuses as NO_AGREEMENT). Read at each call, never cached.
 */
export const openAccess: InternalRoute = async ({ em }, body): Promise<OpenAccessAnswer> => {
  const { datasetId, method, userAccount } = (body ?? {}) as Record<string, unknown>;
  if (typeof datasetId !== 'string' || !parseId(datasetId) || (method !== 'API' && method !== 'DOWNLOAD') || (userAccount !== null && typeof userAccount !== 'string')) {
    return {
      allowed: false,
      decision: 'BAD_REQUEST',
      message: 'datasetId, method (API or DOWNLOAD) and userAccount are required',
      agreementId: null,
      resourceId: null,
      openAttribute: null,
    };
  }
  const d = await em.findOne(OpenDataset, { id: datasetId });
  const agreements =
    d?.openAttribute === 'RESTRICTED' && typeof userAccount === 'string' ? await decidingAgreements({ em }, [{ datasetId, userAccount }]) : new Map<string, never>();
  const j = judgeAccess(d, method, agreements.get(`${datasetId} ${userAccount}`) ?? null);
  return {
    allowed: j.allowed,
    decision: j.decision,
    message: j.message,
    agreementId: j.agreementId,
    resourceId: d?.status === 'OPEN' ? d.resourceId : null,
    openAttribute: d?.status === 'OPEN' ? d.openAttribute : null,
  };
};

/**
 * Counts one download or API call of an open dataset and the rows it returned, per dataset,
 * Chinese day and method [OPN-9, Z §38]: `{ datasetId, method, rows }`. One upsert.
 */
export const countOpenData: InternalRoute = async ({ em }, body): Promise<{ counted: boolean }> => {
  const { datasetId, method, rows } = (body ?? {}) as Record<string, unknown>;
  if (typeof datasetId !== 'string' || !parseId(datasetId) || (method !== 'API' && method !== 'DOWNLOAD') || typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) {
    return { counted: false };
  }
  const inserted = await em.getConnection().execute(
    `insert into "opening"."open_data_count" (dataset_id, day, method, provider_id, calls, rows)
     select id, ?::date, ?, provider_id, 1, ? from "opening"."open_dataset" where id = ?
     on conflict (dataset_id, day, method) do update set calls = "opening"."open_data_count".calls + 1, rows = "opening"."open_data_count".rows + excluded.rows
     returning dataset_id`,
    [todayInChina(), method, rows, datasetId],
  );
  return { counted: inserted.length > 0 };
};
