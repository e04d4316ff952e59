import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MigrationObject } from '@mikro-orm/core';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, INTERNAL_AUTH_HEADER, verifyInternal } from '../../schema/auth.js';
import { readBody } from '../../schema/http.js';
import type { NodeConfig, SubgraphName } from '../../schema/topology.js';
import { Loaders, type SubgraphContext } from './context.js';
import { maskUnexpected } from './errors.js';
import { EVENTS_PATH, EventConsumer, NUDGE_PATH, readOutbox, type EventHandler } from './events.js';
import { buildFederatedSchema } from './federation.js';
import { guardMutationsWithIdempotency } from './idempotency.js';
import type { InputBounds } from './input-bounds.js';
import { closeORM, initORM, type DatabaseLimits } from './orm.js';
import { PeerClient } from './peers.js';
import { ReplayGuard } from './replay-guard.js';
import { auditChain, AuditSession, finishAudit, type AuditChain } from './audit.js';
import { serveAuditEndpoint } from './audit-endpoints.js';
import { AUDIT_HEAD_EXTENSION } from '../../schema/audit.js';
import { checkReadiness, statusFor } from './readiness.js';

/** What a subgraph folder exports: its schema pieces, entities and migrations. */
export interface SubgraphModule {
  name: SubgraphName;
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's buildSchema takes resolver classes as Function
  resolvers: NonEmptyArray<Function>;
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's buildSchema takes orphaned types as Function
  orphanedTypes?: Function[];
  references?: IResolvers;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  /** Keeps an outbox (`outbox_event`) and serves it to its siblings at `POST /internal/events` (kit/events.ts). */
  outbox?: boolean;
  /** Handles the events of a sibling's outbox, each once, in this subgraph's own transaction (kit/events.ts). */
  consumes?: { source: SubgraphName; handle: EventHandler };
  /** Input bounds that differ from the kit's defaults (kit/input-bounds.ts). */
  inputBounds?: InputBounds;
}

export interface SubgraphOptions {
  /** Read on every request, so a harness may fill in sibling URLs after start (port 0). */
  node: NodeConfig;
  databaseUrl: string;
  internalSecret: string;
  /** Keys this subgraph's audit chain and signs its checkpoints (AUDIT_SECRET). */
  auditSecret: string;
  port?: number;
  host?: string;
  poolMax?: number;
  /** Statement and connection-acquire timeouts of the pool; kit defaults when absent. */
  databaseLimits?: Partial<DatabaseLimits>;
  onQuery?: (sql: string) => void;
  /** How often a consumer polls its source's outbox; a nudge after each commit makes it sooner. */
  eventPollMs?: number;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
  schema: GraphQLSchema;
  /** The consumer of a sibling's events, when the module has one. */
  events?: EventConsumer;
  /** This subgraph's audit chain (schema, node, key). */
  audit: AuditChain;
  stop(): Promise<void>;
}

export function buildModuleSchema(mod: SubgraphModule): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: mod.resolvers, orphanedTypes: mod.orphanedTypes }, mod.references, mod.inputBounds);
}

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
const refusal = (message: string) => json(401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
const firstHeader = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Tells the gateway that a root mutation answered from its idempotency record instead of executing. */
const replayExtension: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.idempotency?.replayed && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, idempotentReplay: true };
        }
      },
    };
  },
};

/**
 * Writes the reads a request collected once it is resolved, and hands the chain's new signed head
 * to the gateway in the response's extensions (it keeps it outside this node's database). A read
 * that cannot be recorded is not served.
 */
const auditPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        try {
          const head = await finishAudit(contextValue.em, contextValue.audit);
          if (head) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [AUDIT_HEAD_EXTENSION]: head };
        } catch (err) {
          console.error('[audit] could not record the request:', err);
          response.body.singleResult = { data: null, errors: [{ message: '无法记录审计日志，请稍后重试 / the audit log could not be written; try again later', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
        }
      },
    };
  },
};

/**
 * Starts one subgraph: migrates its schema, then serves GraphQL over HTTP. Every request must
 * carry the gateway's signature over its exact body, made for this subgraph on this node and
 * used once; without it nothing is executed, so a subgraph is never a public entry point (not
 * even for `_entities`).
 */
export async function createSubgraph(mod: SubgraphModule, opts: SubgraphOptions): Promise<RunningSubgraph> {
  // Unique per pool, so stop() cancels this pool's statements and no other process's; short and
  // ASCII, because PostgreSQL cuts an application name at 63 bytes.
  const applicationName = `pdf ${mod.name} ${opts.node.id.replace(/[^\w-]/g, '').slice(0, 24)} ${randomBytes(4).toString('hex')}`;
  const orm = await initORM({
    applicationName,
    limits: opts.databaseLimits,
    clientUrl: opts.databaseUrl,
    schema: mod.name,
    entities: mod.entities,
    migrations: mod.migrations,
    onQuery: opts.onQuery,
    poolMax: opts.poolMax,
  });
  const schema = await buildModuleSchema(mod);
  guardMutationsWithIdempotency(schema, mod.name);
  const replays = new ReplayGuard();
  const chain = auditChain(opts.auditSecret, opts.node.id, mod.name);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskUnexpected,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), replayExtension, auditPlugin],
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const events = mod.consumes
    ? new EventConsumer({ orm, chain, node: opts.node, source: mod.consumes.source, secret: opts.internalSecret, handle: mod.consumes.handle, pollMs: opts.eventPollMs })
    : undefined;

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: string; headers?: Record<string, string> }> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (req.method === 'GET' && url.pathname === '/health') return json(200, { status: 'ok', subgraph: mod.name, node: opts.node.id });
    if (req.method === 'GET' && url.pathname === '/ready') {
      const readiness = await checkReadiness(orm);
      return json(readiness.status === 'ready' ? 200 : 503, { ...readiness, subgraph: mod.name, node: opts.node.id });
    }
    const internal = (mod.outbox && url.pathname === EVENTS_PATH) || (events && url.pathname === NUDGE_PATH) || url.pathname.startsWith('/internal/audit/');
    if (req.method !== 'POST' || (url.pathname !== '/graphql' && !internal)) return json(404, { error: 'not found' });
    const raw = await readBody(req);
    const idempotencyKey = firstHeader(req, IDEMPOTENCY_KEY_HEADER) ?? null;
    const claims = verifyInternal(firstHeader(req, INTERNAL_AUTH_HEADER), raw, opts.internalSecret, { subgraph: mod.name, node: opts.node.id }, { idempotencyKey });
    if (!claims) return refusal(`missing or invalid gateway signature, or one meant for another service than ${mod.name}@${opts.node.id}: subgraphs accept requests only from the gateway`);
    if (!replays.accept(claims.nonce, claims.issuedAt)) return refusal('this signed request was already received once: every internal request is signed anew');
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) return json(400, { errors: [{ message: 'idempotency key must be 1-128 printable ASCII characters', extensions: { code: 'BAD_REQUEST' } }] });
    const { actor } = claims;
    if (url.pathname.startsWith('/internal/audit/')) {
      const answer = await serveAuditEndpoint(url.pathname, raw, { em: orm.em.fork(), chain, actor, node: opts.node });
      return json(answer.status, answer.body);
    }
    if (url.pathname === NUDGE_PATH && events) {
      void events.poll();
      return json(202, { status: 'polling' });
    }
    if (url.pathname === EVENTS_PATH) {
      // Only a sibling's consumer reads the outbox; a client's token never carries SYSTEM through the gateway to this path.
      if (!actor.roles.includes('SYSTEM')) return json(403, { errors: [{ message: 'internal endpoint', extensions: { code: 'FORBIDDEN' } }] });
      let query: { after?: unknown; limit?: unknown };
      try {
        query = JSON.parse(raw) as typeof query;
      } catch {
        return json(400, { errors: [{ message: 'request body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
      const { after, limit } = query ?? {};
      const cursor = typeof after === 'string' && /^\d{1,18}$/.test(after) ? after : '0';
      return json(200, { events: await readOutbox(orm.em.fork(), mod.name, cursor, typeof limit === 'number' ? limit : undefined) });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(400, { errors: [{ message: 'request body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: url.search, body },
      context: async () => ({
        em: orm.em.fork(),
        actor,
        node: opts.node,
        loaders: new Loaders(),
        peers: new PeerClient(opts.node, actor, opts.internalSecret),
        idempotency: idempotencyKey ? { key: idempotencyKey, replayed: false } : undefined,
        audit: new AuditSession(chain, actor),
      }),
    });
    let text = '';
    if (result.body.kind === 'complete') text = result.body.string;
    else for await (const part of result.body.asyncIterator) text += part;
    return { status: statusFor(result.status ?? 200, text), body: text, headers: Object.fromEntries(result.headers) };
  };

  const server: Server = createServer((req, res) => {
    handle(req)
      .then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(body);
      })
      .catch((err) => {
        console.error(`[${mod.name}] request failed:`, err);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  events?.start();

  return {
    name: mod.name,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    orm,
    schema,
    events,
    audit: chain,
    async stop() {
      await events?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await closeORM(orm, { clientUrl: opts.databaseUrl, applicationName });
    },
  };
}
