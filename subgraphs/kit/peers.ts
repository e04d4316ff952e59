import { internalHeaders, type Actor } from '../../schema/auth.js';
import { REQUEST_ID_HEADER } from '../../schema/log.js';
import type { NodeConfig, SubgraphName } from '../../schema/topology.js';
import { AppError } from './errors.js';
import { nudgeConsumers } from './events.js';

/**
 * Calls a sibling subgraph of the same node through its public schema (never its tables), signed
 * as the same caller and for that sibling only, so the sibling still enforces its own authorization.
 */
export class PeerClient {
  constructor(
    private readonly node: NodeConfig,
    private readonly actor: Actor,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
    /** The request this call serves: the sibling's log line carries the same id. */
    private readonly requestId?: string,
  ) {}

  async query<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = JSON.stringify({ query, variables });
    let res: Response;
    try {
      res = await fetch(this.node.subgraphs[subgraph], {
        method: 'POST',
        headers: { ...internalHeaders(this.actor, body, this.secret, { subgraph, node: this.node.id }), ...(this.requestId ? { [REQUEST_ID_HEADER]: this.requestId } : {}) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new AppError('INTERNAL_SERVER_ERROR', `${subgraph} 服务暂不可用 / the ${subgraph} service of this node did not answer; try again later`);
    }
    const json = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (json.errors?.length) {
      const e = json.errors[0];
      throw new AppError((e.extensions?.code as never) ?? 'INTERNAL_SERVER_ERROR', e.message);
    }
    return json.data as T;
  }

  /** After a commit that wrote outbox events: tells the sibling consumers to poll now (best effort). */
  nudgeConsumers(publisher: SubgraphName): void {
    nudgeConsumers(this.node, publisher, this.actor, this.secret, this.requestId);
  }
}
