import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { isValidCheckpoint, AUDIT_PATHS, type AuditCheckpoint } from '../schema/audit.js';
import type { Actor } from '../schema/auth.js';
import { internalPost } from '../platform/internal.js';
import { SUBGRAPH_NAMES, type NodeConfig, type SubgraphName } from '../schema/topology.js';

/** The gateway's own identity towards the subgraphs' audit endpoints. */
export const AUDIT_SYSTEM_ACTOR: Actor = Object.freeze({ sub: 'gateway-audit', orgId: null, region: null, roles: ['SYSTEM'] }) as Actor;

/** How many checkpoints per chain the gateway keeps in memory; the file keeps them all. */
const KEPT_PER_CHAIN = 1000;

const chainKey = (node: string, subgraph: string) => `${node}/${subgraph}`;

/**
 * The audit heads of every node's chains, kept outside the nodes' databases: in memory and, when
 * a file is configured, appended to it as JSON lines (one signed checkpoint a line). Only
 * checkpoints signed with AUDIT_SECRET are kept; a head that grew is kept as a new checkpoint,
 * so a later truncation or rewrite below any of them is found by the verification [Z §34].
 */
export class AnchorStore {
  private readonly chains = new Map<string, AuditCheckpoint[]>();
  private readonly out: WriteStream | undefined;

  constructor(
    private readonly secret: string,
    file?: string,
  ) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const c = JSON.parse(line);
          if (isValidCheckpoint(secret, c)) this.keep(c);
        } catch {
          // A torn last line (crash while appending) is not a checkpoint.
        }
      }
    }
    this.out = file ? createWriteStream(file, { flags: 'a' }) : undefined;
  }

  private keep(c: AuditCheckpoint): boolean {
    const key = chainKey(c.node, c.subgraph);
    const list = this.chains.get(key) ?? [];
    const last = list[list.length - 1];
    if (last && last.lastId === c.lastId && last.hash === c.hash) return false;
    list.push(c);
    if (list.length > KEPT_PER_CHAIN) list.splice(0, list.length - KEPT_PER_CHAIN);
    this.chains.set(key, list);
    return true;
  }

  /** Keeps a checkpoint a subgraph returned, if it is signed and names the chain it came from. */
  record(c: unknown, from?: { node: string; subgraph: string }): boolean {
    if (!isValidCheckpoint(this.secret, c)) return false;
    if (from && (c.node !== from.node || c.subgraph !== from.subgraph)) return false;
    if (!this.keep(c)) return false;
    this.out?.write(`${JSON.stringify(c)}\n`);
    return true;
  }

  checkpoints(node: string, subgraph: string): AuditCheckpoint[] {
    return [...(this.chains.get(chainKey(node, subgraph)) ?? [])];
  }

  latest(node: string, subgraph: string): AuditCheckpoint | undefined {
    const list = this.chains.get(chainKey(node, subgraph));
    return list?.[list.length - 1];
  }

  async close(): Promise<void> {
    if (this.out) await new Promise<void>((resolve) => this.out!.end(resolve));
  }
}

/** Calls one subgraph's audit endpoint, signed like any gateway request; `requestId`: the client request it serves, if any. */
export async function callAudit<T>(
  node: NodeConfig,
  subgraph: SubgraphName,
  path: string,
  body: unknown,
  actor: Actor,
  internalSecret: string,
  timeoutMs: number,
  requestId?: string,
): Promise<T> {
  const failed = (why: string) => new Error(`${node.id}/${subgraph} ${path}: ${why}`);
  const res = await internalPost<T & { message?: string }>({ node, subgraph, path, actor, body: JSON.stringify(body), secret: internalSecret, timeoutMs, requestId }).catch(
    (err: Error) => {
      throw failed(err.message);
    },
  );
  if (!res.ok) throw failed(`HTTP ${res.status} ${res.body.message ?? ''}`.trim());
  return res.body;
}

/**
 * Pulls every chain's head into the store: events written outside gateway requests (start-up
 * seeds, maintenance) are anchored too. A node that does not answer is skipped until next time.
 */
export async function pullHeads(nodes: readonly NodeConfig[], anchors: AnchorStore, internalSecret: string, timeoutMs: number): Promise<void> {
  await Promise.all(
    nodes.flatMap((node) =>
      SUBGRAPH_NAMES.map(async (subgraph) => {
        try {
          anchors.record(await callAudit(node, subgraph, AUDIT_PATHS.head, {}, AUDIT_SYSTEM_ACTOR, internalSecret, timeoutMs), { node: node.id, subgraph });
        } catch {
          // Unreachable now: its next head is taken at the next pull or with its next response.
        }
      }),
    ),
  );
}
