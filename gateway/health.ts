import type { NodeConfig, SubgraphName } from '../schema/topology.js';
import { SUBGRAPH_NAMES } from '../schema/topology.js';

export interface NodeHealthOptions {
  /** Pause between two readiness probes of a down service (bounded frequency). */
  probeIntervalMs?: number;
  /** Bound on one probe. */
  probeTimeoutMs?: number;
}

interface Down {
  since: Date;
  reason: string;
  timer?: NodeJS.Timeout;
  probe?: AbortController;
}

export type ServiceHealth = { status: 'up' } | { status: 'down'; since: string; reason: string };

export interface NodeHealthView {
  id: string;
  name: string;
  regions: string[];
  /** `down` when any of the node's services is down. */
  status: 'up' | 'down';
  subgraphs: Record<SubgraphName, ServiceHealth>;
}

/** `<base>/graphql` → `<base>/ready`: the readiness endpoint every subgraph serves beside GraphQL. */
export function readyUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql$/, '')}/ready`;
  return url.toString();
}

/**
 * The gateway's view of each node service's health: a circuit breaker per (node, subgraph).
 *
 * Closed (up) until one request fails as "unavailable" (timeout, connection error, 503, database
 * unavailable); then open (down): the router answers that service's part with NODE_UNAVAILABLE at
 * once, without sending, and a background probe asks the service's `/ready` every
 * `probeIntervalMs` (each probe bounded by `probeTimeoutMs`) and closes the breaker when it says
 * ready. The router consults it before sending and informs it of every outcome.
 *
 * Why not opossum (or cockatiel): both recover by half-opening, i.e. by letting a live request
 * through as the trial, which on a frozen node makes that caller wait the full timeout again; and
 * both own the call they guard (`fire(action)`), while here the router classifies outcomes itself
 * (an answer with a GraphQL error is a success for health, a timed-out mutation is another part's
 * concern). What remains, a down-set with a probe loop per entry, is smaller than adapting them.
 */
export class NodeHealth {
  private readonly down = new Map<string, Down>();
  private readonly probeIntervalMs: number;
  private readonly probeTimeoutMs: number;
  private stopped = false;

  constructor(
    private readonly nodes: () => readonly NodeConfig[],
    o: NodeHealthOptions = {},
  ) {
    this.probeIntervalMs = o.probeIntervalMs ?? 1000;
    this.probeTimeoutMs = o.probeTimeoutMs ?? 1000;
  }

  /** Why the service is known to be down, or undefined while it is up. */
  downReason(node: NodeConfig, subgraph: SubgraphName): { since: Date; reason: string } | undefined {
    const d = this.down.get(key(node.id, subgraph));
    return d && { since: d.since, reason: d.reason };
  }

  /** A request was answered: the service is up (it may have come back before its probe saw it). */
  succeeded(node: NodeConfig, subgraph: SubgraphName): void {
    this.close(key(node.id, subgraph));
  }

  /** A request failed as unavailable: open the breaker and start probing for the service's return. */
  failed(node: NodeConfig, subgraph: SubgraphName, reason: string): void {
    if (this.stopped) return;
    const k = key(node.id, subgraph);
    const existing = this.down.get(k);
    if (existing) {
      existing.reason = reason;
      return;
    }
    const entry: Down = { since: new Date(), reason };
    this.down.set(k, entry);
    this.schedule(k, node.id, subgraph, entry);
  }

  view(): NodeHealthView[] {
    return this.nodes().map((n) => {
      const subgraphs = Object.fromEntries(
        SUBGRAPH_NAMES.map((s): [SubgraphName, ServiceHealth] => {
          const d = this.down.get(key(n.id, s));
          return [s, d ? { status: 'down', since: d.since.toISOString(), reason: d.reason } : { status: 'up' }];
        }),
      ) as Record<SubgraphName, ServiceHealth>;
      const status = Object.values(subgraphs).some((s) => s.status === 'down') ? 'down' : 'up';
      return { id: n.id, name: n.name, regions: n.regions, status, subgraphs };
    });
  }

  /** Ends every probe (the gateway is stopping). */
  stop(): void {
    this.stopped = true;
    for (const k of [...this.down.keys()]) this.close(k);
  }

  private close(k: string): void {
    const d = this.down.get(k);
    if (!d) return;
    this.down.delete(k);
    clearTimeout(d.timer);
    d.probe?.abort();
  }

  private schedule(k: string, nodeId: string, subgraph: SubgraphName, entry: Down): void {
    entry.timer = setTimeout(() => void this.probe(k, nodeId, subgraph, entry), this.probeIntervalMs);
    // A pending probe must not keep a process alive that is otherwise done.
    entry.timer.unref();
  }

  private async probe(k: string, nodeId: string, subgraph: SubgraphName, entry: Down): Promise<void> {
    // The URL is read at each probe: the topology may be re-pointed while the service is down.
    const node = this.nodes().find((n) => n.id === nodeId);
    if (!node || this.down.get(k) !== entry) return;
    entry.probe = new AbortController();
    let ready = false;
    try {
      const res = await fetch(readyUrl(node.subgraphs[subgraph]), {
        signal: AbortSignal.any([entry.probe.signal, AbortSignal.timeout(this.probeTimeoutMs)]),
      });
      await res.arrayBuffer();
      ready = res.status === 200;
    } catch {
      ready = false;
    }
    if (this.down.get(k) !== entry) return;
    if (ready) this.close(k);
    else this.schedule(k, nodeId, subgraph, entry);
  }
}

const key = (nodeId: string, subgraph: SubgraphName) => `${nodeId}\u0000${subgraph}`;
