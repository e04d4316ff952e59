import { internalHeaders, type Actor, type InternalTarget } from '../../schema/auth.js';
import { TEST_SECRET } from './env.js';
import type { SubgraphName } from '../../schema/topology.js';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Calls a subgraph directly the way the gateway does: signed for one actor and that subgraph of that node, over the exact body. */
export async function callSubgraph<T = Record<string, any>>(
  url: string,
  target: InternalTarget,
  actor: Actor,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, {
    method: 'POST',
    headers: internalHeaders(actor, body, TEST_SECRET, target),
    body,
  });
  return (await res.json()) as GqlResult<T>;
}

export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** A GraphQL call as an actor: to one subgraph directly, or through the gateway (which routes it itself). */
export type Call = <T = Record<string, any>>(subgraph: SubgraphName, actor: Actor, query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;
