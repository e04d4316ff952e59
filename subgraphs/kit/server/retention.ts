import type { EntityManager } from '@mikro-orm/postgresql';
import { RETENTION_DEFAULTS } from '../../../platform/env.js';
import { IDEMPOTENCY_TABLE } from './idempotency.js';
import type { RetentionSettings } from './settings.js';

/**
 * Nothing a subgraph keeps for its machinery grows forever. What goes when:
 * - an outbox event (publisher), once every consumer the publisher expects has acknowledged it —
 *   each pull carries the consumer's cursor (kit/server/events.ts `recordAcknowledgement`), and the
 *   expected consumers come from the modules and the topology (`outboxConsumers`) — and, whatever
 *   happens, once it is older than the event retention: a consumer down longer than that misses it
 *   (the pruner says so in the log). With no expected consumer, only the retention applies;
 * - a receipt (consumer), once older than the event retention, except each source's newest, which
 *   is the cursor. An event older than the retention is gone from the outbox, so it cannot come
 *   again; and `deliverEvent` treats an event at or below the cursor as handled even without its
 *   receipt;
 * - an idempotency record, once older than the idempotency retention: the window within which a
 *   client may retry a mutation with the same key and get its first outcome (a later retry executes
 *   again);
 * - a consumer's acknowledgement the publisher no longer expects (a node left the topology), once
 *   older than the event retention.
 * Dead letters stay: each is an event an operator has to look at.
 *
 * Every table is pruned in batches of `PRUNE_BATCH` rows, each its own short transaction, at most
 * `PRUNE_MAX_BATCHES` per table and run (the next run goes on), so a backlog never holds locks or
 * the statement timeout long. Cut-offs are the database's `now()`.
 */

/** The defaults of production (platform/env.ts); tests and harnesses leave the interval at 0 and prune when they want. */
export const DEFAULT_RETENTION: RetentionSettings = {
  intervalMs: RETENTION_DEFAULTS.retentionIntervalMs,
  eventRetentionHours: RETENTION_DEFAULTS.eventRetentionHours,
  idempotencyRetentionHours: RETENTION_DEFAULTS.idempotencyRetentionHours,
};

const PRUNE_BATCH = 1000;
const PRUNE_MAX_BATCHES = 50;

/** What one run deleted, per table, and which consumers lost events they had not acknowledged. */
export interface PruneReport {
  outboxEvents: number;
  receipts: number;
  idempotencyRecords: number;
  acknowledgements: number;
  /** Events deleted past their retention although these consumers had not acknowledged them (up to `through`). */
  unacknowledged: { through: string; consumers: string[] } | null;
}

export interface PruneTarget {
  schema: string;
  /** The subgraph keeps an outbox. */
  outbox: boolean;
  /** The subgraph consumes events (keeps receipts). */
  consumes: boolean;
  /** The consumers expected to read the outbox; null: whoever has pulled. */
  consumers: string[] | null;
  settings: Pick<RetentionSettings, 'eventRetentionHours' | 'idempotencyRetentionHours'>;
}

/** Runs `sql` (a DELETE whose subquery takes at most `?` rows, the last parameter) until a batch deletes fewer, or the batch bound. */
async function deleteInBatches(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (let i = 0; i < PRUNE_MAX_BATCHES; i += 1) {
    const result = await em.getConnection().execute<{ affectedRows: number }>(sql, [...params, PRUNE_BATCH], 'run');
    total += result.affectedRows;
    if (result.affectedRows < PRUNE_BATCH) break;
  }
  return total;
}

const olderThan = (column: string) => `${column} < now() - make_interval(hours => ?::int)`;

async function pruneOutbox(em: EntityManager, t: PruneTarget, report: PruneReport): Promise<void> {
  const s = `"${t.schema}"`;
  const conn = em.getConnection();
  const acks = await conn.execute<{ consumer: string; acknowledged: string; stale: boolean }[]>(
    `select consumer, acknowledged::text as acknowledged, ${olderThan('acknowledged_at')} as stale from ${s}.outbox_consumer order by consumer`,
    [t.settings.eventRetentionHours],
  );
  const acknowledged = new Map(acks.map((a) => [a.consumer, BigInt(a.acknowledged)]));
  const expected = t.consumers ?? acks.map((a) => a.consumer);
  // Every expected consumer has handled the events up to the horizon; one that never pulled, none yet.
  let horizon: bigint | undefined;
  for (const c of expected) {
    const a = acknowledged.get(c) ?? 0n;
    if (horizon === undefined || a < horizon) horizon = a;
  }
  horizon ??= 0n;
  const [expired] = await conn.execute<{ through: string | null }[]>(`select max(id)::text as through from ${s}.outbox_event where id > ? and ${olderThan('occurred_at')}`, [
    horizon.toString(),
    t.settings.eventRetentionHours,
  ]);
  if (expired?.through) {
    const through = BigInt(expired.through);
    report.unacknowledged = { through: expired.through, consumers: expected.filter((c) => (acknowledged.get(c) ?? 0n) < through) };
  }
  report.outboxEvents = await deleteInBatches(
    em,
    `delete from ${s}.outbox_event where id in (select id from ${s}.outbox_event where id <= ? or ${olderThan('occurred_at')} order by id limit ?)`,
    [horizon.toString(), t.settings.eventRetentionHours],
  );
  if (t.consumers) {
    for (const a of acks.filter((a) => a.stale && !t.consumers!.includes(a.consumer))) {
      const r = await conn.execute<{ affectedRows: number }>(
        `delete from ${s}.outbox_consumer where consumer = ? and ${olderThan('acknowledged_at')}`,
        [a.consumer, t.settings.eventRetentionHours],
        'run',
      );
      report.acknowledgements += r.affectedRows;
    }
  }
}

async function pruneReceipts(em: EntityManager, t: PruneTarget, report: PruneReport): Promise<void> {
  const s = `"${t.schema}"`;
  report.receipts = await deleteInBatches(
    em,
    `delete from ${s}.event_receipt where (source, event_id) in (
       select r.source, r.event_id from ${s}.event_receipt r
        where ${olderThan('r.handled_at')} and r.event_id < (select max(n.event_id) from ${s}.event_receipt n where n.source = r.source)
        order by r.handled_at limit ?)`,
    [t.settings.eventRetentionHours],
  );
}

async function pruneIdempotencyRecords(em: EntityManager, t: PruneTarget, report: PruneReport): Promise<void> {
  const table = `"${t.schema}"."${IDEMPOTENCY_TABLE}"`;
  report.idempotencyRecords = await deleteInBatches(
    em,
    `delete from ${table} where (actor_sub, idempotency_key, field_path) in (
       select actor_sub, idempotency_key, field_path from ${table} where ${olderThan('created_at')} order by created_at limit ?)`,
    [t.settings.idempotencyRetentionHours],
  );
}

/** One pruning run over a subgraph's schema. */
export async function pruneSubgraph(em: EntityManager, t: PruneTarget): Promise<PruneReport> {
  const report: PruneReport = { outboxEvents: 0, receipts: 0, idempotencyRecords: 0, acknowledgements: 0, unacknowledged: null };
  if (t.outbox) await pruneOutbox(em, t, report);
  if (t.consumes) await pruneReceipts(em, t, report);
  await pruneIdempotencyRecords(em, t, report);
  return report;
}
