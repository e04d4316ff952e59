import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../schema/auth.js';
import { AUDIT_PATHS, type AuditCheckpoint, type AuditEventQuery } from '../../../schema/audit.js';
import { readsAuditLog } from '../../../schema/authority.js';
import { descendantsOf } from '../../../schema/regions.js';
import type { NodeConfig } from '../../../schema/topology.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../schema/routing.js';
import { auditHead, queryAuditEvents, verifyAuditChain, type AuditChain } from './audit.js';

/** The gateway's own calls (anchoring, `npm run audit:verify`) act as SYSTEM. */
const isSystem = (a: Actor) => a.roles.includes('SYSTEM');

const denied = { status: 403, body: { error: 'FORBIDDEN', message: '仅限审计人员和数据主管部门在本辖区内查阅 / only auditors and data authorities, within their own regions' } };
const bad = (message: string) => ({ status: 400, body: { error: 'BAD_USER_INPUT', message } });

/**
 * The audit endpoints a subgraph serves next to /graphql, signed like every gateway request:
 * the chain's head (anchoring), its events newest first, and its verification against the
 * checkpoints the caller holds.
 */
export async function serveAuditEndpoint(
  path: string,
  raw: string,
  c: { em: EntityManager; chain: AuditChain; actor: Actor; node: NodeConfig },
): Promise<{ status: number; body: unknown }> {
  // biome-ignore lint/suspicious/noExplicitAny: a JSON request body, each field checked where it is read
  let body: Record<string, any>;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    return bad('request body is not JSON');
  }
  if (path === AUDIT_PATHS.head) {
    if (!isSystem(c.actor)) return denied;
    return { status: 200, body: await auditHead(c.em, c.chain) };
  }
  if (path === AUDIT_PATHS.verify) {
    // An auditor may check the chain of a node that hosts part of its regions; the chain itself names no content.
    if (!isSystem(c.actor) && !c.node.regions.some((r) => readsAuditLog(c.actor, r))) return denied;
    const checkpoints = (Array.isArray(body.checkpoints) ? body.checkpoints : []) as AuditCheckpoint[];
    const [result, head] = [await verifyAuditChain(c.em, c.chain, checkpoints), await auditHead(c.em, c.chain)];
    return { status: 200, body: { ...result, head } };
  }
  if (path === AUDIT_PATHS.events) {
    const q = body as AuditEventQuery;
    const scope = q.regionCode ?? c.actor.region;
    // Auditors and data authorities, each within its own region subtree [D §5, J §28].
    if (typeof scope !== 'string' || !readsAuditLog(c.actor, scope)) return denied;
    const limit = Number.isInteger(q.limit) && q.limit > 0 ? Math.min(q.limit, MAX_PAGE_SIZE + 1) : DEFAULT_PAGE_SIZE;
    const regions = descendantsOf(scope).map((r) => r.code);
    return { status: 200, body: { events: await queryAuditEvents(c.em, c.chain, regions, { ...q, limit }) } };
  }
  return { status: 404, body: { error: 'not found' } };
}
