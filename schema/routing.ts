/**
 * How the gateway picks nodes for root fields (the contract subgraph authors follow; see
 * ARCHITECTURE.md, Region routing). Values are read from the operation's arguments.
 */

/** Arguments that name one owned object: the request goes to the owner of the ID. */
export const ID_ARGUMENTS = ['id', 'ids'] as const;

/** A single region: the request goes to the node hosting it. */
export const REGION_ARGUMENT = 'regionCode';

/** A region scope `{ regionCode, includeSubRegions }`: the request fans out to the nodes hosting it. */
export const SCOPE_ARGUMENT = 'scope';

/**
 * Root fields about the caller itself: answered once, by the node hosting the caller's region (the
 * root node for a caller without a region, such as the public), whatever else the request asks.
 */
export const CALLER_FIELDS = ['viewer'] as const;

/**
 * Mutations go to exactly one node, chosen by the first of these paths present in the arguments
 * (an ID's owner, or the node hosting a region code). None present is an error, never a broadcast.
 */
export const MUTATION_ROUTE_PATHS = ['id', 'input.id', 'input.resourceId', 'input.providerId', 'input.organizationId', 'input.regionCode'] as const;

/** Default page size when a connection is asked for without `first`; subgraphs use the same. */
export const DEFAULT_PAGE_SIZE = 20;
