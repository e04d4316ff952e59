import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import type { GrantDenial } from './enums.js';
import { denied, judge } from './grant.resolver.js';
import { ShareRequest } from './share-request.entity.js';
import { sanctionsOf } from './share-request.loader.js';
import { bindingSanction, sanctionStatus } from './share-request.rules.js';

/** The internal routes' names: `POST /internal/grant-read` and `/internal/grant-uses` on the entry's node's sharing subgraph. */
export const GRANT_READ_ROUTE = 'grant-read';
export const GRANT_USES_ROUTE = 'grant-uses';

/** What the data plane is answered before it serves records of an entry to an organization. */
export interface GrantReadAnswer {
  allowed: boolean;
  grantId: string | null;
  /** The items the deciding grant covers (empty without one). */
  itemNames: string[];
  denial: GrantDenial | 'BAD_REQUEST' | null;
  reason: string | null;
}

const strings = (v: unknown, max: number): string[] | null =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string') ? [...new Set(v.map((x) => x.trim()).filter((x) => x))] : null;

/**
 * The grant check of `shareGrantCheck` for the catalog's record reads [SHR-5, SHR-10, B §26, B §28,
 * B §49], asked as SYSTEM: the catalog has already decided that the caller acts for the
 * organization. `{ resourceId, organizationId, scenario, itemNames }`; with no items named, any
 * grant in force for the scenario answers, and its items are what the caller may read. Read at each
 * call, never cached: a suspension, revocation or sanction committed before the read stops it.
 */
export const grantRead: InternalRoute = async ({ em }, body): Promise<GrantReadAnswer> => {
  const b = (body ?? {}) as Record<string, unknown>;
  const itemNames = b.itemNames === null || b.itemNames === undefined ? [] : strings(b.itemNames, 500);
  const { resourceId, organizationId, scenario } = b;
  if (
    typeof resourceId !== 'string' ||
    !parseId(resourceId) ||
    typeof organizationId !== 'string' ||
    !parseId(organizationId) ||
    typeof scenario !== 'string' ||
    !scenario.trim() ||
    !itemNames
  ) {
    return { allowed: false, grantId: null, itemNames: [], denial: 'BAD_REQUEST', reason: 'resourceId, organizationId, scenario and itemNames (strings) are required' };
  }
  const [rows, sanctions] = await Promise.all([
    em.find(ShareRequest, { requesterId: organizationId, resourceId, status: { $in: ['GRANTED', 'SUSPENDED', 'REVOKED'] } }, { orderBy: { seq: 'desc' } }),
    sanctionsOf(em, [organizationId]),
  ]);
  const today = todayInChina();
  const answer = judge(rows, itemNames, scenario.trim(), today);
  const sanction = bindingSanction({ regionCode: parseId(resourceId)!.region }, sanctions, today);
  const result = sanction
    ? denied(sanctionStatus(sanction, today) === 'TERMINATED' ? 'TERMINATED' : 'SANCTIONED', answer.grant, `（${sanction.rectificationDemand}，期限 ${sanction.deadline}）`)
    : answer;
  return {
    allowed: result.allowed,
    grantId: result.grant?.id ?? null,
    itemNames: result.allowed ? result.grant!.itemNames : [],
    denial: result.denial,
    reason: result.reason,
  };
};

/**
 * Counts one read the catalog served through a grant, and its rows, per grant and Chinese day, for
 * the evaluation [SHR-11]: `{ grantId, rows }`. One upsert; answers whether it counted.
 */
export const grantUses: InternalRoute = async ({ em }, body): Promise<{ counted: boolean }> => {
  const { grantId, rows } = (body ?? {}) as Record<string, unknown>;
  if (typeof grantId !== 'string' || !parseId(grantId) || typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) return { counted: false };
  const inserted = await em.getConnection().execute(
    `insert into "sharing"."grant_use" (grant_id, day, provider_id, requester_id, reads, rows)
     select id, ?::date, provider_id, requester_id, 1, ? from "sharing"."share_request" where id = ?
     on conflict (grant_id, day) do update set reads = "sharing"."grant_use".reads + 1, rows = "sharing"."grant_use".rows + excluded.rows
     returning grant_id`,
    [todayInChina(), rows, grantId],
  );
  return { counted: inserted.length > 0 };
};
