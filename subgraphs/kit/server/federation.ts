import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, mergeDeep, type IResolvers } from '@graphql-tools/utils';
import { parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { inputBoundsPlan } from './input-bounds.js';
import { withListCursors } from './pagination.js';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/**
 * type-graphql builds the types, @apollo/subgraph adds _service/_entities (type-graphql's federation
 * example). Every root field checks its arguments against the input bounds before its resolver
 * runs (the bounds declared beside the inputs, kit/server/input-bounds.ts `Bound`), so no subgraph
 * can forget a length or character rule; every connection's cursors name their list
 * (kit/server/pagination.ts withListCursors).
 */
export async function buildFederatedSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>, referenceResolvers: IResolvers = {}): Promise<GraphQLSchema> {
  const schema = await buildTypeSchema(options);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  withListCursors(schema, resolvers);
  for (const [root, checks] of Object.entries(inputBoundsPlan(schema, options.resolvers).checks)) {
    for (const [field, check] of Object.entries(checks)) {
      const resolve = resolvers[root]![field] as GraphQLFieldResolver<unknown, unknown>;
      resolvers[root]![field] = ((source, args, context, info) => {
        check(args);
        return resolve(source, args, context, info);
      }) satisfies GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: mergeDeep([resolvers, referenceResolvers]) as never,
  });
}

/** type-graphql's schema of the resolvers, before federation: its extensions hold the bounds of the inputs. */
export function buildTypeSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>): Promise<GraphQLSchema> {
  return buildSchema({ ...options, skipCheck: true, validate: false });
}
