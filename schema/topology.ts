import { getRegion, isWithin } from './regions.js';
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

export interface Topology {
  nodes: NodeConfig[];
}

export class TopologyError extends Error {}

/** Validates a topology at start-up so that a typo fails fast instead of mis-routing data. */
export function parseTopology(input: unknown): Topology {
  const fail = (msg: string): never => {
    throw new TopologyError(`invalid topology: ${msg}`);
  };
  if (!input || typeof input !== 'object' || !Array.isArray((input as Topology).nodes)) fail('expected { "nodes": [...] }');
  const nodes = (input as Topology).nodes;
  if (nodes.length === 0) fail('no nodes');
  const ids = new Set<string>();
  const hostOf = new Map<string, string>();
  for (const n of nodes) {
    if (!n || typeof n.id !== 'string' || !n.id) fail('every node needs an id');
    if (ids.has(n.id)) fail(`duplicate node id "${n.id}"`);
    ids.add(n.id);
    if (typeof n.name !== 'string' || !n.name) fail(`node "${n.id}" needs a name`);
    if (!Array.isArray(n.regions) || n.regions.length === 0) fail(`node "${n.id}" hosts no region`);
    for (const r of n.regions) {
      if (!getRegion(r)) fail(`node "${n.id}" hosts unknown region "${r}"`);
      if (hostOf.has(r)) fail(`region ${r} is hosted by both "${hostOf.get(r)}" and "${n.id}"`);
      hostOf.set(r, n.id);
    }
    if (!Array.isArray(n.profiles) || n.profiles.some((p) => !PROFILE_CODES.includes(p))) {
      fail(`node "${n.id}" has unknown policy profiles (allowed: ${PROFILE_CODES.join(', ')})`);
    }
    for (const s of SUBGRAPH_NAMES) {
      const url = n.subgraphs?.[s];
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) fail(`node "${n.id}" needs an http(s) URL for subgraph "${s}"`);
    }
  }
  for (const n of nodes) if (n.parent !== null && !ids.has(n.parent)) fail(`node "${n.id}" has unknown parent "${n.parent}"`);
  if (nodes.filter((n) => n.parent === null).length !== 1) fail('exactly one node must have no parent (the city node)');
  return { nodes };
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

  /** Nodes hosting at least one region of the scope, in topology order. */
  nodesForScope(regionCode: string, includeSubRegions: boolean): NodeConfig[] {
    return this.topology.nodes.filter((n) =>
      n.regions.some((r) => (includeSubRegions ? isWithin(r, regionCode) : r === regionCode)),
    );
  }
}
