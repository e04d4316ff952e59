import { GraphQLError } from 'graphql';

/** Error codes clients can rely on (ARCHITECTURE.md, API conventions). */
export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** `field` names the input field to fix, so a form can put the message next to it. */
export const badInput = (message: string, field?: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, field ? { field, ...extra } : extra);
export const forbidden = (message: string, extra: Record<string, unknown> = {}) => new AppError('FORBIDDEN', message, extra);
export const unauthenticated = (message = '请先登录 / sign in first: this needs an authenticated caller') =>
  new AppError('UNAUTHENTICATED', message);
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} 不存在 / not found`, { id });
export const conflict = (message: string) => new AppError('CONFLICT', message);

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/**
 * Unexpected errors (SQL, bugs) may carry table names or connection details: the client gets a
 * generic message and the details go to the log only.
 */
export function maskUnexpected(formatted: { message: string; extensions?: Record<string, unknown> }, original: unknown) {
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code)) return formatted;
  console.error('[subgraph] unexpected error:', original);
  return { ...formatted, message: '内部错误 / internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
