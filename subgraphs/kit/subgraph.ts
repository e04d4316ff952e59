import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MigrationObject } from '@mikro-orm/core';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { INTERNAL_AUTH_HEADER, verifyInternal } from '../../schema/auth.js';
import { readBody } from '../../schema/http.js';
import type { NodeConfig, SubgraphName } from '../../schema/topology.js';
import { Loaders, type SubgraphContext } from './context.js';
import { maskUnexpected } from './errors.js';
import { buildFederatedSchema } from './federation.js';
import { initORM } from './orm.js';
import { PeerClient } from './peers.js';
import { checkReadiness, statusFor } from './readiness.js';

/** What a subgraph folder exports: its schema pieces, entities and migrations. */
export interface SubgraphModule {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: IResolvers;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
}

export interface SubgraphOptions {
  /** Read on every request, so a harness may fill in sibling URLs after start (port 0). */
  node: NodeConfig;
  databaseUrl: string;
  internalSecret: string;
  port?: number;
  host?: string;
  poolMax?: number;
  onQuery?: (sql: string) => void;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
  schema: GraphQLSchema;
  stop(): Promise<void>;
}

export function buildModuleSchema(mod: SubgraphModule): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: mod.resolvers, orphanedTypes: mod.orphanedTypes }, mod.references);
}

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
const refusal = (message: string) => json(401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

/**
 * Starts one subgraph: migrates its schema, then serves GraphQL over HTTP. Every request must
 * carry the gateway's signature over its exact body; without it nothing is executed, so a
 * subgraph is never a public entry point (not even for `_entities`).
 */
export async function createSubgraph(mod: SubgraphModule, opts: SubgraphOptions): Promise<RunningSubgraph> {
  const orm = await initORM({
    clientUrl: opts.databaseUrl,
    schema: mod.name,
    entities: mod.entities,
    migrations: mod.migrations,
    onQuery: opts.onQuery,
    poolMax: opts.poolMax,
  });
  const schema = await buildModuleSchema(mod);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskUnexpected,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // The process entry owns signal handling: it stops the HTTP server and the databases too.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: string; headers?: Record<string, string> }> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (req.method === 'GET' && url.pathname === '/health') return json(200, { status: 'ok', subgraph: mod.name, node: opts.node.id });
    if (req.method === 'GET' && url.pathname === '/ready') {
      const readiness = await checkReadiness(orm);
      return json(readiness.status === 'ready' ? 200 : 503, { ...readiness, subgraph: mod.name, node: opts.node.id });
    }
    if (req.method !== 'POST' || url.pathname !== '/graphql') return json(404, { error: 'not found' });
    const raw = await readBody(req);
    const header = req.headers[INTERNAL_AUTH_HEADER];
    const actor = verifyInternal(Array.isArray(header) ? header[0] : header, raw, opts.internalSecret);
    if (!actor) return refusal('missing or invalid gateway signature: subgraphs accept requests only from the gateway');
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

  return {
    name: mod.name,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    orm,
    schema,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await orm.close();
    },
  };
}
