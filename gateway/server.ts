import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { buildASTSchema, getNamedType, parse } from 'graphql';
import { readBody } from '../schema/http.js';
import type { SubgraphName, Topology } from '../schema/topology.js';
import { TopologyIndex } from '../schema/topology.js';
import { actorFromAuthorization } from './auth.js';
import { NodeHealth, type NodeHealthOptions } from './health.js';
import { createPlayground } from './playground.js';
import { RegionRoutingDataSource, type GatewayContext } from './routing.js';

export interface GatewayOptions {
  topology: Topology;
  supergraphSdl: string;
  jwtSecret: string;
  internalSecret: string;
  port?: number;
  host?: string;
  /** Bound on each node's answer; a slower node costs only its own part (NODE_UNAVAILABLE). */
  nodeTimeoutMs?: number;
  /** Readiness probing of a node service known to be down. */
  health?: NodeHealthOptions;
  /** JSON shown in the playground's header editor (the demo puts a token there). */
  playgroundHeaders?: string;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/** Root Query fields returning a connection: the router merges their pages across nodes. */
export function connectionFieldsOf(supergraphSdl: string): Set<string> {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const fields = schema.getQueryType()?.getFields() ?? {};
  return new Set(Object.values(fields).filter((f) => getNamedType(f.type).name.endsWith('Connection')).map((f) => f.name));
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function createGateway(o: GatewayOptions): Promise<RunningGateway> {
  const topology = new TopologyIndex(o.topology);
  const health = new NodeHealth(() => topology.nodes, o.health);
  const routing = {
    health,
    topology,
    internalSecret: o.internalSecret,
    nodeTimeoutMs: o.nodeTimeoutMs ?? 5000,
    connectionFields: connectionFieldsOf(o.supergraphSdl),
  };
  const gateway = new ApolloGateway({
    supergraphSdl: o.supergraphSdl,
    buildService: ({ name }) => new RegionRoutingDataSource(name as SubgraphName, routing),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 3000 },
    costLimit: { maxCost: 10000 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<GatewayContext>],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const playground = createPlayground({ endpoint: '/graphql', defaultHeaders: o.playgroundHeaders });

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
    let actor;
    try {
      const auth = req.headers.authorization;
      actor = await actorFromAuthorization(Array.isArray(auth) ? auth[0] : auth, o.jwtSecret);
    } catch (err) {
      return sendJson(res, 401, { errors: [{ message: `${(err as Error).message}; omit the header to act as the public`, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'request body must be JSON: {"query": "...", "variables": {...}}', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({ actor }),
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
    async stop() {
      health.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
