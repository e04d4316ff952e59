import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { buildASTSchema, getNamedType, parse } from 'graphql';
import { type Actor, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../schema/auth.js';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from '../schema/http.js';
import type { SubgraphName, Topology } from '../schema/topology.js';
import { TopologyIndex } from '../schema/topology.js';
import { actorFromAuthorization } from './auth.js';
import { NodeHealth, type NodeHealthOptions } from './health.js';
import { createPlayground } from './playground.js';
import { RegionRoutingDataSource, type GatewayContext } from './routing.js';
import { AnchorStore, pullHeads } from './audit-anchors.js';
import { AUDIT_SUBGRAPH, buildAuditSchema } from './audit.js';

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
  /** Readiness probing of a node service known to be down. */
  health?: NodeHealthOptions;
  /**
   * JSON shown in the playground's header editor (the demo puts a token there). Served only when
   * the gateway listens on a loopback address: anyone who can reach the page gets the token.
   */
  playgroundHeaders?: string;
}

/** Whether a listen address is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export interface RunningGateway {
  url: string;
  /** The audit checkpoints this gateway keeps. */
  anchors: AnchorStore;
  stop(): Promise<void>;
}

/** Root Query fields returning a connection: the router merges their pages across nodes. */
export function connectionFieldsOf(supergraphSdl: string): Set<string> {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const fields = schema.getQueryType()?.getFields() ?? {};
  return new Set(Object.values(fields).filter((f) => getNamedType(f.type).name.endsWith('Connection')).map((f) => f.name));
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

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Grace for a client still uploading an oversize body to read the 413 before its connection is cut. */
const OVERSIZE_LINGER_MS = 2000;

/**
 * 413, then the connection closes: the rest of the body may still be on its way, so the socket
 * cannot serve another request, and `Connection: close` tells the client's keep-alive agent to
 * open a fresh one for its next request instead of waiting on this one.
 */
function refuseOversize(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('connection', 'close');
  sendJson(res, 413, {
    errors: [{ message: `请求体超过 ${MAX_BODY_BYTES} 字节 / the request body exceeds ${MAX_BODY_BYTES} bytes; send less data per request`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  });
  res.once('finish', () => setTimeout(() => req.socket.destroy(), OVERSIZE_LINGER_MS).unref());
}

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

/** Bound on the tokens of one operation, checked while parsing. */
const MAX_TOKENS = 3000;

export async function createGateway(o: GatewayOptions): Promise<RunningGateway> {
  const topology = new TopologyIndex(o.topology);
  const anchors = new AnchorStore(o.auditSecret, o.auditAnchorFile);
  const health = new NodeHealth(() => topology.nodes, o.health);
  const routing = {
    health,
    topology,
    internalSecret: o.internalSecret,
    nodeTimeoutMs: o.nodeTimeoutMs ?? 5000,
    connectionFields: connectionFieldsOf(o.supergraphSdl),
    anchors,
  };
  const auditSchema = buildAuditSchema({ topology, anchors, internalSecret: o.internalSecret, timeoutMs: routing.nodeTimeoutMs });
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
    costLimit: { maxCost: 10000 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<GatewayContext>, idempotencyExtensions, requestErrorStatus],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const host = o.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (o.playgroundHeaders && !loopback) {
    console.warn(`[gateway] listening on ${host}, not on loopback: the playground is served without its demo headers (token)`);
  }
  const playground = createPlayground({ endpoint: '/graphql', defaultHeaders: loopback ? o.playgroundHeaders : undefined });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/health') {
      // The gateway itself is live (200); `degraded` tells operators some node service is down.
      const nodes = health.view();
      return sendJson(res, 200, { status: nodes.every((n) => n.status === 'up') ? 'ok' : 'degraded', nodes });
    }
    if (url.pathname !== '/graphql') {
      if (playground(req, res)) return;
      return sendJson(res, 404, { error: 'not found' });
    }
    let actor: Actor;
    try {
      const auth = req.headers.authorization;
      actor = await actorFromAuthorization(Array.isArray(auth) ? auth[0] : auth, o.jwtSecret);
    } catch (err) {
      return sendJson(res, 401, { errors: [{ message: `${(err as Error).message}; omit the header to act as the public`, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const givenKey = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (givenKey !== undefined && (typeof givenKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(givenKey))) {
      return sendJson(res, 400, { errors: [{ message: 'Idempotency-Key 须为 1–128 个可打印 ASCII 字符 / the Idempotency-Key header must be 1-128 printable ASCII characters (e.g. a UUID); send one per mutation and the same one when retrying it', extensions: { code: 'BAD_REQUEST', field: 'Idempotency-Key' } }] });
    }
    // Made here when the client sent none, so even a first attempt can be retried safely with it.
    const idempotency = { key: givenKey ?? randomUUID(), replayed: false };
    let body: unknown;
    if (req.method === 'POST') {
      if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return refuseOversize(req, res);
      let raw: string;
      try {
        raw = await readBody(req);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return refuseOversize(req, res);
        throw err;
      }
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: '请求体须为 JSON / request body must be JSON: {"query": "...", "variables": {...}}', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({ actor, idempotency }),
    });
    res.writeHead(result.status ?? 200, Object.fromEntries(result.headers));
    if (result.body.kind === 'complete') res.end(result.body.string);
    else {
      for await (const part of result.body.asyncIterator) res.write(part);
      res.end();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[gateway] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    anchors,
    async stop() {
      clearInterval(puller);
      await pulling;
      await anchors.close();
      health.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
