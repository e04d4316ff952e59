import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../schema/auth.js';

/**
 * DDL for the append-only, hash-chained audit log every subgraph keeps in its own schema
 * (SEC-2 [D §5, D §24-25, Z §34, J §28]). Triggers reject UPDATE, DELETE and TRUNCATE even for
 * the application's own database user; `data` is stored as the exact text that was hashed so the
 * verifier recomputes byte for byte.
 */
export function auditTableSql(schema: string): string[] {
  const t = `"${schema}"."audit_event"`;
  return [
    `create table ${t} (
      id bigserial primary key,
      at timestamptz not null,
      actor_sub text not null,
      actor_org text,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      data text not null,
      prev_hash text not null,
      hash text not null
    )`,
    `create function "${schema}".audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only: % is not allowed', TG_OP; end $$`,
    `create trigger audit_event_no_change before update or delete on ${t} for each row execute function "${schema}".audit_event_append_only()`,
    `create trigger audit_event_no_truncate before truncate on ${t} for each statement execute function "${schema}".audit_event_append_only()`,
  ];
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  data?: unknown;
}

const GENESIS = '0'.repeat(64);

function chainHash(prev: string, at: string, actorSub: string, actorOrg: string | null, e: { action: string; entityType: string; entityId: string }, data: string) {
  return createHash('sha256')
    .update(JSON.stringify([prev, at, actorSub, actorOrg, e.action, e.entityType, e.entityId, data]))
    .digest('hex');
}

/** Appends one event; must run inside the mutation's transaction so it commits or rolls back with it. */
export async function writeAudit(em: EntityManager, schema: string, actor: Actor, event: AuditEvent): Promise<void> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('writeAudit must run inside a transaction');
  // One writer at a time per chain: two concurrent transactions must not link to the same predecessor.
  await conn.execute(`select pg_advisory_xact_lock(hashtext('${schema}.audit_event'))`, [], 'all', trx);
  const last = await conn.execute<{ hash: string }[]>(`select hash from "${schema}".audit_event order by id desc limit 1`, [], 'all', trx);
  const prev = last[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const data = JSON.stringify(event.data ?? null);
  const hash = chainHash(prev, at, actor.sub, actor.orgId, event, data);
  await conn.execute(
    `insert into "${schema}".audit_event (at, actor_sub, actor_org, action, entity_type, entity_id, data, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [at, actor.sub, actor.orgId, event.action, event.entityType, event.entityId, data, prev, hash],
    'run',
    trx,
  );
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** id of the first row whose link or content does not match. */
  brokenAt?: string;
  reason?: string;
}

/** Walks the chain in order and reports the first broken link. */
export async function verifyAuditChain(em: EntityManager, schema: string): Promise<AuditVerification> {
  const rows = await em.getConnection().execute<
    { id: string; at: Date; actor_sub: string; actor_org: string | null; action: string; entity_type: string; entity_id: string; data: string; prev_hash: string; hash: string }[]
  >(`select * from "${schema}".audit_event order by id`);
  let prev = GENESIS;
  for (const [i, r] of rows.entries()) {
    if (r.prev_hash !== prev) return { ok: false, checked: i, brokenAt: String(r.id), reason: 'prev_hash does not match the previous event (an event was removed or reordered)' };
    const expected = chainHash(prev, new Date(r.at).toISOString(), r.actor_sub, r.actor_org, { action: r.action, entityType: r.entity_type, entityId: r.entity_id }, r.data);
    if (expected !== r.hash) return { ok: false, checked: i, brokenAt: String(r.id), reason: 'content does not match its hash (the event was altered)' };
    prev = r.hash;
  }
  return { ok: true, checked: rows.length };
}
