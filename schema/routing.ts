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

/** The largest page of any connection, the subgraphs' and the gateway's audit log alike. */
export const MAX_PAGE_SIZE = 100;

/** Why `first` is no page size (1 to MAX_PAGE_SIZE: an empty page tells nothing), for the `first` argument; null when it is one. */
export function pageSizeProblem(first: number): string | null {
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE ? null : `first 必须在 1 到 ${MAX_PAGE_SIZE} 之间 / first must be between 1 and ${MAX_PAGE_SIZE}`;
}
