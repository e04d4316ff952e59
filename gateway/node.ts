import { GraphQLError } from 'graphql';
import type { SubgraphName } from '../schema/topology.js';
import { RegionRoutingDataSource, type GatewayContext, type RoutingOptions } from './routing.js';

/**
 * The types implementing `Node` and the subgraph that owns each one's rows (the others only
 * declare its key). schema/audit.graphql declares the same types by key, for `Query.node`.
 */
export const NODE_TYPES = {
  DataResource: 'catalog',
  Organization: 'catalog',
  ShareRequest: 'sharing',
  OpenDataset: 'opening',
  Operator: 'operation',
} as const satisfies Record<string, SubgraphName>;

const DISCOVER = 'query NodeType($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

/**
 * `Query.node(id)`. A global ID names its region, not its type, and IDs already handed out must
 * keep resolving, so the owner node's subgraphs are asked which of their types has a row with that
 * ID that the caller may see: as entity references (`_entities`), which go through the same
 * loaders and access checks as every other way to reach the object, record a read of a
 * non-public one, and answer null otherwise. So `node` never tells a caller that something it may
 * not see exists, nor its type. The gateway then fetches the selected fields from the owning
 * subgraph as for any entity. An ID of no known node (malformed, or of an unknown region) names
 * nothing: null without a call.
 */
export function nodeResolvers(routing: RoutingOptions) {
  const owners = new Map<SubgraphName, string[]>();
  for (const [type, subgraph] of Object.entries(NODE_TYPES)) owners.set(subgraph, [...(owners.get(subgraph) ?? []), type]);
  const sources = new Map([...owners.keys()].map((s) => [s, new RegionRoutingDataSource(s, routing)]));
  return {
    Query: {
      async node(_: unknown, { id }: { id: string }, ctx: GatewayContext) {
        if (!routing.topology.nodeForId(id)) return null;
        const answers = await Promise.all(
          [...owners].map(([subgraph, types]) =>
            sources
              .get(subgraph)!
              .routeEntities(DISCOVER, { representations: types.map((__typename) => ({ __typename, id })) }, { actor: ctx.actor, requestId: ctx.requestId, calls: ctx.calls }),
          ),
        );
        for (const a of answers) {
          const hit = (a.data?._entities as ({ __typename: string } | null)[] | undefined)?.find((e) => e);
          if (hit) return { __typename: hit.__typename, id };
        }
        // Found nowhere: a subgraph that failed may hold it, which the caller should learn.
        const failed = answers.flatMap((a) => a.errors ?? [])[0];
        if (failed) throw new GraphQLError(failed.message, { extensions: failed.extensions });
        return null;
      },
    },
    Node: {
      __resolveType: (node: { __typename: string }) => node.__typename,
    },
  };
}
