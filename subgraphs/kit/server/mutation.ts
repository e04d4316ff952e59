import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { AuditChange } from '../../../schema/audit-actions.js';
import type { SubgraphName } from '../../../schema/topology.js';
import type { SubgraphContext } from './context.js';
import { writeAudit } from './audit.js';
import { conflict } from './errors.js';
import type { OutboxEvent } from '../../../schema/events.js';
import { appendOutbox } from './events.js';
import { claimIdempotencyKey } from './idempotency.js';

/**
 * Runs a mutation in one transaction together with its audit event: either both are written or
 * neither. A concurrent change to the same row (version column) becomes a CONFLICT, and so does
 * a concurrent insert of the same unique value that slipped past a resolver's own pre-check.
 * `events` (optional) go to the subgraph's outbox in the same transaction; its siblings are nudged
 * once it committed (kit/server/events.ts). The request's idempotency key is recorded in the same
 * transaction (kit/server/idempotency.ts). The audit event is one of the subgraph's actions with
 * its data (schema/audit-actions.ts).
 */
export async function mutate<T, S extends SubgraphName>(
  ctx: SubgraphContext,
  subgraph: S,
  work: (em: EntityManager) => Promise<{ result: T; audit: NoInfer<AuditChange<S>>; events?: OutboxEvent[] }>,
): Promise<T> {
  try {
    let published = false;
    const outcome = await ctx.em.transactional(async (em) => {
      // First, so a concurrent call with the same idempotency key waits here before doing any work.
      const recordOutcome = await claimIdempotencyKey(em, ctx, subgraph);
      const { result, audit, events } = await work(em);
      await em.flush();
      await writeAudit(em, ctx.audit, ctx.actor, audit);
      await appendOutbox(em, subgraph, events ?? []);
      await recordOutcome?.(result);
      published = (events?.length ?? 0) > 0;
      return result;
    });
    if (published) ctx.peers.nudgeConsumers(subgraph);
    return outcome;
  } catch (err) {
    if (err instanceof OptimisticLockError) throw conflict('数据已被他人修改，请刷新后重试 / this record was changed by someone else; reload it and try again');
    if (err instanceof UniqueConstraintViolationException)
      throw conflict('与同时提交的另一条记录重复，请刷新后查看 / another request just created the same record; reload and check before retrying');
    throw err;
  }
}
