import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { INTERNAL_AUTH_HEADER, verifyInternal } from '../../../schema/auth.js';
import { AUDIT_HEAD_HEADER, TRANSFER_PREFIX, transferSigned } from '../../../schema/transfer.js';
import type { NodeConfig, TopologyIndex } from '../../../schema/topology.js';
import { errorBody, noteErrors, noteLog } from '../../../platform/http.js';
import type { Logger } from '../../../platform/log.js';
import { type AuditChain, AuditSession, finishAudit } from './audit.js';
import { Loaders, type SubgraphContext } from './context.js';
import { AppError, isDatabaseUnavailable } from './errors.js';
import { PeerClient } from './peers.js';
import type { ReplayGuard } from './replay-guard.js';
import type { SubgraphSettings } from './settings.js';

/**
 * A streamed route of a subgraph (schema/transfer.ts): served at `/data/<path>`, reached only
 * through the gateway, which signs the caller for it. `path` is fastify's syntax and starts with
 * the kind (`loads/:id`); the handler reads the body as a stream and answers with a stream, text
 * or JSON. Errors it throws (kit/server/errors.ts) answer with their HTTP status and the GraphQL
 * error shape the API uses everywhere.
 */
export interface TransferRoute {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  handle: (ctx: SubgraphContext, request: TransferRequest) => Promise<TransferAnswer>;
}

export interface TransferRequest {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: IncomingHttpHeaders;
  /** The request body as it arrives, unread; empty for a GET. */
  body: Readable;
  /** Aborted when the client (through the gateway) goes away: a handler stops and rolls back. */
  signal: AbortSignal;
}

export interface TransferAnswer {
  /** 200 when absent. */
  status?: number;
  /** E.g. content-type, content-encoding, content-disposition: the gateway passes these on. */
  headers?: Record<string, string>;
  /** A stream (sent as it is read), text or bytes, or anything else as JSON. */
  body: Readable | string | Buffer | unknown;
}

/** The HTTP status of an error a handler throws: the API's codes (docs/api.md, Errors). */
export const TRANSFER_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  AUDIT_UNAVAILABLE: 503,
};

/** An error of a transfer with a code and status of its own (PAYLOAD_TOO_LARGE), in the shape of the others. */
export class TransferError extends AppError {
  constructor(
    readonly code: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message, extra);
    this.extensions.code = code;
  }
}

export interface TransferDeps {
  name: string;
  node: NodeConfig;
  topology: TopologyIndex;
  settings: SubgraphSettings;
  orm: MikroORM;
  chain: AuditChain;
  replays: ReplayGuard;
}

const first = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Serves a module's transfer routes. They sit in a scope of their own whose body parser reads
 * nothing, so `request.raw` reaches the handler unread and a file of any size passes through in
 * bounded memory (the other routes keep reading their bodies as text).
 *
 * The gateway's signature covers the method, the exact URL, a timestamp, a nonce and this
 * subgraph and node — not the body, unlike /graphql: the body is not in hand when the request
 * must be authenticated (it is still arriving, and may be larger than memory), and reading it
 * first to hash it would defeat the streaming. What a signature over the body would add is
 * already given: the gateway verified the client and forwards the client's bytes unchanged on the
 * connection it opened, the nonce is refused a second time (the same replay guard as /graphql),
 * and the URL names the one object acted on, so a captured header opens nothing else. The handler
 * checks what it reads like any input.
 */
export async function serveTransfers(app: FastifyInstance, routes: readonly TransferRoute[], deps: TransferDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const signed = async (request: FastifyRequest, reply: FastifyReply) => {
      const claims = verifyInternal(first(request, INTERNAL_AUTH_HEADER), transferSigned(request.method, request.url), deps.settings.internalSecret, {
        subgraph: deps.name,
        node: deps.node.id,
      });
      if (!claims)
        return reply
          .code(401)
          .send(errorBody(`missing or invalid gateway signature for ${deps.name}@${deps.node.id}: transfers are served only through the gateway`, 'UNAUTHENTICATED'));
      if (!deps.replays.accept(claims.nonce, claims.issuedAt))
        return reply.code(401).send(errorBody('this signed request was already received once: every internal request is signed anew', 'UNAUTHENTICATED'));
      request.claims = claims;
      noteLog(request, { actor: claims.actor.sub, org: claims.actor.orgId });
    };
    for (const route of routes) {
      scope.route({
        method: route.method,
        url: `${TRANSFER_PREFIX}${route.path}`,
        preHandler: signed,
        handler: async (request, reply) => {
          const { actor } = request.claims!;
          const ctx: SubgraphContext = {
            em: deps.orm.em.fork(),
            actor,
            node: deps.node,
            settings: deps.settings,
            loaders: new Loaders(),
            peers: new PeerClient(deps.node, actor, deps.settings.internalSecret, undefined, request.id, deps.topology),
            audit: new AuditSession(deps.chain, actor),
            requestId: request.id,
            logFields: request.logFields ?? undefined,
            logger: request.log as Logger,
          };
          const aborted = new AbortController();
          request.raw.once('close', () => {
            if (!request.raw.complete) aborted.abort();
          });
          let answer: TransferAnswer;
          try {
            answer = await route.handle(ctx, {
              params: request.params as Record<string, string>,
              query: request.query as TransferRequest['query'],
              headers: request.headers,
              body: request.raw,
              signal: aborted.signal,
            });
            // The reads and changes it recorded, before anything is sent: the head travels in a header.
            const head = await finishAudit(ctx.em, ctx.audit);
            if (head) reply.header(AUDIT_HEAD_HEADER, JSON.stringify(head));
          } catch (err) {
            const code = err instanceof AppError ? String(err.extensions.code) : isDatabaseUnavailable(err) ? 'DATABASE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
            noteErrors(request, [code]);
            if (code === 'INTERNAL_SERVER_ERROR') {
              request.log.error({ err }, 'unexpected error');
              return reply.code(500).send(errorBody('内部错误 / internal error', code));
            }
            const e = err as AppError;
            const message =
              code === 'DATABASE_UNAVAILABLE' && !(err instanceof AppError)
                ? '数据库暂不可用，请稍后重试 / the database of this service is unavailable; try again later'
                : e.message;
            return reply.code(TRANSFER_STATUS[code] ?? 400).send(errorBody(message, code, err instanceof AppError ? { ...e.extensions, code } : {}));
          }
          reply.code(answer.status ?? 200);
          for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v);
          const { body } = answer;
          if (body instanceof Readable || typeof body === 'string' || Buffer.isBuffer(body)) return reply.send(body);
          return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
        },
      });
    }
  });
}
