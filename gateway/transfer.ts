import { pipeline, Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Dispatcher, request as undiciRequest } from 'undici';
import { INTERNAL_AUTH_HEADER, signInternal } from '../schema/auth.js';
import { isGlobalId } from '../schema/ids.js';
import type { NodeConfig, SubgraphName, TopologyIndex } from '../schema/topology.js';
import { AUDIT_HEAD_HEADER, TRANSFER_KINDS, TRANSFER_PREFIX, transferSigned } from '../schema/transfer.js';
import { DEFAULT_DATA_UPLOAD_MAX_BYTES } from '../platform/env.js';
import { errorBody, noteErrors, noteLog } from '../platform/http.js';
import { REQUEST_ID_HEADER } from '../platform/log.js';
import { identifyCaller } from './auth.js';
import type { AnchorStore } from './audit-anchors.js';
import type { AccountStanding } from './standing.js';

/** How long the gateway waits for a node's first answer to a transfer, and between its chunks, unless configured otherwise. */
const DEFAULT_TRANSFER_WAIT_MS = 10 * 60_000;

export interface TransferOptions {
  topology: TopologyIndex;
  internalSecret: string;
  jwtSecret: string;
  jwtMaxLifetimeMs?: number;
  standing: AccountStanding;
  dispatcher: Dispatcher;
  anchors: AnchorStore;
  /** The largest body the gateway forwards; a declared larger one is refused before any node is asked, a streamed one when it passes the bound. */
  maxBytes?: number;
  /** Bound on the wait for a node's answer (which for an upload comes once the whole file is loaded) and on a pause between chunks. */
  waitMs?: number;
}

/** Headers of a node's answer a client is given: what the body is, how it is encoded, how to save and cache it. */
const PASSED_BACK = ['content-type', 'content-encoding', 'content-disposition', 'content-length', 'cache-control', 'etag', 'last-modified', 'retry-after'];

/** Headers of the client's request a node is given: what the body is. */
const PASSED_ON = ['content-type', 'content-encoding', 'content-length', 'accept', 'accept-encoding', 'traceparent', 'tracestate'];

const refuse = (reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
  noteErrors(request, [code]);
  return reply.code(status).send(errorBody(message, code, extra));
};

class TooLarge extends Error {}

/** Counts the bytes passing through and fails the stream once they exceed `max`. */
function bounded(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) return done(new TooLarge());
      done(null, chunk);
    },
  });
}

/**
 * Where a transfer goes (schema/transfer.ts): the subgraph its kind names, on the node hosting the
 * region of the first global ID in its path (the root node when it names none). Null for a path
 * of no known kind.
 */
export function transferTarget(topology: TopologyIndex, url: string): { node: NodeConfig; subgraph: SubgraphName } | null {
  const path = url.split('?', 1)[0]!.slice(TRANSFER_PREFIX.length);
  const segments = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const subgraph = Object.hasOwn(TRANSFER_KINDS, segments[0] ?? '') ? TRANSFER_KINDS[segments[0]!] : undefined;
  if (!subgraph) return null;
  // A file named by its object's ID (`/data/open/<id>.csv`) routes as the ID does.
  const id = segments
    .slice(1)
    .map((s) => s.replace(/\.[a-z]{1,8}$/, ''))
    .find(isGlobalId);
  const node = id ? topology.nodeForId(id) : topology.root;
  return node ? { node, subgraph } : null;
}

/**
 * Streamed transfers through the gateway: `GET|PUT|POST /data/<kind>/…`. The caller is verified
 * exactly as for /graphql (its token, its account's standing, the same per-caller rate limit,
 * which counts this route too), then the request goes to the owning node's subgraph, signed over
 * method and URL (kit/server/transfers.ts says why not over the body), with the body streamed up
 * and the answer streamed down by undici: neither side holds a file in memory. The node's audit
 * head (a response header) is kept with the others and not passed on.
 */
export async function serveTransfers(app: FastifyInstance, o: TransferOptions): Promise<void> {
  const maxBytes = o.maxBytes ?? DEFAULT_DATA_UPLOAD_MAX_BYTES;
  const waitMs = o.waitMs ?? DEFAULT_TRANSFER_WAIT_MS;
  const refuseTooLarge = (reply: FastifyReply, request: FastifyRequest) =>
    refuse(reply, request, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${maxBytes} 字节 / the body exceeds ${maxBytes} bytes (DATA_UPLOAD_MAX_BYTES): split the file into several loads`, {
      maxBytes,
    });
  await app.register(async (scope) => {
    // The body is forwarded as it arrives, never read here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.route({
      method: ['GET', 'PUT', 'POST'],
      url: `${TRANSFER_PREFIX}*`,
      // As /graphql: the caller is known before the rate limit counts the request.
      onRequest: identifyCaller(o.jwtSecret, o.jwtMaxLifetimeMs),
      preHandler: async (request, reply) => {
        if (request.authError) return refuse(reply, request, 401, 'UNAUTHENTICATED', `${request.authError}; omit the header to act as the public`);
        const refused = request.actor ? await o.standing.check(request.actor, request.id) : null;
        if (refused) return refuse(reply, request, refused.status, refused.code, refused.message);
      },
      handler: async (request, reply) => {
        const target = transferTarget(o.topology, request.url);
        if (!target)
          return refuse(reply, request, 404, 'NOT_FOUND', `没有此传输路径 / no such transfer path: ${TRANSFER_PREFIX}<kind>/…, kinds: ${Object.keys(TRANSFER_KINDS).join(', ')}`);
        const { node, subgraph } = target;
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > maxBytes) return refuseTooLarge(reply, request);
        const base = node.subgraphs[subgraph];
        if (!base) return refuse(reply, request, 503, 'NODE_UNAVAILABLE', `平台「${node.name}」未提供此服务 / node "${node.id}" runs no ${subgraph} service`);
        noteLog(request, { nodes: [{ node: node.id, subgraph }] });
        const headers: Record<string, string> = {
          [INTERNAL_AUTH_HEADER]: signInternal(request.actor!, transferSigned(request.method, request.url), o.internalSecret, { subgraph, node: node.id }),
          [REQUEST_ID_HEADER]: request.id,
        };
        for (const h of PASSED_ON) {
          const v = request.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        const hasBody = request.method !== 'GET';
        // pipeline, not pipe: a client gone mid-body fails the forwarded body too, so undici aborts the node's request and the node rolls back at once.
        const body: Readable | undefined = hasBody ? pipeline(request.raw, bounded(maxBytes), () => undefined) : undefined;
        let overflowed = false;
        body?.on('error', (err) => {
          if (err instanceof TooLarge) overflowed = true;
        });
        let answer: Dispatcher.ResponseData;
        try {
          answer = await undiciRequest(new URL(request.url, base).toString(), {
            method: request.method as Dispatcher.HttpMethod,
            headers,
            body,
            dispatcher: o.dispatcher,
            headersTimeout: waitMs,
            bodyTimeout: waitMs,
          });
        } catch (err) {
          if (overflowed) return refuseTooLarge(reply, request);
          request.log.warn({ node: node.id, subgraph, error: (err as Error).message }, 'transfer to node failed');
          return refuse(
            reply,
            request,
            503,
            'NODE_UNAVAILABLE',
            `平台「${node.name}」暂时无法完成传输，请稍后重试 / node "${node.id}" could not complete the transfer; try again later`,
            {
              node: node.id,
              serviceName: subgraph,
            },
          );
        }
        const head = answer.headers[AUDIT_HEAD_HEADER];
        if (typeof head === 'string') {
          try {
            o.anchors.record(JSON.parse(head), { node: node.id, subgraph });
          } catch {
            request.log.warn({ node: node.id, subgraph }, 'a transfer answered an unreadable audit head');
          }
        }
        reply.code(answer.statusCode);
        for (const h of PASSED_BACK) {
          const v = answer.headers[h];
          if (typeof v === 'string') reply.header(h, v);
        }
        return reply.send(answer.body);
      },
    });
  });
}
