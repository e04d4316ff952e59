import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { ROOT } from './paths.js';
import { parseTopology, type Topology } from '../schema/topology.js';

/**
 * The whole configuration, read once and validated at start-up: a process with a bad setting
 * stops with a message listing every problem instead of failing later on a request.
 */
export interface Env {
  /** Topology JSON (nodes, hosted regions, subgraph URLs). */
  topologyFile: string;
  /** Which node this process serves (subgraph processes). */
  nodeId: string | undefined;
  /** PostgreSQL URL of this node's database; absent means the embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where embedded databases persist. */
  dataDir: string;
  host: string;
  port: number | undefined;
  /** Deployment secret that signs the gateway → subgraph header. */
  internalSecret: string;
  /** Secret that signs client JWTs (HS256). */
  jwtSecret: string;
  nodeTimeoutMs: number;
  /** How often the gateway asks every node service's `/ready`, up or down. */
  nodeProbeIntervalMs: number;
  /** Bound on one readiness probe: a probe unanswered by then is missed (two in a row: the service is down). */
  nodeProbeTimeoutMs: number;
  /** Longest lifetime (`exp − iat`) of a client token the gateway accepts. */
  jwtMaxLifetimeMs: number;
  /** Keys the audit chains and signs their checkpoints; never stored in a database. */
  auditSecret: string;
  /** Append-only JSON-lines file where the gateway keeps the audit checkpoints (absent: memory only). */
  auditAnchorFile: string | undefined;
  /** How often the gateway pulls every chain's head (events written outside gateway requests). */
  auditAnchorIntervalMs: number;
  /** A subgraph's database statements (and idle transactions) are cancelled past this; 0 disables. */
  dbStatementTimeoutMs: number;
  /** How long a subgraph request waits for a database connection. */
  dbAcquireTimeoutMs: number;
  /** How often each subgraph analyzes its tables whose statistics went stale (kit/server/statistics.ts); 0: only at start-up. */
  statisticsIntervalMs: number;
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins: string[];
  /** Requests per client (token subject, else address) per window at the gateway; 0 disables the limit. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  logLevel: LogLevel;
  /** Human-readable log lines (the demo) instead of JSON lines. */
  logPretty: boolean;
  /** Serve Prometheus metrics at `GET /metrics` on the gateway and every subgraph. */
  metricsEnabled: boolean;
  /** OTLP/HTTP collector base URL; absent: tracing off, no SDK loaded. */
  otlpEndpoint: string | undefined;
  /** `service.name` of exported spans; each process entry has its own default. */
  otelServiceName: string | undefined;
  /** Catalog search counts exactly up to this many matches per node, and estimates beyond; read once here and handed to the catalog in its subgraph settings. */
  catalogCountBound: number;
  /** Record reads (grant and open-data API) one caller may make per minute on a node (subgraphs/catalog/records/limits.ts); 0: no limit. */
  recordReadsPerMinute: number;
  /** The largest file one upload of records may be (DATA_UPLOAD_MAX_BYTES); larger ones are refused with 413 and write nothing. */
  dataUploadMaxBytes: number;
  /** How long an upload may pause between chunks before it is abandoned and rolled back (DATA_UPLOAD_IDLE_MS). */
  dataUploadIdleMs: number;
  /** How often each subgraph prunes outbox events, receipts and idempotency records nothing needs any more (subgraphs/kit/server/retention.ts); 0: never. */
  retentionIntervalMs: number;
  /** Outbox events and receipts older than this are pruned even if a consumer has not acknowledged them. */
  eventRetentionHours: number;
  /** Idempotency records older than this are pruned: a client retries a mutation with the same key within this window. */
  idempotencyRetentionHours: number;
  /** Failures of an event's handler, in a row, before the event goes to the consumer's dead-letter table. */
  eventMaxAttempts: number;
  /** Base of the open catalog export's IRIs, as the public reaches the gateway; absent: the gateway's own URL. */
  publicBaseUrl: string | undefined;
}

export class EnvError extends Error {}

/** Used only by `npm start` (the demo) when no secret is configured; never in production mode. */
export const DEMO_SECRETS = {
  internalSecret: 'demo-internal-secret-change-me-0123456789',
  jwtSecret: 'demo-jwt-secret-change-me-0123456789abcdef',
  auditSecret: 'demo-audit-secret-change-me-0123456789ab',
};

const nonNegativeInt = z
  .string()
  .regex(/^\d+$/, { error: (iss) => `must be a non-negative integer, got "${String(iss.input)}"` })
  .transform(Number);

const bool = z
  .string()
  .regex(/^(true|false|1|0)$/i, 'must be true or false')
  .transform((b) => /^(true|1)$/i.test(b));

const secret = (demoValue: string | undefined) => {
  const value = z.string({ error: 'is required (at least 32 random characters)' }).min(32, 'must be at least 32 characters');
  return demoValue === undefined ? value : value.default(demoValue);
};

/**
 * Defaults of what a subgraph keeps how long (subgraphs/kit/server/retention.ts): a consumer may be down a
 * week before it misses events, a client may retry a mutation with the same key for a day, and an
 * event whose handler failed five times in a row is set aside.
 */
export const RETENTION_DEFAULTS = { retentionIntervalMs: 600_000, eventRetentionHours: 168, idempotencyRetentionHours: 24, eventMaxAttempts: 5 } as const;

const positiveInt = (what: string) => nonNegativeInt.pipe(z.number().min(1, `must be at least 1 ${what}`));

/** Default of CATALOG_COUNT_BOUND: a page of matches costs milliseconds, reading 1,000 of them a few more. */
export const DEFAULT_CATALOG_COUNT_BOUND = 1000;
/** An upload of records may be this large (1 GiB) unless configured otherwise; it streams, so the bound is the disk's and the operator's, not memory's. */
export const DEFAULT_DATA_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** An upload that sends nothing for this long is abandoned (its transaction would otherwise hold a connection). */
export const DEFAULT_DATA_UPLOAD_IDLE_MS = 60_000;

const catalogCountBoundSchema = nonNegativeInt.pipe(z.number().min(1, 'must be at least 1')).default(DEFAULT_CATALOG_COUNT_BOUND);

/** Default of RECORD_READS_PER_MINUTE: a page every half second for each caller, far above a person's and below a scraper's pace. */
export const DEFAULT_RECORD_READS_PER_MINUTE = 120;

/** Every variable, by its name; an empty value counts as unset. */
const envSchema = (demo: boolean) =>
  z.object({
    TOPOLOGY_FILE: z.string().default('seeds/topology.demo.json'),
    NODE_ID: z.string().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
    DATA_DIR: z.string().default('.data'),
    HOST: z.string().default('127.0.0.1'),
    PORT: nonNegativeInt.pipe(z.number().max(65535, 'must be a port number (0-65535)')).optional(),
    INTERNAL_SECRET: secret(demo ? DEMO_SECRETS.internalSecret : undefined),
    JWT_SECRET: secret(demo ? DEMO_SECRETS.jwtSecret : undefined),
    NODE_TIMEOUT_MS: nonNegativeInt.default(5000),
    NODE_PROBE_INTERVAL_MS: nonNegativeInt.pipe(z.number().min(100, 'must be between 100 and 60000').max(60_000, 'must be between 100 and 60000')).default(500),
    NODE_PROBE_TIMEOUT_MS: nonNegativeInt.pipe(z.number().min(100, 'must be between 100 and 60000').max(60_000, 'must be between 100 and 60000')).default(1000),
    JWT_MAX_LIFETIME_MS: nonNegativeInt
      .pipe(z.number().min(60_000, 'must be between 60000 (a minute) and 604800000 (a week)').max(604_800_000, 'must be between 60000 (a minute) and 604800000 (a week)'))
      .default(86_400_000),
    AUDIT_SECRET: secret(demo ? DEMO_SECRETS.auditSecret : undefined),
    AUDIT_ANCHOR_FILE: z.string().optional(),
    AUDIT_ANCHOR_INTERVAL_MS: nonNegativeInt.pipe(z.number().min(1000, 'must be between 1000 and 3600000').max(3_600_000, 'must be between 1000 and 3600000')).default(60_000),
    DB_STATEMENT_TIMEOUT_MS: nonNegativeInt.default(10_000),
    DB_ACQUIRE_TIMEOUT_MS: nonNegativeInt.default(10_000),
    STATISTICS_INTERVAL_MS: nonNegativeInt.default(60_000),
    CORS_ORIGINS: z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must list origins such as https://portal.example.gov.cn (scheme, host, optional port; no path), separated by commas')),
      )
      .default([]),
    RATE_LIMIT_MAX: nonNegativeInt.default(600),
    RATE_LIMIT_WINDOW_MS: nonNegativeInt.pipe(z.number().min(1000, 'must be at least 1000')).default(60_000),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    LOG_PRETTY: bool.default(demo),
    METRICS_ENABLED: bool.default(true),
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, 'must be an http:// or https:// URL (e.g. http://collector:4318)')
      .optional(),
    OTEL_SERVICE_NAME: z.string().optional(),
    CATALOG_COUNT_BOUND: catalogCountBoundSchema,
    RECORD_READS_PER_MINUTE: nonNegativeInt.default(DEFAULT_RECORD_READS_PER_MINUTE),
    DATA_UPLOAD_MAX_BYTES: nonNegativeInt.pipe(z.number().min(1024, 'must be at least 1024')).default(DEFAULT_DATA_UPLOAD_MAX_BYTES),
    DATA_UPLOAD_IDLE_MS: nonNegativeInt
      .pipe(z.number().min(1000, 'must be between 1000 and 3600000').max(3_600_000, 'must be between 1000 and 3600000'))
      .default(DEFAULT_DATA_UPLOAD_IDLE_MS),
    RETENTION_INTERVAL_MS: nonNegativeInt.default(RETENTION_DEFAULTS.retentionIntervalMs),
    EVENT_RETENTION_HOURS: positiveInt('hour').default(RETENTION_DEFAULTS.eventRetentionHours),
    IDEMPOTENCY_RETENTION_HOURS: positiveInt('hour').default(RETENTION_DEFAULTS.idempotencyRetentionHours),
    EVENT_MAX_ATTEMPTS: positiveInt('attempt').default(RETENTION_DEFAULTS.eventMaxAttempts),
    // IRIs are built by appending paths: a query or fragment would end up inside every one of them.
    PUBLIC_BASE_URL: z
      .string()
      .regex(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/, 'must be an http:// or https:// URL without query or fragment (e.g. https://data.lishui.gov.cn)')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  });

export function loadEnv(src: NodeJS.ProcessEnv = process.env, { demo = false } = {}): Env {
  const set = Object.fromEntries(Object.entries(src).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema(demo).safeParse(set);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new EnvError(`invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
  const v = result.data;
  return {
    topologyFile: resolve(ROOT, v.TOPOLOGY_FILE),
    nodeId: v.NODE_ID,
    databaseUrl: v.DATABASE_URL,
    dataDir: resolve(ROOT, v.DATA_DIR),
    host: v.HOST,
    port: v.PORT,
    internalSecret: v.INTERNAL_SECRET,
    jwtSecret: v.JWT_SECRET,
    nodeTimeoutMs: v.NODE_TIMEOUT_MS,
    nodeProbeIntervalMs: v.NODE_PROBE_INTERVAL_MS,
    nodeProbeTimeoutMs: v.NODE_PROBE_TIMEOUT_MS,
    jwtMaxLifetimeMs: v.JWT_MAX_LIFETIME_MS,
    auditSecret: v.AUDIT_SECRET,
    auditAnchorFile: v.AUDIT_ANCHOR_FILE ? resolve(ROOT, v.AUDIT_ANCHOR_FILE) : undefined,
    auditAnchorIntervalMs: v.AUDIT_ANCHOR_INTERVAL_MS,
    dbStatementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
    dbAcquireTimeoutMs: v.DB_ACQUIRE_TIMEOUT_MS,
    statisticsIntervalMs: v.STATISTICS_INTERVAL_MS,
    corsOrigins: v.CORS_ORIGINS,
    rateLimitMax: v.RATE_LIMIT_MAX,
    rateLimitWindowMs: v.RATE_LIMIT_WINDOW_MS,
    logLevel: v.LOG_LEVEL as LogLevel,
    logPretty: v.LOG_PRETTY,
    metricsEnabled: v.METRICS_ENABLED,
    otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT,
    otelServiceName: v.OTEL_SERVICE_NAME,
    catalogCountBound: v.CATALOG_COUNT_BOUND,
    recordReadsPerMinute: v.RECORD_READS_PER_MINUTE,
    dataUploadMaxBytes: v.DATA_UPLOAD_MAX_BYTES,
    dataUploadIdleMs: v.DATA_UPLOAD_IDLE_MS,
    retentionIntervalMs: v.RETENTION_INTERVAL_MS,
    eventRetentionHours: v.EVENT_RETENTION_HOURS,
    idempotencyRetentionHours: v.IDEMPOTENCY_RETENTION_HOURS,
    eventMaxAttempts: v.EVENT_MAX_ATTEMPTS,
    publicBaseUrl: v.PUBLIC_BASE_URL,
  };
}

export function loadTopology(file: string): Topology {
  return parseTopology(JSON.parse(readFileSync(file, 'utf8')));
}
