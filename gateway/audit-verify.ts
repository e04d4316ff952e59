import { AnchorStore } from './audit-anchors.js';
import { AUDIT_SYSTEM_ACTOR, verifyChain, type ChainReport } from './audit.js';
import { loadTopology, type Env } from '../platform/env.js';
import { SUBGRAPH_NAMES } from '../schema/topology.js';

/**
 * What `npm run audit:verify [-- --node <id>]` does: has every node check its audit chains with
 * the key and against the checkpoints in AUDIT_ANCHOR_FILE [D §24-25, Z §34].
 */
export async function auditVerify(
  argv: string[],
  env: Pick<Env, 'topologyFile' | 'auditSecret' | 'auditAnchorFile' | 'internalSecret' | 'nodeTimeoutMs'>,
): Promise<{ reports: ChainReport[]; ok: boolean }> {
  const topology = loadTopology(env.topologyFile);
  const only = argv.includes('--node') ? argv[argv.indexOf('--node') + 1] : undefined;
  const anchors = new AnchorStore(env.auditSecret, env.auditAnchorFile);
  const reports: ChainReport[] = [];
  for (const node of topology.nodes.filter((n) => !only || n.id === only)) {
    for (const subgraph of SUBGRAPH_NAMES) {
      reports.push(await verifyChain(node, subgraph, AUDIT_SYSTEM_ACTOR, { anchors, internalSecret: env.internalSecret, timeoutMs: env.nodeTimeoutMs }));
    }
  }
  await anchors.close();
  return { reports, ok: reports.length > 0 && reports.every((r) => r.ok) };
}

/** One line per chain: ok, or the first broken link. */
export function formatReport(r: ChainReport): string {
  const where = `${r.node}/${r.subgraph}`;
  if (r.unavailable) return `FAIL ${where}: unreachable (${r.unavailable})`;
  if (r.ok) return `ok   ${where}: ${r.checked} events${r.legacy ? ` (${r.legacy} legacy)` : ''}, ${r.checkpoints} checkpoints`;
  return `FAIL ${where}: broken at event ${r.brokenAt}: ${r.reason}`;
}
