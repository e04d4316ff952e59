import { compareSortKeys, decodeCursor, type SortKey } from '../schema/cursor.js';

/**
 * Private aliases the router adds to every connection it fans out, so it can merge pages whatever
 * the client selected; they are removed before the gateway sees the data.
 */
export const ROUTER_EDGES = '_routerEdges';
export const ROUTER_PAGE = '_routerPage';
export const ROUTER_TOTAL = '_routerTotal';
/** `facets { <list> { value count } }` for every facet list the client selected, whatever it selected inside. */
export const ROUTER_FACETS = '_routerFacets';

// biome-ignore lint/suspicious/noExplicitAny: subgraph response JSON, merged field by field whatever its schema type
type Obj = Record<string, any>;

export interface ConnectionShape {
  /** Response keys (aliases) under which the client selected each connection field. */
  edgesKeys: string[];
  totalKeys: string[];
  /**
   * Response keys of `totalCountIsExact` (connections whose nodes may estimate their count): the
   * sum is exact only if every node's part is. A node that did not answer is reported as an error.
   */
  totalExactKeys?: string[];
  pageInfoKeys: string[];
  /**
   * What the client selected inside `pageInfo`: response key and field name of each field. Absent:
   * the page info fields under their own names.
   */
  pageInfoFields?: { key: string; name: string }[];
  first: number;
  /** Each `facets` selection of the client, if any. */
  facets?: FacetsShape[];
}

/**
 * A connection's `facets` is an object whose fields are lists of buckets `{ value count … }`,
 * each list largest count first (the convention of every connection with facets).
 */
export interface FacetsShape {
  /** Response key of the client's `facets`. */
  key: string;
  lists: FacetListShape[];
  /** Response keys of `countsAreExact` in the client's `facets`: true only if every node's counts are. */
  exactKeys?: string[];
}

export interface FacetListShape {
  /** Response key of the list in the client's selection, and its field name (its key under ROUTER_FACETS). */
  key: string;
  name: string;
  /** Response keys under which the client selected `count` in the list's buckets. */
  countKeys: string[];
}

interface Candidate {
  key: SortKey;
  part: number;
  index: number;
}

/** The page info fields whose value a merged page recomputes. */
const PAGE_INFO_FIELDS = ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'];

/**
 * Merges the first pages of several nodes into one globally ordered page. Each node returned its
 * first N after the same cursor in the same order, so the global first N are among them; the
 * cursor of an edge is a global sort key, so the last edge's cursor resumes every node. Items
 * precede the merged page when they precede it on some node (each node was asked after the same
 * cursor), so hasPreviousPage is any node's.
 */
export function mergeConnections(parts: Obj[], shape: ConnectionShape): Obj {
  const candidates: Candidate[] = [];
  let total = 0;
  let anyMore = false;
  parts.forEach((p, part) => {
    total += p[ROUTER_TOTAL] ?? 0;
    if (p[ROUTER_PAGE]?.hasNextPage) anyMore = true;
    (p[ROUTER_EDGES] ?? []).forEach((e: { cursor: string }, index: number) => {
      const key = decodeCursor(e.cursor);
      if (key) candidates.push({ key, part, index });
    });
  });
  candidates.sort((a, b) => compareSortKeys(a.key, b.key) || a.part - b.part);
  const chosen = candidates.slice(0, shape.first);
  const cursorOf = (c: Candidate | undefined) => (c ? parts[c.part][ROUTER_EDGES][c.index].cursor : null);
  const page: Obj = { hasNextPage: anyMore || candidates.length > chosen.length, startCursor: cursorOf(chosen[0]), endCursor: cursorOf(chosen.at(-1)) };

  const merged: Obj = { ...(parts[0] ?? {}) };
  delete merged[ROUTER_EDGES];
  delete merged[ROUTER_PAGE];
  delete merged[ROUTER_TOTAL];
  delete merged[ROUTER_FACETS];
  for (const f of shape.facets ?? []) merged[f.key] = mergeFacets(parts, f);
  for (const k of shape.edgesKeys) merged[k] = chosen.map((c) => parts[c.part][k][c.index]);
  for (const k of shape.totalKeys) merged[k] = total;
  for (const k of shape.totalExactKeys ?? []) merged[k] = parts.every((p) => p[k] === true);
  const fields = shape.pageInfoFields ?? PAGE_INFO_FIELDS.map((name) => ({ key: name, name }));
  for (const k of shape.pageInfoKeys) {
    const base = parts.find((p) => p[k])?.[k] ?? {};
    const info: Obj = { ...base };
    for (const { key, name } of fields) {
      if (!(key in base)) continue;
      if (name === 'hasPreviousPage') info[key] = parts.some((p) => p[k]?.[key] === true);
      else if (name in page) info[key] = page[name];
    }
    merged[k] = info;
  }
  return merged;
}

/**
 * Facet counts of several nodes: per list, the counts of one value summed over the nodes, largest
 * first (then by value). Each node counted only the regions it hosts, so no entry counts twice.
 * A node's buckets pair by position with its ROUTER_FACETS buckets, which carry value and count
 * whatever the client selected; the client's bucket of the first node with a value is kept (its
 * other fields, such as the provider, describe the value, not the node).
 */
export function mergeFacets(parts: Obj[], shape: FacetsShape): Obj | null {
  const present = parts.filter((p) => p[shape.key]);
  if (present.length === 0) return null;
  const merged: Obj = { ...present[0]![shape.key] };
  for (const k of shape.exactKeys ?? []) merged[k] = present.every((p) => p[shape.key][k] === true);
  for (const list of shape.lists) {
    const byValue = new Map<string, { bucket: Obj; count: number }>();
    for (const p of present) {
      const client: Obj[] = p[shape.key][list.key] ?? [];
      ((p[ROUTER_FACETS]?.[list.name] ?? []) as { value: unknown; count: number }[]).forEach((b, i) => {
        const value = String(b.value);
        const hit = byValue.get(value);
        if (hit) hit.count += b.count;
        else byValue.set(value, { bucket: client[i] ?? {}, count: b.count });
      });
    }
    merged[list.key] = [...byValue]
      .sort(([va, a], [vb, b]) => b.count - a.count || (va < vb ? -1 : va > vb ? 1 : 0))
      .map(([, { bucket, count }]) => ({ ...bucket, ...Object.fromEntries(list.countKeys.map((k) => [k, count])) }));
  }
  return merged;
}

/** Non-connection root fields: lists concatenate in topology order, single objects take the non-null one. */
export function mergePlain(values: unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return values.length ? (values[0] ?? null) : null;
  if (Array.isArray(present[0])) return present.flat();
  return present[0];
}
