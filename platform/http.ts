import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { fastify, LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { requestIdFrom, REQUEST_ID_HEADER, type Logger } from './log.js';

/**
 * What the gateway and every subgraph share on the HTTP side: body limits and the raw body,
 * errors in the GraphQL error shape, request ids, and one log line per request (fastify).
 */

export const MAX_BODY_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: the internal signature covers these bytes. */
    rawBody: string | undefined;
    /** The body was not JSON (left to the route to refuse, after it checked who is asking). */
    bodyNotJson: boolean;
    /** Fields of this request's log line, filled in by whoever learns them (actor, operation, nodes, errors). */
    logFields: Record<string, unknown> | null;
  }
  interface FastifyContextConfig {
    /** Routes polled by machines (health, readiness, event pulls) log their line at debug, not info. */
    quietLog?: boolean;
  }
}

export type ErrorBody = { errors: { message: string; extensions: Record<string, unknown> }[] };
export const errorBody = (message: string, code: string, extra: Record<string, unknown> = {}): ErrorBody => ({
  errors: [{ message, extensions: { code, ...extra } }],
});

/**
 * A fastify server with our logger, our request ids, our body limit; its own request logging off
 * (we write one line). Every answer, refusals and static files included, says
 * `X-Content-Type-Options: nosniff`: a browser must not read a JSON error or an asset as another
 * type than the one declared. Set on arrival, so no later hook or error path can miss it.
 */
export function createHttpServer(logger: Logger): FastifyInstance {
  const app = fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: 30_000,
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  return app;
}

/** Grace for a client still uploading an oversize body to read the 413 before its connection is cut. */
const OVERSIZE_LINGER_MS = 2000;

class NotJsonError extends Error {
  readonly statusCode = 400;
  readonly code = 'BAD_REQUEST';
  constructor() {
    super('请求体须为 JSON / request body must be JSON: {"query": "...", "variables": {...}}');
  }
}

/**
 * Every body is read as text whatever its content type (Apollo then refuses what is not a JSON
 * POST, as it always did) and kept as received in `request.rawBody`. `strict`: a body that is not
 * JSON is refused at once (400); otherwise it is marked, so a route can first check the signature.
 */
export function readBodiesAsText(app: FastifyInstance, { strict }: { strict: boolean }): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, raw, done) => {
    const text = raw as string;
    req.rawBody = text;
    try {
      done(null, JSON.parse(text));
    } catch {
      if (strict) return done(new NotJsonError(), undefined);
      req.bodyNotJson = true;
      done(null, undefined);
    }
  });
}

/**
 * 413, then the connection closes: the rest of the body may still be on its way, so the socket
 * cannot serve another request, and `Connection: close` tells the client's keep-alive agent to
 * open a fresh one for its next request instead of waiting on this one.
 */
function refuseOversize(request: FastifyRequest, reply: FastifyReply) {
  reply.raw.once('finish', () => setTimeout(() => request.raw.socket.destroy(), OVERSIZE_LINGER_MS).unref());
  return reply
    .code(413)
    .header('connection', 'close')
    .send(errorBody(`请求体超过 ${MAX_BODY_BYTES} 字节 / the request body exceeds ${MAX_BODY_BYTES} bytes; send less data per request`, 'PAYLOAD_TOO_LARGE'));
}

/** A client error's code as the API names them (fastify's own FST_… codes become BAD_REQUEST). */
const clientCode = (err: FastifyError) => (err.code && /^[A-Z_]+$/.test(err.code) && !err.code.startsWith('FST_') ? err.code : 'BAD_REQUEST');

/**
 * Errors leave in the GraphQL error shape. A client error says what is wrong; an unexpected one is
 * logged here with its stack (the only place it is logged) and masked.
 */
export function answerErrorsAsGraphQL(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuseOversize(request, reply);
    const status = err.statusCode ?? 500;
    if (status < 500) return reply.code(status).send(errorBody(err.message, clientCode(err)));
    request.log.error({ err }, 'unexpected error');
    noteErrors(request, ['INTERNAL_SERVER_ERROR']);
    return reply.code(500).send(errorBody('内部错误 / internal error', 'INTERNAL_SERVER_ERROR'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('没有此路径 / no such path: GraphQL is served at /graphql', 'NOT_FOUND')));
}

/** Adds fields to the request's log line. */
export function noteLog(request: FastifyRequest, fields: Record<string, unknown>): void {
  request.logFields ??= {};
  Object.assign(request.logFields, fields);
}

/** Adds error codes to the request's log line (its outcome). */
export function noteErrors(request: FastifyRequest, codes: string[]): void {
  if (!codes.length) return;
  const known = (request.logFields?.errors as string[] | undefined) ?? [];
  noteLog(request, { errors: [...new Set([...known, ...codes])] });
}

/** Error codes of a GraphQL response body (its outcome, for the log). */
export function errorCodesOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string[] {
  return [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
}

/**
 * One line per request, when its answer has been sent: the request id (every line of the
 * request's logger carries it), method, path, status, duration, and whatever the request noted
 * (actor, operation, nodes called, error codes). The id goes back to the client as `x-request-id`.
 */
export function logEveryRequest(app: FastifyInstance): void {
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('bodyNotJson', false);
  app.decorateRequest('logFields', null);
  app.addHook('onRequest', async (request, reply) => {
    request.logFields = {};
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Refusals answered before any GraphQL runs (401, 413, 429, …) name their codes on the line too.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string' && payload.startsWith('{"errors"')) {
      try {
        noteErrors(request, errorCodesOf((JSON.parse(payload) as ErrorBody).errors));
      } catch {
        // Not ours to judge: the line keeps its status.
      }
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      path: request.url.split('?', 1)[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...request.logFields,
    };
    if (request.routeOptions.config?.quietLog && reply.statusCode < 400) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
}

/** What a server's GraphQL context carries for its request's log line. */
export interface LoggedContext extends BaseContext {
  /** The request's log line fields (the same object the HTTP layer writes out when the answer is sent). */
  logFields?: Record<string, unknown>;
}

/** Notes the operation (name and type) and the error codes of the answer on the request's log line. */
export function operationLogPlugin<C extends LoggedContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, request, operation, response }) {
          const fields = contextValue.logFields;
          if (!fields) return;
          fields.operation = operationName ?? request.operationName ?? null;
          if (operation) fields.operationType = operation.operation;
          if (response.body.kind === 'single') {
            const codes = errorCodesOf(response.body.singleResult.errors);
            if (codes.length) fields.errors = [...new Set([...((fields.errors as string[] | undefined) ?? []), ...codes])];
          }
        },
      };
    },
  };
}
