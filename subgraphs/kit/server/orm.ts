import { getProcessLogger, type Logger } from '../../../platform/log.js';
import pg from 'pg';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { auditEventCounter, statementTimingLogger, type SubgraphLabels } from './metrics.js';

/** Bounds on the time a request may hold the database (DB_STATEMENT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS in platform/env.ts). */
export interface DatabaseLimits {
  /** A statement running longer is cancelled by PostgreSQL; so is a transaction left idle that long. */
  statementTimeoutMs: number;
  /** How long a request waits for a pooled connection (or a new connection) before it fails. */
  acquireTimeoutMs: number;
}

/**
 * The acquire bound is not shorter: a healthy but busy node may queue that long (PGlite serves one
 * connection, and the in-process demo and tests share one event loop among twelve databases; 4 s
 * failed start-up while they all migrated at once). A refused connection fails at once whatever
 * it says, and the gateway's node timeout is shorter still.
 */
export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { statementTimeoutMs: 10_000, acquireTimeoutMs: 10_000 };

export interface OrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema this subgraph owns. */
  schema: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  /** Called with every SQL statement; tests use it to count statements. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Names this pool's sessions (pg_stat_activity.application_name), so `closeORM` can find its own backends. */
  applicationName?: string;
  limits?: Partial<DatabaseLimits>;
  /** Times every statement under these labels (`pdf_db_statement_duration_seconds`, kit/server/metrics.ts). */
  metrics?: SubgraphLabels;
}

export function ormConfig(o: OrmOptions) {
  const limits = { ...DEFAULT_DATABASE_LIMITS, ...o.limits };
  return defineConfig({
    clientUrl: o.clientUrl,
    schema: o.schema,
    entities: o.entities,
    extensions: [Migrator],
    migrations: { migrationsList: o.migrations, tableName: 'mikro_orm_migrations', transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // A database that never completes connections fails a request (as DATABASE_UNAVAILABLE) within
    // a bound, not after knex's default minute.
    pool: { min: 0, max: o.poolMax ?? 10, acquireTimeoutMillis: limits.acquireTimeoutMs, createTimeoutMillis: limits.acquireTimeoutMs },
    // Session settings sent when each connection starts, so every statement of the pool is bounded.
    driverOptions: {
      connection: {
        application_name: o.applicationName,
        statement_timeout: limits.statementTimeoutMs,
        idle_in_transaction_session_timeout: limits.statementTimeoutMs,
        connectionTimeoutMillis: limits.acquireTimeoutMs,
        // JIT compiles a plan that looks expensive (a count over many rows) for tens of milliseconds,
        // more than the statements of a request take. PGlite has no JIT and ignores the setting.
        options: '-c jit=off',
      },
      acquireConnectionTimeout: limits.acquireTimeoutMs,
    },
    discovery: { warnWhenNoEntities: false },
    // A request reads through its own fork; the global context must never be used by accident.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: o.onQuery ? ['query'] : false,
    logger: o.onQuery ? (message: string) => o.onQuery!(message) : undefined,
    colors: false,
    loggerFactory: o.metrics ? statementTimingLogger(o.metrics) : undefined,
    subscribers: [auditEventCounter],
  });
}

/** How long start-up (connecting and migrating) may wait for a connection; requests wait `acquireTimeoutMs`. */
const STARTUP_ACQUIRE_TIMEOUT_MS = 120_000;

/** Connects and brings the subgraph's own schema up to date with its migrations (never schema:update). */
export async function initORM(o: OrmOptions): Promise<MikroORM> {
  // A migration may rebuild an index over a large table, so it runs on a pool without the request
  // bounds (0 disables a timeout), closed before the bounded pool opens (PGlite serves one connection).
  // Its wait for a connection is long too: at start-up every database of a node migrates at once.
  const startup = { ...DEFAULT_DATABASE_LIMITS, ...o.limits, statementTimeoutMs: 0, acquireTimeoutMs: STARTUP_ACQUIRE_TIMEOUT_MS };
  const migrating = await MikroORM.init(ormConfig({ ...o, limits: startup, metrics: undefined }));
  try {
    await migrating.em.getConnection().execute(`create schema if not exists "${o.schema}"`);
    await migrating.getMigrator().up();
  } finally {
    await migrating.close(true);
  }
  // The migration just proved the database answers: the request pool connects on first use, under
  // the request bounds, instead of failing start-up when a loaded machine is slow to hand it a connection.
  return MikroORM.init({ ...ormConfig(o), connect: false });
}

interface KnexPool {
  numUsed(): number;
}

const CANCEL_OWN = `select pg_cancel_backend(pid) from pg_stat_activity
  where application_name = $1 and datname = current_database() and pid <> pg_backend_pid() and state = 'active'`;

/**
 * Closes the pool without waiting for running statements: the pool's close waits until every
 * connection is released, so a statement still running (a slow query, a request cut off by
 * shutdown) would hold it for up to the statement timeout. Once closing has begun no connection
 * is handed out, but a request that holds one may still send statements: until the pool is
 * closed, this pool's own active backends — found by their application name — are cancelled,
 * from a connection of their own (the pool may be exhausted). PGlite serves one connection and
 * cannot be reached that way; there, statements run in this process and end by themselves.
 */
export async function closeORM(orm: MikroORM, o: { clientUrl: string; applicationName?: string; logger?: Logger }): Promise<void> {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: KnexPool }).pool;
  const busy = () => (pool?.numUsed() ?? 0) > 0;
  let closed = false;
  const closing = orm.close(true).finally(() => {
    closed = true;
  });
  if (o.applicationName && busy()) {
    const admin = new pg.Client({ connectionString: o.clientUrl, connectionTimeoutMillis: 2_000, application_name: `${o.applicationName} stop` });
    try {
      await admin.connect();
      while (!closed) {
        if (busy()) await admin.query(CANCEL_OWN, [o.applicationName]);
        await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 200))]);
      }
    } catch (err) {
      (o.logger ?? getProcessLogger()).error({ error: (err as Error).message, applicationName: o.applicationName }, 'could not cancel running statements at shutdown');
    } finally {
      await admin.end().catch(() => {});
    }
  }
  await closing;
}
