import type { MikroORM } from '@mikro-orm/postgresql';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './errors.js';

/** Bound on the readiness check: below the gateway's probe timeout, so the gateway gets an answer. */
export const READY_TIMEOUT_MS = 800;

export type Readiness = { status: 'ready' } | { status: 'unavailable'; reason: string };

/**
 * Readiness: whether this subgraph can serve now, i.e. its database answers `select 1` through
 * the pool within a short bound. The reason names the kind of failure, never an address.
 */
export async function checkReadiness(orm: MikroORM, timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'unavailable', reason: `database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const check = orm.em
    .getConnection()
    .execute('select 1')
    .then((): Readiness => ({ status: 'ready' }))
    .catch((err): Readiness => ({ status: 'unavailable', reason: isDatabaseUnavailable(err) ? 'database unreachable' : 'database check failed' }));
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Body = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] };

/**
 * The HTTP status of a GraphQL answer: 503 when it failed as a whole because the database is
 * unavailable (no root field has data, every error is DATABASE_UNAVAILABLE), so callers and
 * load balancers see an unavailable service rather than a 200 with errors.
 */
export function statusFor(status: number, text: string): number {
  if (status !== 200 || !text.includes(DATABASE_UNAVAILABLE)) return status;
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    return status;
  }
  const errors = body.errors ?? [];
  if (errors.length === 0 || errors.some((e) => e.extensions?.code !== DATABASE_UNAVAILABLE)) return status;
  const hasData = Object.values(body.data ?? {}).some((v) => v !== null && !(Array.isArray(v) && v.every((x) => x === null)));
  return hasData ? status : 503;
}
