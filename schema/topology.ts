import { z } from 'zod';
import { ancestorsOf, getRegion, isKnownRegion, isWithin } from './regions.js';
import { regionOf } from './ids.js';

export const SUBGRAPH_NAMES = ['catalog', 'sharing', 'opening', 'operation'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Policy profiles (DOMAIN.md, end): one per regulation; a node lists the ones it follows. */
export const PROFILE_CODES = ['J', 'B', 'D', 'L', 'Z'] as const;
export type ProfileCode = (typeof PROFILE_CODES)[number];

export interface NodeConfig {
  id: string;
  name: string;
  /** Region codes this node hosts; each region is hosted by exactly one node. */
  regions: string[];
  parent: string | null;
  profiles: ProfileCode[];
  subgraphs: Record<SubgraphName, string>;
}

/** Where every subgraph answers whether it can serve (the gateway's probe). */
export const READY_PATH = '/ready';

/**
 * Where `subgraph` of `node` serves `path`. The topology names each service's GraphQL endpoint
 * (`<base>/graphql`); its other endpoints (`/ready`, `/internal/…`) are beside it under the same
 * base, so a service behind a path prefix keeps it. Without a path: the GraphQL endpoint itself.
 */
export function serviceUrl(node: NodeConfig, subgraph: SubgraphName, path?: string): string {
  const graphql = node.subgraphs[subgraph];
  if (path === undefined) return graphql;
  const url = new URL(graphql);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export interface Topology {
  nodes: NodeConfig[];
}

export class TopologyError extends Error {}

const httpUrl = (subgraph: SubgraphName) => z.url({ protocol: /^https?$/, error: `needs an http(s) URL for subgraph "${subgraph}"` });

const NodeSchema = z.object({
  id: z.string({ error: 'needs an id' }).min(1, 'needs an id'),
  name: z.string({ error: 'needs a name' }).min(1, 'needs a name'),
  regions: z
    .array(z.string().refine(isKnownRegion, { error: (iss) => `hosts unknown region "${String(iss.input)}" (GB/T 2260)` }), { error: 'hosts no region' })
    .min(1, 'hosts no region'),
  parent: z.string({ error: 'needs a parent node id, or null for the city node' }).nullable(),
  profiles: z.array(z.enum(PROFILE_CODES, { error: (iss) => `has unknown policy profiles "${String(iss.input)}" (allowed: ${PROFILE_CODES.join(', ')})` }), {
    error: `needs policy profiles (allowed: ${PROFILE_CODES.join(', ')})`,
  }),
  subgraphs: z.object(Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, httpUrl(s)])) as Record<SubgraphName, ReturnType<typeof httpUrl>>, {
    error: `needs the URLs of its subgraphs (${SUBGRAPH_NAMES.join(', ')})`,
  }),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * What no single node can show: duplicate ids, a region hosted twice, a parent that is not a
 * node, the number of roots. Runs even when a node is malformed (`when`), on whatever parsed, so
 * the one error lists every problem.
 */
function crossNodeProblems(nodes: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(nodes)) return;
  const nodeList = nodes.filter(isRecord);
  const ids = new Set<string>();
  const hostOf = new Map<string, string>();
  nodeList.forEach((n) => {
    const index = nodes.indexOf(n);
    if (typeof n.id === 'string' && n.id) {
      if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', index, 'id'], message: `duplicate node id "${n.id}"` });
      ids.add(n.id);
    }
    for (const r of Array.isArray(n.regions) ? n.regions : []) {
      if (typeof r !== 'string') continue;
      const other = hostOf.get(r);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['nodes', index, 'regions'], message: `region ${r} is hosted by both "${other}" and "${String(n.id)}"` });
      else hostOf.set(r, String(n.id));
    }
  });
  nodeList.forEach((n) => {
    if (typeof n.parent === 'string' && !ids.has(n.parent)) {
      ctx.addIssue({ code: 'custom', path: ['nodes', nodes.indexOf(n), 'parent'], message: `has unknown parent "${n.parent}"` });
    }
  });
  const roots = nodeList.filter((n) => n.parent === null).length;
  if (nodeList.length > 0 && roots !== 1) {
    ctx.addIssue({ code: 'custom', path: ['nodes'], message: `exactly one node must have no parent (the city node); found ${roots}` });
  }
}

const TopologySchema = z
  .object({ nodes: z.array(NodeSchema, { error: 'expected { "nodes": [...] }' }).min(1, 'no nodes') }, { error: 'expected { "nodes": [...] }' })
  .superRefine((t, ctx) => crossNodeProblems(isRecord(t) ? t.nodes : undefined, ctx), { when: () => true });

/** One line per problem, naming the node by its id when it has one. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const [first, index, ...rest] = issue.path;
  if (first === 'nodes' && typeof index === 'number') {
    const node = isRecord(input) && Array.isArray(input.nodes) ? input.nodes[index] : undefined;
    const id = isRecord(node) && typeof node.id === 'string' && node.id ? node.id : undefined;
    const where = rest.length ? ` (${rest.join('.')})` : '';
    return `${id ? `node "${id}"` : `node #${index + 1}`}${where}: ${issue.message}`;
  }
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * Validates a topology at start-up so that a typo fails fast instead of mis-routing data; the
 * error lists every problem at once.
 */
export function parseTopology(input: unknown): Topology {
  const result = TopologySchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, input));
  throw new TopologyError(`invalid topology:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

/** Answers the routing questions: which node owns a region, an ID, or a region scope. */
export class TopologyIndex {
  readonly root: NodeConfig;
  private readonly hostOf = new Map<string, NodeConfig>();
  private readonly byId = new Map<string, NodeConfig>();

  constructor(readonly topology: Topology) {
    for (const n of topology.nodes) {
      this.byId.set(n.id, n);
      for (const r of n.regions) this.hostOf.set(r, n);
    }
    this.root = topology.nodes.find((n) => n.parent === null)!;
  }

  get nodes(): NodeConfig[] {
    return this.topology.nodes;
  }

  node(id: string): NodeConfig | undefined {
    return this.byId.get(id);
  }

  /** The node hosting a region; regions above every node (the province) belong to the root node. */
  nodeForRegion(code: string): NodeConfig | undefined {
    const host = this.hostOf.get(code);
    if (host) return host;
    return getRegion(code) ? this.root : undefined;
  }

  nodeForId(id: string): NodeConfig | undefined {
    const region = regionOf(id);
    return region ? this.nodeForRegion(region) : undefined;
  }

  /**
   * The other nodes hosting a region above one of `node`'s (regions above every node belong to the
   * root): where an authority whose rules cover `node`'s data keeps its records (the city's
   * sanctions cover a district platform's grants).
   */
  nodesAbove(node: NodeConfig): NodeConfig[] {
    const above = new Set<NodeConfig>();
    for (const r of node.regions) for (const a of ancestorsOf(r)) above.add(this.nodeForRegion(a.code)!);
    above.delete(node);
    return this.topology.nodes.filter((n) => above.has(n));
  }

  /** The other nodes for which `node` is above (see `nodesAbove`). */
  nodesBelow(node: NodeConfig): NodeConfig[] {
    return this.topology.nodes.filter((n) => n !== node && this.nodesAbove(n).includes(node));
  }

  /** Nodes hosting at least one region of the scope, in topology order. */
  nodesForScope(regionCode: string, includeSubRegions: boolean): NodeConfig[] {
    return this.topology.nodes.filter((n) => n.regions.some((r) => (includeSubRegions ? isWithin(r, regionCode) : r === regionCode)));
  }
}
