import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

/**
 * Longest wait for a pooled connection (also bounds opening one), instead of knex's minute. Not
 * shorter: a healthy but busy node may queue that long (PGlite serves one connection, and the
 * in-process demo and tests share one event loop among twelve databases; 4 s failed start-up
 * while they all migrated at once). A refused connection fails at once whatever this says.
 */
export const ACQUIRE_TIMEOUT_MS = 10_000;

export interface OrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema this subgraph owns. */
  schema: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  /** Called with every SQL statement; tests use it to count statements. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
}

export function ormConfig(o: OrmOptions) {
  return defineConfig({
    clientUrl: o.clientUrl,
    schema: o.schema,
    entities: o.entities,
    extensions: [Migrator],
    migrations: { migrationsList: o.migrations, tableName: 'mikro_orm_migrations', transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // A database that never completes connections fails a request (as DATABASE_UNAVAILABLE)
    // within a bound, not after knex's default minute; the gateway's node timeout is shorter still.
    pool: { min: 0, max: o.poolMax ?? 10, acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS, createTimeoutMillis: ACQUIRE_TIMEOUT_MS },
    discovery: { warnWhenNoEntities: false },
    // A request reads through its own fork; the global context must never be used by accident.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: o.onQuery ? ['query'] : false,
    logger: o.onQuery ? (message: string) => o.onQuery!(message) : undefined,
    colors: false,
  });
}

/** Connects and brings the subgraph's own schema up to date with its migrations (never schema:update). */
export async function initORM(o: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(o));
  await orm.em.getConnection().execute(`create schema if not exists "${o.schema}"`);
  await orm.getMigrator().up();
  return orm;
}
