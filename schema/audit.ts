import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed head of one audit chain (one subgraph schema on one node), kept outside that node's
 * database by the gateway: a database superuser who truncates or rewrites the log cannot make
 * the rows agree with a checkpoint signed with a key the database never sees [D §24-25, Z §34].
 */
export interface AuditCheckpoint {
  node: string;
  subgraph: string;
  /** id of the last event when the head was taken ('0' for an empty chain). */
  lastId: string;
  /** hash of that event. */
  hash: string;
  /** number of events up to and including lastId. */
  count: number;
  /** ISO time the head was signed. */
  signedAt: string;
  mac: string;
}

/** Per-chain key derived from the deployment's AUDIT_SECRET: rows of one chain do not verify in another. */
export function auditChainKey(secret: string, node: string, subgraph: string): Buffer {
  return createHmac('sha256', secret).update(`audit-chain\u0000${node}\u0000${subgraph}`).digest();
}

function checkpointMac(secret: string, c: Omit<AuditCheckpoint, 'mac'>): Buffer {
  return createHmac('sha256', secret)
    .update(JSON.stringify(['audit-checkpoint', c.node, c.subgraph, c.lastId, c.hash, c.count, c.signedAt]))
    .digest();
}

export function signCheckpoint(secret: string, c: Omit<AuditCheckpoint, 'mac'>): AuditCheckpoint {
  return { node: c.node, subgraph: c.subgraph, lastId: c.lastId, hash: c.hash, count: c.count, signedAt: c.signedAt, mac: checkpointMac(secret, c).toString('base64url') };
}

export function isValidCheckpoint(secret: string, c: unknown): c is AuditCheckpoint {
  if (!c || typeof c !== 'object') return false;
  const x = c as Record<string, unknown>;
  if (
    typeof x.node !== 'string' ||
    typeof x.subgraph !== 'string' ||
    typeof x.lastId !== 'string' ||
    typeof x.hash !== 'string' ||
    typeof x.count !== 'number' ||
    typeof x.signedAt !== 'string' ||
    typeof x.mac !== 'string'
  )
    return false;
  const expected = checkpointMac(secret, { node: x.node, subgraph: x.subgraph, lastId: x.lastId, hash: x.hash, count: x.count, signedAt: x.signedAt });
  const given = Buffer.from(x.mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Response extension in which a subgraph returns its new signed head after appending events. */
export const AUDIT_HEAD_EXTENSION = 'auditHead';

/** Internal (gateway-signed) endpoints every subgraph serves for the audit log. */
export const AUDIT_PATHS = { head: '/internal/audit/head', events: '/internal/audit/events', verify: '/internal/audit/verify' } as const;

/** One event as the internal events endpoint returns it. */
export interface AuditEventRow {
  node: string;
  subgraph: string;
  id: string;
  at: string;
  kind: 'CHANGE' | 'READ';
  actorSub: string;
  actorOrg: string | null;
  actorRegion: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
}

/** Filter of the internal events endpoint; the subgraph limits it to the signed caller's region subtree. */
export interface AuditEventQuery {
  /** Region whose subtree to list (default: the caller's own region); must lie within the caller's. */
  regionCode?: string | null;
  actorSub?: string | null;
  actorOrg?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  kind?: 'CHANGE' | 'READ' | null;
  from?: string | null;
  to?: string | null;
  /** Page after this position in newest-first order: events strictly older than `at`, or at `at` with id < `id` (id absent: none at `at`; inclusive: all at `at`). */
  before?: { at: string; id?: string; inclusive?: boolean } | null;
  limit: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** id of the first row whose link or content does not match (or of the checkpoint that finds no row). */
  brokenAt?: string;
  reason?: string;
  /** legacy rows (plain SHA-256, before the chain was keyed) at the start of the chain. */
  legacy?: number;
  /** checkpoints compared against the rows. */
  checkpoints?: number;
}
