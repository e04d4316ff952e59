import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, mergeDeep, type IResolvers } from '@graphql-tools/utils';
import { defaultFieldResolver, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { inputBoundsPlan } from './input-bounds.js';
import { withListCursors } from './pagination.js';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/**
 * type-graphql builds the types, @apollo/subgraph adds _service/_entities (type-graphql's federation
 * example); every connection's cursors name their list (kit/server/pagination.ts withListCursors).
 * `beneath` wraps the root fields' resolvers first (the idempotency guard); then every root field
 * checks its arguments against the input bounds declared beside the inputs
 * (kit/server/input-bounds.ts `Bound`) before anything else runs, so no subgraph can forget a length
 * or character rule and a refused argument costs no SQL at all, not even the idempotency look-up.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: IResolvers = {},
  beneath?: (schema: GraphQLSchema) => void,
): Promise<GraphQLSchema> {
  const schema = await buildTypeSchema(options);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  withListCursors(schema, resolvers);
  const federated = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: mergeDeep([resolvers, referenceResolvers]) as never,
  });
  beneath?.(federated);
  for (const [root, checks] of Object.entries(inputBoundsPlan(schema, options.resolvers).checks)) {
    const fields = (federated.getType(root) as GraphQLObjectType).getFields();
    for (const [name, check] of Object.entries(checks)) {
      const field = fields[name]!;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        check(args);
        return resolve(source, args, context, info);
      };
    }
  }
  return federated;
}

/** type-graphql's schema of the resolvers, before federation: its extensions hold the bounds of the inputs. */
export function buildTypeSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>): Promise<GraphQLSchema> {
  return buildSchema({ ...options, skipCheck: true, validate: false });
}
