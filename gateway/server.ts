import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { buildASTSchema, getNamedType, GraphQLError, parse } from 'graphql';
import { ANONYMOUS, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, isAnonymous, type Actor } from '../schema/auth.js';
import { answerErrorsAsGraphQL, createHttpServer, errorBody, logEveryRequest, noteLog, operationLogPlugin, readBodiesAsText } from '../platform/http.js';
import { getProcessLogger, REQUEST_ID_HEADER, type Logger } from '../platform/log.js';
import type { SubgraphName, Topology } from '../schema/topology.js';
import { TopologyIndex } from '../schema/topology.js';
import { actorFromAuthorization } from './auth.js';
import { NodeHealth, type NodeHealthOptions } from './health.js';
import { AccountStanding } from './standing.js';
import { playground } from './playground.js';
import { RegionRoutingDataSource, type GatewayContext } from './routing.js';
import { AnchorStore, pullHeads } from './audit-anchors.js';
import { AUDIT_SUBGRAPH, buildAuditSchema } from './audit.js';
import { serveMetrics } from '../platform/metrics.js';
import { traceIncoming } from '../platform/tracing.js';
import { gatewayRequestMetrics, trackNodeHealth } from './metrics.js';
import { enumLabels, serveOpenCatalog, type PublicResult } from './dcat.js';
import { getRegion } from '../schema/regions.js';
import { Agent } from 'undici';
import { serveTransfers } from './transfer.js';

export interface GatewayOptions {
  topology: Topology;
  supergraphSdl: string;
  jwtSecret: string;
  internalSecret: string;
  /** Checks the audit checkpoints subgraphs sign (AUDIT_SECRET). */
  auditSecret: string;
  /** Appends every audit checkpoint here (JSON lines); absent: memory only. */
  auditAnchorFile?: string;
  /** How often to pull every chain's head. */
  auditAnchorIntervalMs?: number;
  port?: number;
  host?: string;
  /** Bound on each node's answer; a slower node costs only its own part (NODE_UNAVAILABLE). */
  nodeTimeoutMs?: number;
  /** Readiness probing of every node service (interval, bound on one probe). */
  health?: NodeHealthOptions;
  /** Longest lifetime (`exp − iat`) of a client token; 24 hours when absent. */
  jwtMaxLifetimeMs?: number;
  /**
   * JSON shown in the playground's header editor (the demo puts a token there). Served only when
   * the gateway listens on a loopback address: anyone who can reach the page gets the token.
   */
  playgroundHeaders?: string;
  /** Browser origins allowed to call the API from their pages (CORS); none when absent. */
  corsOrigins?: string[];
  /**
   * At most `max` requests per `windowMs` per client: the verified token's subject, else the
   * address. Beyond it 429 with Retry-After. /health and /metrics are exempt. Absent: no limit.
   */
  rateLimit?: { max: number; windowMs: number };
  /** Where this gateway logs (one JSON line per request); the process logger when absent. */
  logger?: Logger;
  /**
   * Adds routes, hooks or plugins to the gateway's fastify instance before it listens (another
   * module's /metrics, tracing hooks). Runs after the gateway's own hooks and routes are set up.
   */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** More Apollo Server plugins (per-operation metrics, tracing). */
  apolloPlugins?: ApolloServerPlugin<GatewayContext>[];
  /** Serve Prometheus metrics at `GET /metrics` (METRICS_ENABLED); default on. */
  metrics?: boolean;
  /**
   * Base of the IRIs in the open catalog export (`/open-catalog`, PUBLIC_BASE_URL), as the public
   * reaches the gateway (e.g. https://data.lishui.gov.cn); the gateway's own URL when absent.
   */
  publicBaseUrl?: string;
  /** The largest body a streamed transfer (`/data/…`, gateway/transfer.ts) may carry (DATA_UPLOAD_MAX_BYTES); 1 GiB when absent. */
  transferMaxBytes?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller of a /graphql request (the public without a token), once its token is verified. */
    actor: Actor | null;
    /** Why its token was refused (answered 401 after the rate limit counted the request by address). */
    authError: string | null;
  }
}

/** Paths never rate-limited: operators' and monitors' probes. */
const RATE_LIMIT_EXEMPT = new Set(['/health', '/metrics']);

/** Whether a listen address is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export interface RunningGateway {
  url: string;
  /** The audit checkpoints this gateway keeps. */
  anchors: AnchorStore;
  /** The HTTP server (fastify), listening. */
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** Root Query fields returning a connection: the router merges their pages across nodes. */
export function connectionFieldsOf(supergraphSdl: string): Set<string> {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const fields = schema.getQueryType()?.getFields() ?? {};
  return new Set(
    Object.values(fields)
      .filter((f) => getNamedType(f.type).name.endsWith('Connection'))
      .map((f) => f.name),
  );
}

/**
 * Every mutation's response names its idempotency key (`extensions.idempotencyKey`), and says
 * when the node answered from the record of an earlier call with that key (`idempotentReplay`).
 */
const idempotencyExtensions: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operation, response }) {
        if (operation?.operation !== 'mutation' || !contextValue.idempotency || response.body.kind !== 'single') return;
        const { key, replayed } = contextValue.idempotency;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, idempotencyKey: key, ...(replayed ? { idempotentReplay: true } : {}) };
      },
    };
  },
};

/**
 * Requests the gateway refuses before executing anything (syntax, validation — graphql-armor's
 * limits included —, an unknown or missing operation name, an operation type the schema lacks)
 * are the client's to fix: 400, where Apollo answers some of them with 500.
 */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'INVALID_GRAPHQL', 'BAD_REQUEST', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);
const requestErrorStatus: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data !== undefined || !errors?.length) return;
        if (response.http.status !== undefined && response.http.status < 500) return;
        if (errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code as string))) response.http.status = 400;
      },
    };
  },
};

/**
 * An error thrown by the gateway's own code (not a node's answer, which the node logs) is logged
 * here with its stack, once, on the request's logger.
 */
const logUnexpected = (logger: Logger): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const e of errors) {
          if (e.originalError instanceof Error && !(e.originalError instanceof GraphQLError))
            (contextValue.logger ?? logger).error({ err: e.originalError, path: e.path }, 'unexpected error');
        }
      },
    };
  },
});

/**
 * Every error leaves with a code of the API's list (docs/api.md, Errors; the `Query` description).
 *
 * The gateway's query planner finishes a response by checking it against the schema; a non-null
 * field that came back null (typically a reference to an entity its node could not resolve: it
 * does not exist, the caller may not see it, or its fetch failed) nulls the nearest nullable field
 * above it. @apollo/gateway reports that under `extensions.valueCompletion`, where clients look
 * for nothing, so a page could answer `data: null` and no error at all. Each such report becomes
 * an error naming the field and its path (UNRESOLVED_REFERENCE); the data that survived stays.
 * (The planner drops these reports when the fetches themselves reported errors: those errors
 * already explain the nulls.)
 *
 * The planner also names an operation it cannot pick (an unknown or missing operationName, a
 * subscription) INVALID_GRAPHQL: for the client that is a BAD_REQUEST like the other requests
 * that name nothing to run.
 */
const apiErrorCodes: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.data === undefined) {
          for (const e of result.errors ?? []) if (e.extensions?.code === 'INVALID_GRAPHQL') e.extensions.code = 'BAD_REQUEST';
        }
        const reports = result.extensions?.valueCompletion as { message: string; path?: (string | number)[] }[] | undefined;
        if (!reports) return;
        const { valueCompletion: _, ...rest } = result.extensions!;
        result.extensions = Object.keys(rest).length ? rest : undefined;
        const errors = reports.map((r) => {
          const unresolved = r.message.startsWith('Cannot return null');
          const message = unresolved
            ? `所引用的对象无法取得，该部分为空 / a referenced object could not be resolved (it does not exist, you may not see it, or its node did not answer), so the nearest field above it that may be null is null: ${r.message}`
            : `返回的数据与模式不符，该部分为空 / a node answered a value the schema does not allow, so the nearest field above it that may be null is null: ${r.message}`;
          return new GraphQLError(message, { path: r.path, extensions: { code: unresolved ? 'UNRESOLVED_REFERENCE' : 'INTERNAL_SERVER_ERROR' } });
        });
        result.errors = [...(result.errors ?? []), ...errors];
      },
    };
  },
};

/** Connections the gateway keeps open to each node service (origin); further calls queue for one. */
const NODE_CONNECTIONS = 32;

/** Bound on an operation's cost as graphql-armor counts it (docs/operations.md, Limits). */
export const MAX_COST = 50_000;

/** Bound on the tokens of one operation, checked while parsing. */
const MAX_TOKENS = 3000;

export async function createGateway(o: GatewayOptions): Promise<RunningGateway> {
  const topology = new TopologyIndex(o.topology);
  const anchors = new AnchorStore(o.auditSecret, o.auditAnchorFile);
  const health = new NodeHealth(() => topology.nodes, o.health);
  health.start();
  const untrackHealth = trackNodeHealth(health);
  // Node calls reuse a bounded set of keep-alive connections per node service rather than
  // opening sockets without limit under load.
  const dispatcher = new Agent({ connections: NODE_CONNECTIONS });
  const routing = {
    dispatcher,
    health,
    topology,
    internalSecret: o.internalSecret,
    nodeTimeoutMs: o.nodeTimeoutMs ?? 5000,
    connectionFields: connectionFieldsOf(o.supergraphSdl),
    anchors,
  };
  // The standing of the account an OPERATOR or USER token acts as, asked of its home node (gateway/standing.ts).
  const standing = new AccountStanding({ topology, internalSecret: o.internalSecret, timeoutMs: routing.nodeTimeoutMs, dispatcher, health });
  const auditSchema = buildAuditSchema({ topology, anchors, internalSecret: o.internalSecret, timeoutMs: routing.nodeTimeoutMs }, routing);
  // Unless told not to, @apollo/gateway reports its usage to Apollo's servers every hour and, to
  // label the report, probes the metadata endpoints of AWS, Alibaba Cloud, GCP and Azure at
  // start-up. A government platform sends nothing out that its operator did not configure: off,
  // unless APOLLO_TELEMETRY_DISABLED is set (to false) on purpose.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: o.supergraphSdl,
    buildService: ({ name }) => (name === AUDIT_SUBGRAPH ? new LocalGraphQLDataSource(auditSchema) : new RegionRoutingDataSource(name as SubgraphName, routing)),
  });
  // Heads of events written outside gateway requests are anchored too, at a bounded interval.
  let pulling = pullHeads(topology.nodes, anchors, o.internalSecret, routing.nodeTimeoutMs);
  const puller = setInterval(() => {
    pulling = pulling.then(() => pullHeads(topology.nodes, anchors, o.internalSecret, routing.nodeTimeoutMs));
  }, o.auditAnchorIntervalMs ?? 60_000);
  puller.unref();
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // graphql-js's own limit (parseOptions below): armor's parses in a plugin hook, where any syntax
    // error becomes a 500 instead of GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    // A page of 100 (the largest any list allows) selecting every field of its type, references
    // included, must pass; three such pages of the widest type in one operation must not
    // (gateway/cost-limit.test.ts). Armor multiplies by `first` only when it is a literal.
    costLimit: { maxCost: MAX_COST },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const logger = (o.logger ?? getProcessLogger()).child({ service: 'gateway' });
  const app = createHttpServer(logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      // First, so the request's log line, metrics and HTTP status see the errors it adds.
      apiErrorCodes,
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<GatewayContext>,
      fastifyApolloDrainPlugin(app) as ApolloServerPlugin<GatewayContext>,
      idempotencyExtensions,
      requestErrorStatus,
      operationLogPlugin<GatewayContext>(),
      logUnexpected(logger),
      gatewayRequestMetrics<GatewayContext>(),
      ...(o.apolloPlugins ?? []),
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
    logger,
  });
  await apollo.start();
  const host = o.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (o.playgroundHeaders && !loopback) {
    logger.warn(`listening on ${host}, not on loopback: the playground is served without its demo headers (token)`);
  }

  logEveryRequest(app);
  answerErrorsAsGraphQL(app);
  // A body that is not JSON is the client's to fix, said at once (400).
  readBodiesAsText(app, { strict: true });
  app.decorateRequest('actor', null);
  app.decorateRequest('authError', null);
  // None by default: the playground is served by the gateway itself, and other pages must be named.
  // A page may read the request id (to quote it) and, after a 429, when to retry.
  await app.register(fastifyCors, {
    origin: o.corsOrigins ?? [],
    methods: ['GET', 'POST', 'PUT'],
    maxAge: 600,
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'content-disposition'],
  });
  if (o.rateLimit) {
    await app.register(fastifyRateLimit, {
      max: o.rateLimit.max,
      timeWindow: o.rateLimit.windowMs,
      // After the token was read (onRequest) and before the body is: a client over its limit costs no body reading.
      hook: 'preParsing',
      keyGenerator: (request) => (request.actor && !isAnonymous(request.actor) ? `sub:${request.actor.sub}` : `ip:${request.ip}`),
      allowList: (request) => RATE_LIMIT_EXEMPT.has(request.url.split('?', 1)[0]!),
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        code: 'RATE_LIMITED',
        message: `请求过于频繁，请 ${context.after} 后重试 / too many requests: at most ${context.max} per ${Math.round(o.rateLimit!.windowMs / 1000)} s for each caller; retry after ${context.after}`,
      }),
    });
  }

  app.get('/health', { config: { quietLog: true } }, async () => {
    // The gateway itself is live (200); `degraded` tells operators some node service is down.
    const nodes = health.view();
    return { status: nodes.every((n) => n.status === 'up') ? 'ok' : 'degraded', nodes };
  });
  if (o.metrics !== false) serveMetrics(app);
  await app.register(playground, { endpoint: '/graphql', defaultHeaders: loopback ? o.playgroundHeaders : undefined });

  const graphql = fastifyApolloHandler(apollo, {
    context: async (request) => {
      const calls: NonNullable<GatewayContext['calls']> = [];
      noteLog(request, { nodes: calls });
      const givenKey = request.headers[IDEMPOTENCY_KEY_HEADER] as string | undefined;
      return {
        actor: request.actor!,
        // Made here when the client sent none, so even a first attempt can be retried safely with it.
        idempotency: { key: givenKey ?? randomUUID(), replayed: false },
        requestId: request.id,
        calls,
        logFields: request.logFields ?? undefined,
        logger: request.log as Logger,
      };
    },
    // The integration types its reply as a string; the route's own generics are fastify's defaults.
  }) as RouteHandlerMethod;
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    // The caller is known before the rate limit counts the request: by its token's subject.
    onRequest: async (request) => {
      try {
        const auth = request.headers.authorization;
        request.actor = await actorFromAuthorization(Array.isArray(auth) ? auth[0] : auth, o.jwtSecret, o.jwtMaxLifetimeMs);
        noteLog(request, { actor: request.actor.sub, org: request.actor.orgId });
      } catch (err) {
        request.authError = (err as Error).message;
      }
    },
    preHandler: async (request, reply) => {
      if (request.authError) {
        return reply.code(401).send(errorBody(`${request.authError}; omit the header to act as the public`, 'UNAUTHENTICATED'));
      }
      // A suspended or revoked account is refused here, before any node is asked, whichever node the request goes to.
      const refused = request.actor ? await standing.check(request.actor, request.id) : null;
      if (refused) return reply.code(refused.status).send(errorBody(refused.message, refused.code));
      const givenKey = request.headers[IDEMPOTENCY_KEY_HEADER];
      if (givenKey !== undefined && (typeof givenKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(givenKey))) {
        return reply
          .code(400)
          .send(
            errorBody(
              'Idempotency-Key 须为 1–128 个可打印 ASCII 字符 / the Idempotency-Key header must be 1-128 printable ASCII characters (e.g. a UUID); send one per mutation and the same one when retrying it',
              'BAD_REQUEST',
              { field: 'Idempotency-Key' },
            ),
          );
      }
    },
    // GraphQL execution runs in a server span continuing the client's traceparent: the node calls' spans hang under it.
    handler: function (request, reply) {
      return traceIncoming(request.headers, `${request.method} /graphql`, { 'http.request.method': request.method, 'url.path': '/graphql' }, async () =>
        graphql.call(this, request, reply),
      );
    },
  });
  // Uploads and downloads of records, streamed to and from the owning node (gateway/transfer.ts).
  await serveTransfers(app, {
    topology,
    internalSecret: o.internalSecret,
    jwtSecret: o.jwtSecret,
    jwtMaxLifetimeMs: o.jwtMaxLifetimeMs,
    standing,
    dispatcher,
    anchors,
    maxBytes: o.transferMaxBytes,
  });
  let ownUrl = '';
  const root = topology.root;
  const rootRegion = root.regions.map((code) => getRegion(code)!).find((r) => !r.parentCode || !root.regions.includes(r.parentCode))!;
  serveOpenCatalog(app, {
    root,
    rootRegion,
    labels: enumLabels(o.supergraphSdl),
    baseUrl: () => o.publicBaseUrl ?? ownUrl,
    // The export is the public's view whatever the request carries: a token is not even read.
    run: async (request, query, variables) => {
      const calls: NonNullable<GatewayContext['calls']> = [];
      noteLog(request, { nodes: calls });
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: { actor: ANONYMOUS, requestId: request.id, calls, logFields: request.logFields ?? undefined, logger: request.log as Logger } },
      );
      if (response.body.kind !== 'single') throw new Error('the open catalog operation answered incrementally');
      return response.body.singleResult as PublicResult;
    },
  });
  await o.extend?.(app);

  await app.listen({ port: o.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  ownUrl = `http://${host}:${port}`;
  return {
    url: ownUrl,
    anchors,
    app,
    async stop() {
      clearInterval(puller);
      await pulling;
      await anchors.close();
      await health.stop();
      untrackHealth();
      app.server.closeAllConnections();
      // Stops Apollo, whose drain plugin closes the fastify server.
      await apollo.stop();
      await dispatcher.close();
    },
  };
}
