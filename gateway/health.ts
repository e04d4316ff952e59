import { Agent, request } from 'undici';
import { READY_PATH, serviceUrl, SUBGRAPH_NAMES, type NodeConfig, type SubgraphName } from '../schema/topology.js';

export interface NodeHealthOptions {
  /** How often each node service's `/ready` is asked, whether it is up or down. */
  probeIntervalMs?: number;
  /** Bound on one probe: a probe not answered by then is missed. */
  probeTimeoutMs?: number;
}

/** Missed probes in a row that mark an up service down: one may be a pause of this process, two are the service. */
export const MISSES_TO_DOWN = 2;

/** Why calls were cut when their service was found down (the reason an AbortSignal carries). */
export class ServiceDown extends Error {
  constructor(
    readonly since: Date,
    readonly why: string,
  ) {
    super(`is down since ${since.toISOString()} (${why})`);
    this.name = 'ServiceDown';
  }
}

interface Service {
  nodeId: string;
  subgraph: SubgraphName;
  down?: { since: Date; reason: string };
  /** Probes in a row that got no answer (timeout, refused or dropped connection). */
  misses: number;
  timer?: NodeJS.Timeout;
  probe?: AbortController;
  /** Calls in flight that end as soon as the service is found down. */
  watchers: Set<(reason: ServiceDown) => void>;
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

/**
 * The gateway's view of each node service's health: a circuit breaker per (node, subgraph), fed
 * by the requests and by a readiness probe that never stops.
 *
 * Every service's `/ready` is asked every `probeIntervalMs` (one GET at a time per service, each
 * bounded by `probeTimeoutMs`, on connections of their own so a probe never queues behind the
 * requests of a busy node). Up, the service is marked down when a request to it fails as
 * unavailable (timeout, connection error, 502–504, database unavailable), or when MISSES_TO_DOWN
 * probes in a row got no answer at all: a frozen process or link is known within
 * `probeIntervalMs + 2 × probeTimeoutMs` at most, without anyone waiting on it, and the queries
 * then in flight to it end at once. A probe that answers, even "not ready", is no miss: a node
 * whose database pool is busy under load still answers, and its requests, not its probe, say
 * whether it can serve. Nor is a probe whose timer fired late because this process was paused.
 * Down, the router answers the service's part with NODE_UNAVAILABLE without sending, and the
 * service is up again when its `/ready` answers 200 (or a call already in flight is answered).
 *
 * Why not opossum (or cockatiel): both recover by half-opening, i.e. by letting a live request
 * through as the trial, which on a frozen node makes that caller wait the full timeout again; and
 * both own the call they guard (`fire(action)`), while here the router classifies outcomes itself
 * (an answer with a GraphQL error is a success for health, a timed-out mutation is another part's
 * concern). What remains, a probe loop per service and a down-set, is smaller than adapting them.
 */
export class NodeHealth {
  private readonly services = new Map<string, Service>();
  private readonly probeIntervalMs: number;
  private readonly probeTimeoutMs: number;
  /** One keep-alive connection per service for its probes, apart from the request pool. */
  private readonly agent = new Agent({ connections: 1 });
  private stopped = false;

  constructor(
    private readonly nodes: () => readonly NodeConfig[],
    o: NodeHealthOptions = {},
  ) {
    this.probeIntervalMs = o.probeIntervalMs ?? 500;
    this.probeTimeoutMs = o.probeTimeoutMs ?? 1000;
  }

  /** Starts probing every node service of the topology. */
  start(): void {
    for (const node of this.nodes()) for (const subgraph of SUBGRAPH_NAMES) this.schedule(this.service(node.id, subgraph), 0);
  }

  /** Why the service is known to be down, or undefined while it is up. */
  downReason(node: NodeConfig, subgraph: SubgraphName): { since: Date; reason: string } | undefined {
    return this.services.get(key(node.id, subgraph))?.down;
  }

  /** A request was answered: the service is up (it may have come back before its probe saw it). */
  succeeded(node: NodeConfig, subgraph: SubgraphName): void {
    const s = this.services.get(key(node.id, subgraph));
    if (s) s.down = undefined;
  }

  /** A request failed as unavailable: the breaker opens now, and the probe brings the service back. */
  failed(node: NodeConfig, subgraph: SubgraphName, reason: string): void {
    if (this.stopped) return;
    this.markDown(this.service(node.id, subgraph), reason);
  }

  /**
   * Calls `cut` as soon as the service is found down, unless the returned function was called
   * first (the call ended). A query waiting on a frozen node ends then instead of at its timeout.
   */
  watch(node: NodeConfig, subgraph: SubgraphName, cut: (reason: ServiceDown) => void): () => void {
    const s = this.service(node.id, subgraph);
    s.watchers.add(cut);
    return () => void s.watchers.delete(cut);
  }

  view(): NodeHealthView[] {
    return this.nodes().map((n) => {
      const subgraphs = Object.fromEntries(
        SUBGRAPH_NAMES.map((s): [SubgraphName, ServiceHealth] => {
          const d = this.services.get(key(n.id, s))?.down;
          return [s, d ? { status: 'down', since: d.since.toISOString(), reason: d.reason } : { status: 'up' }];
        }),
      ) as Record<SubgraphName, ServiceHealth>;
      const status = Object.values(subgraphs).some((s) => s.status === 'down') ? 'down' : 'up';
      return { id: n.id, name: n.name, regions: n.regions, status, subgraphs };
    });
  }

  /** Ends every probe (the gateway is stopping); the view forgets what was down. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.services.values()) {
      clearTimeout(s.timer);
      s.probe?.abort();
      s.down = undefined;
    }
    await this.agent.close();
  }

  private service(nodeId: string, subgraph: SubgraphName): Service {
    const k = key(nodeId, subgraph);
    let s = this.services.get(k);
    if (!s) {
      s = { nodeId, subgraph, misses: 0, watchers: new Set() };
      this.services.set(k, s);
    }
    return s;
  }

  private markDown(s: Service, reason: string): void {
    if (s.down) {
      s.down.reason = reason;
      return;
    }
    s.down = { since: new Date(), reason };
    const cut = new ServiceDown(s.down.since, reason);
    const watchers = [...s.watchers];
    s.watchers.clear();
    for (const w of watchers) w(cut);
  }

  private schedule(s: Service, delayMs: number): void {
    if (this.stopped) return;
    s.timer = setTimeout(() => void this.probe(s), delayMs);
    // Probing must not keep a process alive that is otherwise done.
    s.timer.unref();
  }

  private async probe(s: Service): Promise<void> {
    const started = performance.now();
    // The URL is read at each probe: the topology may be re-pointed while the gateway runs.
    const node = this.nodes().find((n) => n.id === s.nodeId);
    if (!node || this.stopped) return;
    const probe = new AbortController();
    s.probe = probe;
    const cancelTimeout = abortAfterRunning(probe, this.probeTimeoutMs);
    let answer: 'ready' | 'not ready' | 'none' = 'none';
    try {
      const res = await request(serviceUrl(node, s.subgraph, READY_PATH), { method: 'GET', dispatcher: this.agent, signal: probe.signal });
      await res.body.dump();
      answer = res.statusCode === 200 ? 'ready' : 'not ready';
    } catch {
      answer = 'none';
    } finally {
      cancelTimeout();
      s.probe = undefined;
    }
    if (this.stopped) return;
    if (answer === 'none') {
      s.misses += 1;
      if (s.misses >= MISSES_TO_DOWN && !s.down) {
        const timedOut = probe.signal.reason instanceof ProbeTimeout;
        this.markDown(s, timedOut ? `did not answer its readiness probe within ${this.probeTimeoutMs} ms, ${s.misses} times in a row` : 'could not be reached');
      }
    } else {
      s.misses = 0;
      if (answer === 'ready') s.down = undefined;
    }
    // One probe per interval, measured from its start; one that took longer is followed at once.
    this.schedule(s, Math.max(0, this.probeIntervalMs - (performance.now() - started)));
  }
}

class ProbeTimeout extends Error {
  override name = 'TimeoutError';
}

/** How late a timer may fire before this process counts as having been paused. */
const PAUSE_MS = 100;

/**
 * Aborts `ctl` once `ms` have passed during which this process could run. A timer that fires
 * late means the process was paused (a long synchronous task such as an embedded database's
 * statement, or a starved CPU) and could read no answer meanwhile: it waits another `ms` rather
 * than blame the service. On time, it still lets the I/O already received be read first
 * (setImmediate runs after the poll phase), so an answer that is there counts.
 */
function abortAfterRunning(ctl: AbortController, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const arm = () => {
    const due = performance.now() + ms;
    timer = setTimeout(() => {
      if (performance.now() - due > Math.max(PAUSE_MS, ms / 4)) return arm();
      immediate = setImmediate(() => ctl.abort(new ProbeTimeout()));
    }, ms);
    timer.unref();
  };
  arm();
  return () => {
    clearTimeout(timer);
    clearImmediate(immediate);
  };
}

const key = (nodeId: string, subgraph: SubgraphName) => `${nodeId}\u0000${subgraph}`;
