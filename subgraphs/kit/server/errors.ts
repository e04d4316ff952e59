import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (ARCHITECTURE.md, API conventions). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'AUDIT_UNAVAILABLE'
  | 'NODE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  /** `cause`: what went wrong underneath, for the log only. */
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { extensions: { code, ...extra } });
    if (cause !== undefined) this.cause = cause;
  }
}

/** `field` names the input field to fix, so a form can put the message next to it. */
export const badInput = (message: string, field?: string, extra: Record<string, unknown> = {}) => new AppError('BAD_USER_INPUT', message, field ? { field, ...extra } : extra);
export const forbidden = (message: string, extra: Record<string, unknown> = {}) => new AppError('FORBIDDEN', message, extra);
export const unauthenticated = (message = '请先登录 / sign in first: this needs an authenticated caller') => new AppError('UNAUTHENTICATED', message);
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} 不存在 / not found`, { id });
/**
 * The record's current state forbids the request, whatever its input: another request changed it
 * first (a lost race, an entry already published, retired or handled), or it is not yet in the
 * state the request needs. Reloading shows why; resending the same request cannot succeed.
 */
export const conflict = (message: string) => new AppError('CONFLICT', message);

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'NODE_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

/**
 * Socket errors, and the PostgreSQL states of a server that refuses or drops connections:
 * class 08 (connection exception), 53300 too many connections, 57P01-57P03 shutdown / cannot
 * connect now, 3D000 database does not exist. Knex's "Transaction query already complete" is what
 * a query meets when the connection under its transaction was terminated (the cause is not kept);
 * were it ever a bug instead, the gateway's probe of /ready would bring the node back within seconds.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '53300', '57P01', '57P02', '57P03', '3D000']);
const UNREACHABLE_MESSAGE =
  /connection terminated|transaction query already complete|connection ended unexpectedly|client was closed|not currently accepting connections|does not allow connections|too many clients|timeout acquiring a connection|client has encountered a connection error|connection (is )?closed|socket (was |is |has been )?closed|server closed the connection|cannot connect now/i;

/**
 * Whether an error means the database could not be reached or refused the connection (as opposed
 * to a statement that failed): the service is unavailable, not broken, and a retry later may work.
 * Follows the chain of wrapped errors (GraphQL → MikroORM → driver; graphql-js wraps a thrown
 * non-Error, as the pool's connection failures can be, in NonErrorThrown.thrownValue).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: walks wrapped errors of several libraries, probing fields that each may or may not have
  for (let e: any = err, depth = 0; e && typeof e === 'object' && depth < 6; e = e.originalError ?? e.thrownValue ?? e.cause, depth += 1) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

export const databaseUnavailable = () => new AppError('DATABASE_UNAVAILABLE', '数据库暂不可用，请稍后重试 / the database of this service is unavailable; try again later');

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

/**
 * The audit log could not be written or read (its table missing or altered, its rights changed):
 * what needs it — a change, a read of non-public data — is refused, and nothing was done.
 */
export const auditUnavailable = (cause: unknown) =>
  new AppError(
    'AUDIT_UNAVAILABLE',
    '审计日志暂不可用，本次操作未执行，请稍后重试 / the audit log of this service cannot be written or read now, so nothing was done; try again later',
    {},
    cause,
  );

/**
 * What an error is to the client: its own to fix, an unreachable database, an audit log that
 * cannot be written (classified, and logged: an operator must repair it), or unexpected (a bug, a
 * failed statement).
 */
export function errorKind(code: string | undefined, original: unknown): 'client' | 'database' | 'audit' | 'unexpected' {
  if (code && CLIENT_CODES.has(code)) return 'client';
  if (code === AUDIT_UNAVAILABLE) return 'audit';
  return isDatabaseUnavailable(original) ? 'database' : 'unexpected';
}

/**
 * Unexpected errors (SQL, bugs) may carry table names or connection details: the client gets a
 * generic message and the details go to the log only (kit/server/subgraph.ts logs them, once, with the
 * request id). An unreachable database gets its own code (still without details), so the gateway
 * can tell an unavailable node from a bug.
 */
export function maskUnexpected(formatted: { message: string; extensions?: Record<string, unknown> }, original: unknown) {
  const kind = errorKind(formatted.extensions?.code as string | undefined, original);
  if (kind === 'client' || kind === 'audit') return formatted;
  if (kind === 'database') return { ...formatted, message: databaseUnavailable().message, extensions: { code: DATABASE_UNAVAILABLE } };
  return { ...formatted, message: '内部错误 / internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
