import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, INTERNAL_AUTH_HEADER, verifyInternal, type Actor, type InternalClaims } from '../../../schema/auth.js';
import { answerErrorsAsGraphQL, createHttpServer, errorBody, logEveryRequest, noteLog, operationLogPlugin, readBodiesAsText } from '../../../platform/http.js';
import { getProcessLogger, type Logger } from '../../../platform/log.js';
import { READY_PATH, TopologyIndex, type NodeConfig, type SubgraphName, type Topology } from '../../../schema/topology.js';
import { Loaders, type SubgraphContext } from './context.js';
import { AppError, AUDIT_UNAVAILABLE, auditUnavailable, databaseUnavailable, errorKind, isDatabaseUnavailable, maskUnexpected } from './errors.js';
import { EVENTS_PATH, EventConsumer, NUDGE_PATH, outboxConsumers, readOutbox, recordAcknowledgement, type ConsumedSource, type EventHandler } from './events.js';
import { buildFederatedSchema, buildTypeSchema } from './federation.js';
import { guardMutationsWithIdempotency } from './idempotency.js';
import { inputBoundsPlan, type BoundedInput } from './input-bounds.js';
import { closeORM, initORM } from './orm.js';
import { INTERNAL_PREFIX, PeerClient } from './peers.js';
import { ReplayGuard } from './replay-guard.js';
import { auditChain, AuditSession, finishAudit, type AuditChain } from './audit.js';
import { serveAuditEndpoint } from './audit-endpoints.js';
import { AUDIT_HEAD_EXTENSION } from '../../../schema/audit.js';
import { checkReadiness, statusFor } from './readiness.js';
import { serveMetrics } from '../../../platform/metrics.js';
import { traceIncoming } from '../../../platform/tracing.js';
import { countPruned, subgraphRequestMetrics, trackPool } from './metrics.js';
import { PeriodicWork } from './periodic.js';
import { DEFAULT_RETENTION, pruneSubgraph, type PruneReport } from './retention.js';
import type { RetentionSettings, SubgraphSettings } from './settings.js';
import { refreshStatistics, type StatisticsRefresh } from './statistics.js';
import { serveTransfers, type TransferRoute } from './transfers.js';

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
  /** Keeps an outbox (`outbox_event`) and serves it to its siblings at `POST /internal/events` (kit/server/events.ts). */
  outbox?: boolean;
  /**
   * Handles the events of an outbox, each once, in this subgraph's own transaction (kit/server/events.ts):
   * a sibling's on this node (`from: 'node'`, the default), or the same subgraph's on every node
   * above this one (`from: 'above'`: records of an authority above that cover this node's data), or
   * a subgraph's on every node below (`from: 'below'`: records here built on data kept below).
   */
  consumes?: (ConsumedSource & { handle: EventHandler })[];
  /**
   * Internal JSON endpoints (`POST /internal/<name>`) other nodes' subgraphs call as SYSTEM
   * (kit/server/peers.ts `internal`): facts a rule needs across platforms that no caller's own
   * visibility should decide. Never reachable through the gateway.
   */
  internal?: Record<string, InternalRoute>;
  /**
   * Streamed HTTP routes at `/data/<kind>/…` (kit/server/transfers.ts, schema/transfer.ts): an
   * upload or a download too large for a GraphQL body, reached through the gateway, which routes
   * by the global ID in the path and signs the caller over the method and URL.
   */
  transfers?: TransferRoute[];
}

/**
 * An internal endpoint: its answer (JSON) to a body (parsed JSON, unchecked: validate it). A route
 * that changes data writes its audit event with `audit` (kit/server/audit.ts `writeAudit`) in its
 * own transaction, as the caller (`actor`, SYSTEM).
 */
export type InternalRoute = (ctx: { em: EntityManager; node: NodeConfig; peers: PeerClient; actor: Actor; audit: AuditSession }, body: unknown) => Promise<unknown>;

export interface SubgraphOptions {
  /** Read on every request, so a harness may fill in sibling URLs after start (port 0). */
  node: NodeConfig;
  /**
   * Every node of the federation, `node` among them (the same object), for rules that ask another
   * platform; URLs are read at each call. This node alone when absent.
   */
  topology?: Topology;
  /** What every subgraph of the deployment is given alike (kit/server/settings.ts). */
  settings: SubgraphSettings;
  databaseUrl: string;
  port?: number;
  poolMax?: number;
  onQuery?: (sql: string) => void;
  /** Where this subgraph logs (one JSON line per request); the process logger when absent. */
  logger?: Logger;
  /**
   * Adds routes, hooks or plugins to the subgraph's fastify instance before it listens (another
   * module's /metrics, tracing hooks). Runs after the subgraph's own hooks and routes are set up.
   */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** More Apollo Server plugins (per-operation metrics, tracing). */
  apolloPlugins?: ApolloServerPlugin<SubgraphContext>[];
  /**
   * The subgraphs every node runs (runtime/modules.ts), so a publisher knows which consumers must
   * acknowledge an event before it is pruned (kit/server/events.ts `outboxConsumers`); absent: the
   * consumers that have pulled.
   */
  modules?: readonly Pick<SubgraphModule, 'name' | 'consumes'>[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The gateway's (or a sibling's) signed claims: who asks, checked before anything runs. */
    claims: InternalClaims | null;
  }
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
  schema: GraphQLSchema;
  /** The consumers of other subgraphs' events (the module's `consumes`). */
  consumers: EventConsumer[];
  /** This subgraph's audit chain (schema, node, key). */
  audit: AuditChain;
  /** The HTTP server (fastify), listening. */
  app: FastifyInstance;
  /** Analyzes this subgraph's stale tables and empties its GIN pending lists now: call it when a bulk load ends. */
  refreshStatistics(): Promise<StatisticsRefresh>;
  /** Prunes what nothing needs any more now (kit/server/retention.ts), after a run in progress. */
  prune(): Promise<PruneReport>;
  stop(): Promise<void>;
}

/** The module's federated schema; `beneath` wraps its root resolvers inside the input-bounds check (kit/server/federation.ts). */
export function buildModuleSchema(mod: SubgraphModule, beneath?: (schema: GraphQLSchema) => void): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: mod.resolvers, orphanedTypes: mod.orphanedTypes }, mod.references, beneath);
}

/** Every argument of the module's root fields and every input field below them, with its bound (kit/server/input-bounds.ts). */
export async function moduleInputBounds(mod: SubgraphModule): Promise<BoundedInput[]> {
  return inputBoundsPlan(await buildTypeSchema({ resolvers: mod.resolvers, orphanedTypes: mod.orphanedTypes }), mod.resolvers).inputs;
}

const refuse = (reply: FastifyReply, message: string) => reply.code(401).send(errorBody(message, 'UNAUTHENTICATED'));
const firstHeader = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
const notJson = (reply: FastifyReply) => reply.code(400).send(errorBody('request body is not JSON', 'BAD_REQUEST'));

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

/** Marks a query's context read-only once its operation is known (kit/server/reads.ts). */
const readOnlyQueries: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        contextValue.readOnly = operation?.operation === 'query';
      },
    };
  },
};

/**
 * Writes the reads a request collected once it is resolved, and hands the chain's new signed head
 * to the gateway in the response's extensions (it keeps it outside this node's database). A read
 * that cannot be recorded is not served: the answer becomes AUDIT_UNAVAILABLE (or
 * DATABASE_UNAVAILABLE when the database cannot be reached at all).
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
          const refusal = isDatabaseUnavailable(err) ? databaseUnavailable() : err instanceof AppError ? err : auditUnavailable(err);
          contextValue.logger?.error({ err: refusal.cause ?? err }, 'could not record the request in the audit log');
          response.body.singleResult = { data: null, errors: [{ message: refusal.message, extensions: refusal.extensions }] };
        }
      },
    };
  },
};

/**
 * Unexpected errors (bugs, failed statements) are logged here with their stack, once, on the
 * request's logger (with its id); an unreachable database is a warning without a stack. The
 * client sees them masked (`maskUnexpected`).
 */
const logUnexpected: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const e of errors) {
          const kind = errorKind(e.extensions?.code as string | undefined, e.originalError ?? e);
          if (kind === 'database') contextValue.logger?.warn({ error: (e.originalError ?? e).message, path: e.path }, 'database unavailable');
          else if (kind === 'audit') contextValue.logger?.error({ err: (e.originalError ?? e).cause ?? e, path: e.path }, 'audit log unavailable');
          else if (kind === 'unexpected') contextValue.logger?.error({ err: e.originalError ?? e, path: e.path }, 'unexpected error');
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
  const { settings } = opts;
  const host = settings.host ?? '127.0.0.1';
  // Unique per pool, so stop() cancels this pool's statements and no other process's; short and
  // ASCII, because PostgreSQL cuts an application name at 63 bytes.
  const applicationName = `pdf ${mod.name} ${opts.node.id.replace(/[^\w-]/g, '').slice(0, 24)} ${randomBytes(4).toString('hex')}`;
  const orm = await initORM({
    applicationName,
    limits: settings.databaseLimits,
    clientUrl: opts.databaseUrl,
    schema: mod.name,
    entities: mod.entities,
    migrations: mod.migrations,
    onQuery: opts.onQuery,
    poolMax: opts.poolMax,
    metrics: { subgraph: mod.name, node: opts.node.id },
  });
  const untrackPool = trackPool(orm, { subgraph: mod.name, node: opts.node.id });
  const schema = await buildModuleSchema(mod, (s) => guardMutationsWithIdempotency(s, mod.name));
  const replays = new ReplayGuard();
  const chain = auditChain(settings.auditSecret, opts.node.id, mod.name);
  const logger = (opts.logger ?? getProcessLogger()).child({ service: mod.name, node: opts.node.id });
  // A database restored or loaded while the subgraph was down, or never analyzed, is planned well from the first request.
  const statistics = new PeriodicWork<StatisticsRefresh>(
    () => refreshStatistics(orm.em.fork(), mod.name),
    (err) => logger.warn({ error: (err as Error).message }, 'could not refresh table statistics'),
    (r) => {
      if (r.analyzed.length || r.pendingPagesCleaned) logger.debug({ analyzed: r.analyzed, pendingPagesCleaned: r.pendingPagesCleaned }, 'table statistics refreshed');
    },
  );
  await statistics.runQuietly();
  const app = createHttpServer(logger);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskUnexpected,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      fastifyApolloDrainPlugin(app) as ApolloServerPlugin<SubgraphContext>,
      replayExtension,
      readOnlyQueries,
      auditPlugin,
      operationLogPlugin<SubgraphContext>(),
      logUnexpected,
      subgraphRequestMetrics<SubgraphContext>({ subgraph: mod.name, node: opts.node.id }),
      ...(opts.apolloPlugins ?? []),
    ],
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
    logger,
  });
  await apollo.start();
  const topology = new TopologyIndex(opts.topology ?? { nodes: [opts.node] });
  const consumers = (mod.consumes ?? []).flatMap((c) =>
    (c.from === 'above' ? topology.nodesAbove(opts.node) : c.from === 'below' ? topology.nodesBelow(opts.node) : [opts.node]).map(
      (from) =>
        new EventConsumer({
          orm,
          chain,
          node: opts.node,
          from,
          source: c.source,
          secret: settings.internalSecret,
          handle: c.handle,
          pollMs: settings.eventPollMs,
          maxAttempts: settings.eventMaxAttempts,
          logger,
        }),
    ),
  );
  const retention: RetentionSettings = {
    intervalMs: settings.retention?.intervalMs ?? 0,
    eventRetentionHours: settings.retention?.eventRetentionHours ?? DEFAULT_RETENTION.eventRetentionHours,
    idempotencyRetentionHours: settings.retention?.idempotencyRetentionHours ?? DEFAULT_RETENTION.idempotencyRetentionHours,
  };
  const labels = { subgraph: mod.name, node: opts.node.id };
  const pruner = new PeriodicWork<PruneReport>(
    () =>
      pruneSubgraph(orm.em.fork(), {
        schema: mod.name,
        outbox: !!mod.outbox,
        consumes: !!mod.consumes?.length,
        consumers: opts.modules ? outboxConsumers(mod.name, opts.node, topology, opts.modules) : null,
        settings: retention,
      }),
    (err) => logger.warn({ error: (err as Error).message }, 'could not prune outbox, receipts or idempotency records'),
    (r) => {
      countPruned(labels, 'outbox_event', r.outboxEvents);
      countPruned(labels, 'event_receipt', r.receipts);
      countPruned(labels, 'idempotent_mutation', r.idempotencyRecords);
      countPruned(labels, 'outbox_consumer', r.acknowledgements);
      if (r.unacknowledged)
        logger.warn(
          { through: r.unacknowledged.through, consumers: r.unacknowledged.consumers, retentionHours: retention.eventRetentionHours },
          'outbox events past their retention pruned before these consumers acknowledged them',
        );
      if (r.outboxEvents || r.receipts || r.idempotencyRecords || r.acknowledgements) logger.debug({ pruned: r }, 'pruned');
    },
  );

  logEveryRequest(app);
  answerErrorsAsGraphQL(app);
  // Kept as received: the signature is checked over the exact bytes before the body means anything.
  readBodiesAsText(app, { strict: false });
  app.decorateRequest('claims', null);

  /** Every POST route: the gateway's (or a sibling's) signature over this exact body, made for this subgraph on this node, used once. */
  const signed = async (request: FastifyRequest, reply: FastifyReply) => {
    const idempotencyKey = firstHeader(request, IDEMPOTENCY_KEY_HEADER) ?? null;
    const claims = verifyInternal(
      firstHeader(request, INTERNAL_AUTH_HEADER),
      request.rawBody ?? '',
      settings.internalSecret,
      { subgraph: mod.name, node: opts.node.id },
      { idempotencyKey },
    );
    if (!claims)
      return refuse(
        reply,
        `missing or invalid gateway signature, or one meant for another service than ${mod.name}@${opts.node.id}: subgraphs accept requests only from the gateway`,
      );
    if (!replays.accept(claims.nonce, claims.issuedAt)) return refuse(reply, 'this signed request was already received once: every internal request is signed anew');
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      return reply.code(400).send(errorBody('idempotency key must be 1-128 printable ASCII characters', 'BAD_REQUEST'));
    request.claims = claims;
    noteLog(request, { actor: claims.actor.sub, org: claims.actor.orgId });
  };

  app.get('/health', { config: { quietLog: true } }, async () => ({ status: 'ok', subgraph: mod.name, node: opts.node.id }));
  app.get(READY_PATH, { config: { quietLog: true } }, async (_request, reply) => {
    const readiness = await checkReadiness(orm);
    return reply.code(readiness.status === 'ready' ? 200 : 503).send({ ...readiness, subgraph: mod.name, node: opts.node.id });
  });
  if (settings.metrics !== false) serveMetrics(app);
  app.post('/internal/audit/*', { preHandler: signed }, async (request, reply) => {
    try {
      const answer = await serveAuditEndpoint(request.url.split('?', 1)[0]!, request.rawBody ?? '', { em: orm.em.fork(), chain, actor: request.claims!.actor, node: opts.node });
      return reply.code(answer.status).send(answer.body);
    } catch (err) {
      // The log cannot be read now: the caller (the gateway's anchoring, an auditor's query) is told so, as an unavailable service.
      const refusal = isDatabaseUnavailable(err) ? databaseUnavailable() : err instanceof AppError && err.extensions.code === AUDIT_UNAVAILABLE ? err : undefined;
      if (!refusal) throw err;
      request.log.error({ err: refusal.cause ?? err }, 'audit log unavailable');
      return reply.code(503).send({ error: refusal.extensions.code, message: refusal.message });
    }
  });
  if (consumers.length) {
    app.post(NUDGE_PATH, { preHandler: signed, config: { quietLog: true } }, async (_request, reply) => {
      for (const c of consumers) void c.poll();
      return reply.code(202).send({ status: 'polling' });
    });
  }
  for (const [name, route] of Object.entries(mod.internal ?? {})) {
    app.post(`${INTERNAL_PREFIX}${name}`, { preHandler: signed }, async (request, reply) => {
      // Only another subgraph calls these; the gateway never signs SYSTEM for a client.
      if (!request.claims!.actor.roles.includes('SYSTEM')) return reply.code(403).send(errorBody('internal endpoint', 'FORBIDDEN'));
      if (request.bodyNotJson) return notJson(reply);
      const { actor } = request.claims!;
      const peers = new PeerClient(opts.node, actor, settings.internalSecret, undefined, request.id, topology);
      return route({ em: orm.em.fork(), node: opts.node, peers, actor, audit: new AuditSession(chain, actor) }, request.body ?? {});
    });
  }
  if (mod.outbox) {
    app.post(EVENTS_PATH, { preHandler: signed, config: { quietLog: true } }, async (request, reply) => {
      // Only a sibling's consumer reads the outbox; a client's token never carries SYSTEM through the gateway to this path.
      if (!request.claims!.actor.roles.includes('SYSTEM')) return reply.code(403).send(errorBody('internal endpoint', 'FORBIDDEN'));
      if (request.bodyNotJson) return notJson(reply);
      const { after, limit, consumer } = (request.body ?? {}) as { after?: unknown; limit?: unknown; consumer?: unknown };
      const cursor = typeof after === 'string' && /^\d{1,18}$/.test(after) ? after : '0';
      // The cursor says what the consumer has handled: the pruner waits for every expected consumer's (kit/server/retention.ts).
      await recordAcknowledgement(orm.em.fork(), mod.name, consumer, cursor);
      return { events: await readOutbox(orm.em.fork(), mod.name, cursor, typeof limit === 'number' ? limit : undefined) };
    });
  }
  const graphql = fastifyApolloHandler<SubgraphContext>(apollo, {
    context: async (request) => {
      const { actor } = request.claims!;
      const idempotencyKey = firstHeader(request, IDEMPOTENCY_KEY_HEADER);
      return {
        em: orm.em.fork(),
        actor,
        node: opts.node,
        settings,
        loaders: new Loaders(),
        peers: new PeerClient(opts.node, actor, settings.internalSecret, undefined, request.id, topology),
        idempotency: idempotencyKey ? { key: idempotencyKey, replayed: false } : undefined,
        audit: new AuditSession(chain, actor),
        requestId: request.id,
        logFields: request.logFields ?? undefined,
        logger: request.log as Logger,
      };
    },
  }) as RouteHandlerMethod;
  app.post(
    '/graphql',
    {
      preHandler: [
        signed,
        async (request, reply) => {
          if (request.bodyNotJson) return notJson(reply);
        },
      ],
    },
    async function (request, reply) {
      // In a server span continuing the caller's traceparent (the gateway's node fetch, or a sibling's call): its SQL and sibling calls hang under it.
      const text = (await traceIncoming(request.headers, 'POST /graphql', { 'pdf.subgraph': mod.name, 'pdf.node': opts.node.id }, async () =>
        graphql.call(this, request, reply),
      )) as unknown;
      // A request that failed only because the database is unreachable is 503, so the gateway marks this node service down.
      if (typeof text === 'string') reply.code(statusFor(reply.statusCode, text));
      return text;
    },
  );
  if (mod.transfers?.length) await serveTransfers(app, mod.transfers, { name: mod.name, node: opts.node, topology, settings, orm, chain, replays });
  await opts.extend?.(app);

  await app.listen({ port: opts.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  for (const c of consumers) c.start();
  statistics.start(settings.statisticsIntervalMs ?? 0);
  pruner.start(retention.intervalMs);

  return {
    name: mod.name,
    url: `http://${host}:${port}/graphql`,
    orm,
    schema,
    consumers,
    audit: chain,
    app,
    refreshStatistics: () => statistics.run(),
    prune: () => pruner.run(),
    async stop() {
      await statistics.stop();
      await pruner.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      app.server.closeAllConnections();
      // Stops Apollo, whose drain plugin closes the fastify server.
      await apollo.stop();
      untrackPool();
      await closeORM(orm, { clientUrl: opts.databaseUrl, applicationName, logger });
    },
  };
}
