import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DefaultLogger, type EventSubscriber, type LogContext, type LoggerOptions, type TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { counter, gauge, histogram, REQUEST_LABELS, requestMetricsPlugin } from '../../../platform/metrics.js';

/**
 * A subgraph's series (platform/metrics.ts holds the registry). Each carries `subgraph` and
 * `node`: the demo and the tests run many subgraphs in one process, on one registry.
 */
export interface SubgraphLabels {
  subgraph: string;
  node: string;
}

const LABELS = ['subgraph', 'node', ...REQUEST_LABELS] as const;
const requests = counter({
  name: 'pdf_subgraph_requests_total',
  help: "GraphQL requests a subgraph answered, by operation name (the gateway's planned operation), type and outcome (ok, partial, error)",
  labelNames: LABELS,
});
const requestDuration = histogram({
  name: 'pdf_subgraph_request_duration_seconds',
  help: 'Time a subgraph took to answer a GraphQL request, audit of its reads included',
  labelNames: LABELS,
});

export function subgraphRequestMetrics<C extends BaseContext>(labels: SubgraphLabels): ApolloServerPlugin<C> {
  return requestMetricsPlugin(requests, requestDuration, labels);
}

const statementDuration = histogram({
  name: 'pdf_db_statement_duration_seconds',
  help: 'Time of each SQL statement a subgraph sent through its ORM, as MikroORM measured it (millisecond resolution)',
  labelNames: ['subgraph', 'node'] as const,
});

/**
 * MikroORM's logger, which also times every statement: the ORM hands each one to `logQuery`
 * with the milliseconds it took whether or not query logging is on, so timing costs no extra
 * hook on the driver. Logging itself behaves as the default logger's.
 */
class StatementTimingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly observe: (seconds: number) => void,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    if (context.took !== undefined) this.observe(context.took / 1000);
    super.logQuery(context);
  }
}

/** A MikroORM `loggerFactory` that records statement time under these labels. */
export function statementTimingLogger(labels: SubgraphLabels) {
  const child = statementDuration.labels(labels);
  return (options: LoggerOptions) => new StatementTimingLogger(options, (seconds) => child.observe(seconds));
}

/** The part of knex's tarn pool read at each scrape. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

const pools = new Map<TarnPool, SubgraphLabels>();
gauge({
  name: 'pdf_db_pool_connections',
  help: "Connections of a subgraph's database pool: used (lent to a request), free (idle), pending (requests waiting for one), creating (being opened)",
  labelNames: ['subgraph', 'node', 'state'] as const,
  collect() {
    this.reset();
    for (const [pool, labels] of pools) {
      this.set({ ...labels, state: 'used' }, pool.numUsed());
      this.set({ ...labels, state: 'free' }, pool.numFree());
      this.set({ ...labels, state: 'pending' }, pool.numPendingAcquires());
      this.set({ ...labels, state: 'creating' }, pool.numPendingCreates());
    }
  },
});

/** Publishes the ORM's pool as `pdf_db_pool_connections`; the returned function withdraws it (when the subgraph stops). */
export function trackPool(orm: MikroORM, labels: SubgraphLabels): () => void {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  if (!pool) return () => {};
  pools.set(pool, labels);
  return () => void pools.delete(pool);
}

const auditEvents = counter({
  name: 'pdf_audit_events_total',
  help: "Audit events committed to a subgraph's chain, by kind: CHANGE (a mutation or a system action) or READ (non-public data shown)",
  labelNames: ['subgraph', 'node', 'kind'] as const,
});

/** The knex transaction MikroORM hands around; a nested one (savepoint) knows its parent. */
interface KnexTransaction {
  parentTransaction?: KnexTransaction;
}

/** Audit events written in a transaction still open, counted when it commits. */
const uncommitted = new WeakMap<object, { labels: SubgraphLabels; kind: 'CHANGE' | 'READ'; n: number }[]>();

/**
 * Counts audit events once the transaction that wrote them commits: a mutation that fails
 * after writing its event rolls the event back, and it must not be counted.
 */
export function countAuditEventsOnCommit(trx: unknown, labels: SubgraphLabels, kind: 'CHANGE' | 'READ', n: number): void {
  let root = trx as KnexTransaction;
  while (root.parentTransaction) root = root.parentTransaction;
  uncommitted.set(root, [...(uncommitted.get(root) ?? []), { labels, kind, n }]);
}

/** Settles the audit events of a transaction as it ends (registered on every subgraph ORM, kit/server/orm.ts). */
export const auditEventCounter: EventSubscriber = {
  async afterTransactionCommit({ transaction }: TransactionEventArgs) {
    for (const e of uncommitted.get(transaction as object) ?? []) auditEvents.inc({ ...e.labels, kind: e.kind }, e.n);
    uncommitted.delete(transaction as object);
  },
  async afterTransactionRollback({ transaction }: TransactionEventArgs) {
    uncommitted.delete(transaction as object);
  },
};

const deadLetters = counter({
  name: 'pdf_event_dead_letters_total',
  help: "Events a subgraph gave up on after its handler failed EVENT_MAX_ATTEMPTS times in a row, moved to its event_dead_letter table, by source (a sibling's name, or <subgraph>@<node> for another node's)",
  labelNames: ['subgraph', 'node', 'source'] as const,
});

/** Counts an event moved to the dead-letter table (committed); `n` 0 makes the series exist. */
export function countDeadLetter(labels: SubgraphLabels, source: string, n = 1): void {
  deadLetters.inc({ ...labels, source }, n);
}

const pruned = counter({
  name: 'pdf_retention_pruned_rows_total',
  help: 'Rows a subgraph deleted because nothing needs them any more (kit/server/retention.ts), by table: outbox_event, event_receipt, idempotent_mutation, outbox_consumer',
  labelNames: ['subgraph', 'node', 'table'] as const,
});

/** Counts rows deleted by the retention pruner (each batch commits on its own). */
export function countPruned(labels: SubgraphLabels, table: string, n: number): void {
  if (n > 0) pruned.inc({ ...labels, table }, n);
}
