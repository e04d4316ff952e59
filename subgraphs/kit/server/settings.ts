import type { Env } from '../../../platform/env.js';
import type { DatabaseLimits } from './orm.js';

/**
 * What every subgraph of a deployment is given alike: one object, passed whole from the federation
 * (runtime/federation.ts) to each node (runtime/node.ts, or a node in its own process,
 * runtime/node-process.ts) to each subgraph (kit/server/subgraph.ts `createSubgraph`), or read by a
 * subgraph's own process (runtime/subgraph.ts). Plain data, so it crosses into a child process.
 * Absent fields take the kit's defaults, which suit tests: nothing runs periodically but at start-up.
 */
export interface SubgraphSettings {
  /** Signs the gateway's (and a sibling's) requests to a subgraph (INTERNAL_SECRET). */
  internalSecret: string;
  /** Keys each subgraph's audit chain and signs its checkpoints (AUDIT_SECRET). */
  auditSecret: string;
  /** The interface to listen on (HOST); 127.0.0.1 when absent. */
  host?: string;
  /** Serve Prometheus metrics at `GET /metrics` (METRICS_ENABLED); default on. */
  metrics?: boolean;
  /** Statement and connection-acquire timeouts of the pool; the kit's defaults when absent. */
  databaseLimits?: Partial<DatabaseLimits>;
  /**
   * How often a subgraph looks for stale table statistics and analyzes them (kit/server/statistics.ts,
   * STATISTICS_INTERVAL_MS); absent or 0: only at start-up.
   */
  statisticsIntervalMs?: number;
  /** What is kept how long (kit/server/retention.ts); absent fields take `DEFAULT_RETENTION`, but an absent interval prunes only when asked. */
  retention?: Partial<RetentionSettings>;
  /** How often a consumer polls its source's outbox; a nudge after each commit makes it sooner. Default 1 s. */
  eventPollMs?: number;
  /** Failures of one event's handler, in a row, before it goes to the dead-letter table (EVENT_MAX_ATTEMPTS); default 5. */
  eventMaxAttempts?: number;
  /**
   * A catalog search counts exactly up to this many matches per node and estimates beyond
   * (CATALOG_COUNT_BOUND; subgraphs/catalog/search/). Read at each search, so a harness may change
   * it on a running subgraph; `DEFAULT_CATALOG_COUNT_BOUND` when absent.
   */
  catalogCountBound?: number;
  /**
   * Record reads one caller may make per minute on a node (RECORD_READS_PER_MINUTE;
   * subgraphs/catalog/records/limits.ts). Read at each read, so a harness may change it; absent or 0: no limit.
   */
  recordReadsPerMinute?: number;
  /** The largest upload of records (DATA_UPLOAD_MAX_BYTES); `DEFAULT_DATA_UPLOAD_MAX_BYTES` when absent. Read at each upload. */
  dataUploadMaxBytes?: number;
  /** How long an upload may pause between chunks (DATA_UPLOAD_IDLE_MS); `DEFAULT_DATA_UPLOAD_IDLE_MS` when absent. */
  dataUploadIdleMs?: number;
}

/** What the pruner keeps how long (kit/server/retention.ts), and how often it runs. */
export interface RetentionSettings {
  /** How often the pruner runs (RETENTION_INTERVAL_MS); 0: only when asked (`RunningSubgraph.prune`). */
  intervalMs: number;
  /** Outbox events and receipts older than this go whatever happens (EVENT_RETENTION_HOURS). */
  eventRetentionHours: number;
  /** Idempotency records older than this go: a client's retry window (IDEMPOTENCY_RETENTION_HOURS). */
  idempotencyRetentionHours: number;
}

/** The retention settings of a process's configuration (RETENTION_INTERVAL_MS, EVENT_RETENTION_HOURS, IDEMPOTENCY_RETENTION_HOURS). */
const retentionOf = (env: Env): RetentionSettings => ({
  intervalMs: env.retentionIntervalMs,
  eventRetentionHours: env.eventRetentionHours,
  idempotencyRetentionHours: env.idempotencyRetentionHours,
});

/** The settings a process's configuration gives every subgraph it runs. */
export function subgraphSettingsOf(env: Env): SubgraphSettings {
  return {
    internalSecret: env.internalSecret,
    auditSecret: env.auditSecret,
    host: env.host,
    metrics: env.metricsEnabled,
    databaseLimits: { statementTimeoutMs: env.dbStatementTimeoutMs, acquireTimeoutMs: env.dbAcquireTimeoutMs },
    statisticsIntervalMs: env.statisticsIntervalMs,
    retention: retentionOf(env),
    eventMaxAttempts: env.eventMaxAttempts,
    catalogCountBound: env.catalogCountBound,
    recordReadsPerMinute: env.recordReadsPerMinute,
    dataUploadMaxBytes: env.dataUploadMaxBytes,
    dataUploadIdleMs: env.dataUploadIdleMs,
  };
}
