import type { Actor } from '../../../schema/auth.js';
import { internalPost, type InternalAnswer } from '../../../platform/internal.js';
import { TopologyIndex, type NodeConfig, type SubgraphName } from '../../../schema/topology.js';
import { AppError } from './errors.js';
import { nudgeConsumers, SYSTEM_ACTOR } from './events.js';

/**
 * Calls another subgraph through its public schema (never its tables), signed as the same caller
 * and for that subgraph of that node only, so the callee still enforces its own authorization.
 * Usually a sibling on this node; across nodes where a rule involves another platform's records
 * (an organization registered on another node, an agency's requests on every node).
 */
export class PeerClient {
  constructor(
    private readonly node: NodeConfig,
    private readonly actor: Actor,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
    /** The request this call serves: the callee's log line carries the same id. */
    private readonly requestId?: string,
    /** Every node of the federation (URLs read at call time); this node alone when absent. */
    private readonly topology: TopologyIndex = new TopologyIndex({ nodes: [node] }),
  ) {}

  /** This node. */
  get here(): NodeConfig {
    return this.node;
  }

  /** The city's node, the root of the topology. */
  get root(): NodeConfig {
    return this.topology.root;
  }

  /** Every node of the federation, this one included. */
  get nodes(): readonly NodeConfig[] {
    return this.topology.nodes;
  }

  /** The node that owns an ID (by the region inside it), or undefined for a malformed ID or an unknown region. */
  nodeOfId(id: string): NodeConfig | undefined {
    return this.topology.nodeForId(id);
  }

  /** The node hosting a region (regions above every node belong to the root). */
  nodeOfRegion(code: string): NodeConfig | undefined {
    return this.topology.nodeForRegion(code);
  }

  /** GraphQL on a sibling of this node. */
  query<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.queryAt(this.node, subgraph, query, variables);
  }

  /** GraphQL on `subgraph` of `target` (this node or another), as the same caller. */
  async queryAt<T>(target: NodeConfig, subgraph: SubgraphName, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body: json } = await this.post<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>(
      target,
      subgraph,
      undefined,
      JSON.stringify({ query, variables }),
      this.actor,
    );
    if (json.errors?.length) {
      const e = json.errors[0];
      throw new AppError((e.extensions?.code as never) ?? 'INTERNAL_SERVER_ERROR', e.message);
    }
    return json.data as T;
  }

  /**
   * An internal endpoint of `subgraph` on `target` (kit/server/subgraph.ts `internal` routes), as SYSTEM:
   * facts a rule needs from another platform that no caller's own visibility should decide, such
   * as counts for an evaluation. Answers the endpoint's JSON.
   */
  async internal<T>(target: NodeConfig, subgraph: SubgraphName, name: string, body: unknown): Promise<T> {
    const res = await this.post<T>(target, subgraph, `${INTERNAL_PREFIX}${name}`, JSON.stringify(body ?? {}), SYSTEM_ACTOR);
    if (!res.ok) throw unavailable(target, subgraph, `answered HTTP ${res.status}`);
    return res.body;
  }

  private async post<T>(target: NodeConfig, subgraph: SubgraphName, path: string | undefined, body: string, actor: Actor): Promise<InternalAnswer<T>> {
    try {
      return await internalPost<T>({ node: target, subgraph, path, actor, body, secret: this.secret, requestId: this.requestId, timeoutMs: this.timeoutMs });
    } catch {
      throw unavailable(target, subgraph, 'did not answer');
    }
  }

  /** After a commit that wrote outbox events: tells their consumers to poll now (best effort). */
  nudgeConsumers(publisher: SubgraphName): void {
    nudgeConsumers(this.node, this.topology.nodes, publisher, this.actor, this.secret, this.requestId);
  }
}

/** Where a subgraph serves its internal routes (kit/server/subgraph.ts). */
export const INTERNAL_PREFIX = '/internal/';

/**
 * Another platform (or a sibling) that cannot be asked: the rule that needed it cannot be decided,
 * so the request fails rather than deciding without it. Names the platform, never its URL.
 */
function unavailable(target: NodeConfig, subgraph: SubgraphName, why: string): AppError {
  return new AppError(
    'NODE_UNAVAILABLE',
    `平台「${target.name}」的 ${subgraph} 服务暂不可用，请稍后重试 / the ${subgraph} service of node "${target.id}" ${why}; this needs its answer: try again later`,
    { node: target.id },
  );
}
