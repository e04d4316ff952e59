import { compareSortKeys, decodeCursor, type SortKey } from '../schema/cursor.js';

/**
 * Private aliases the router adds to every connection it fans out, so it can merge pages whatever
 * the client selected; they are removed before the gateway sees the data.
 */
export const ROUTER_EDGES = '_routerEdges';
export const ROUTER_PAGE = '_routerPage';
export const ROUTER_TOTAL = '_routerTotal';

type Obj = Record<string, any>;

export interface ConnectionShape {
  /** Response keys (aliases) under which the client selected each connection field. */
  edgesKeys: string[];
  totalKeys: string[];
  pageInfoKeys: string[];
  first: number;
}

interface Candidate {
  key: SortKey;
  part: number;
  index: number;
}

/**
 * Merges the first pages of several nodes into one globally ordered page. Each node returned its
 * first N after the same cursor in the same order, so the global first N are among them; the
 * cursor of an edge is a global sort key, so the last edge's cursor resumes every node.
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
  const hasNextPage = anyMore || candidates.length > chosen.length;
  const endCursor = chosen.length ? parts[chosen.at(-1)!.part][ROUTER_EDGES][chosen.at(-1)!.index].cursor : null;

  const merged: Obj = { ...(parts[0] ?? {}) };
  delete merged[ROUTER_EDGES];
  delete merged[ROUTER_PAGE];
  delete merged[ROUTER_TOTAL];
  for (const k of shape.edgesKeys) merged[k] = chosen.map((c) => parts[c.part][k][c.index]);
  for (const k of shape.totalKeys) merged[k] = total;
  for (const k of shape.pageInfoKeys) {
    const base = parts.find((p) => p[k])?.[k] ?? {};
    const info: Obj = { ...base };
    if ('hasNextPage' in base) info.hasNextPage = hasNextPage;
    if ('endCursor' in base) info.endCursor = endCursor;
    merged[k] = info;
  }
  return merged;
}

/** Non-connection root fields: lists concatenate in topology order, single objects take the non-null one. */
export function mergePlain(values: unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return values.length ? values[0] ?? null : null;
  if (Array.isArray(present[0])) return present.flat();
  return present[0];
}
