import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../schema/auth.js';
import { auditChainKey, signCheckpoint, type AuditCheckpoint, type AuditEventQuery, type AuditEventRow, type AuditVerification } from '../../../schema/audit.js';
import { regionOf } from '../../../schema/ids.js';
import { AppError, auditUnavailable, isDatabaseUnavailable } from './errors.js';
import { countAuditEventsOnCommit } from './metrics.js';

export type { AuditVerification } from '../../../schema/audit.js';

/** A change event as the log stores it; what each action holds is typed in schema/audit-actions.ts (`AuditChange`), which `mutate` and event handlers take. */
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  data?: unknown;
}

/** The chain of one subgraph on one node, with its key (never stored in the database). */
export interface AuditChain {
  schema: string;
  node: string;
  key: Buffer;
  /** AUDIT_SECRET itself: signs the checkpoints the gateway keeps. */
  secret: string;
}

export function auditChain(secret: string, node: string, schema: string): AuditChain {
  return { schema, node, key: auditChainKey(secret, node, schema), secret };
}

interface PendingRead {
  at: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
}

/**
 * The audit side of one request: reads of non-public data collected while resolving, written
 * once at the end; and whether the chain grew, so the response can carry its new signed head.
 */
export class AuditSession {
  readonly reads: PendingRead[] = [];
  private readonly seen = new Set<string>();
  appended = false;
  constructor(
    readonly chain: AuditChain,
    readonly actor: Actor,
  ) {}

  read(entityType: string, entityId: string, regionCode: string | null) {
    const k = `${entityType}\u0000${entityId}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.reads.push({ at: new Date().toISOString(), entityType, entityId, regionCode });
  }
}

/**
 * Records that the caller was shown a non-public object [D §24, Z §34]: one line next to the
 * visibility decision; written with the request's other reads in one statement at its end.
 */
export function recordRead(ctx: { audit: AuditSession }, entityType: string, entityId: string, regionCode?: string | null): void {
  ctx.audit.read(entityType, entityId, regionCode ?? regionOf(entityId));
}

const GENESIS = '0'.repeat(64);

function legacyHash(prev: string, at: string, actorSub: string, actorOrg: string | null, e: { action: string; entityType: string; entityId: string }, data: string) {
  return createHash('sha256')
    .update(JSON.stringify([prev, at, actorSub, actorOrg, e.action, e.entityType, e.entityId, data]))
    .digest('hex');
}

interface KeyedFields {
  prev: string;
  seq: number;
  at: string;
  kind: string;
  actorSub: string;
  actorOrg: string | null;
  actorRegion: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  data: string;
}

function keyedHash(key: Buffer, f: KeyedFields): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['v2', f.prev, f.seq, f.at, f.kind, f.actorSub, f.actorOrg, f.actorRegion, f.action, f.entityType, f.entityId, f.regionCode, f.data]))
    .digest('hex');
}

type Trx = ReturnType<EntityManager['getTransactionContext']>;

/**
 * Statements on the audit table: one that fails while the database answers (the table missing or
 * altered, its triggers or rights changed, a lock wait past the statement timeout) makes the
 * audit log unavailable — AUDIT_UNAVAILABLE, which a caller can understand and an operator is told
 * of — rather than an internal error. An unreachable database stays what it is.
 */
async function onAuditTable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError || isDatabaseUnavailable(err)) throw err;
    throw auditUnavailable(err);
  }
}

/** Last link of the chain and its position; counts legacy rows once, when the first keyed row is written. */
async function lastLink(em: EntityManager, schema: string, trx: Trx): Promise<{ id: string; hash: string; seq: number }> {
  const conn = em.getConnection();
  const [last] = await conn.execute<{ id: string; hash: string; seq: string | null }[]>(
    `select id, hash, seq from "${schema}".audit_event order by id desc limit 1`,
    [],
    'all',
    trx,
  );
  if (!last) return { id: '0', hash: GENESIS, seq: 0 };
  if (last.seq !== null) return { id: String(last.id), hash: last.hash, seq: Number(last.seq) };
  const [{ n }] = await conn.execute<{ n: string }[]>(`select count(*) as n from "${schema}".audit_event`, [], 'all', trx);
  return { id: String(last.id), hash: last.hash, seq: Number(n) };
}

interface NewEvent {
  at: string;
  kind: 'CHANGE' | 'READ';
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  data: string;
}

/** Appends events in one statement; the caller's transaction holds them together with its change. */
async function append(em: EntityManager, chain: AuditChain, actor: Actor, events: NewEvent[], trx: Trx): Promise<{ id: string; hash: string; seq: number }> {
  const conn = em.getConnection();
  // One writer at a time per chain: two concurrent transactions must not link to the same predecessor.
  await conn.execute(`select pg_advisory_xact_lock(hashtext('${chain.schema}.audit_event'))`, [], 'all', trx);
  let { hash: prev, seq } = await lastLink(em, chain.schema, trx);
  const values: unknown[] = [];
  for (const e of events) {
    seq += 1;
    const f: KeyedFields = {
      prev,
      seq,
      at: e.at,
      kind: e.kind,
      actorSub: actor.sub,
      actorOrg: actor.orgId,
      actorRegion: actor.region,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      regionCode: e.regionCode,
      data: e.data,
    };
    const hash = keyedHash(chain.key, f);
    values.push(f.at, f.kind, 'HMAC', f.seq, f.actorSub, f.actorOrg, f.actorRegion, f.action, f.entityType, f.entityId, f.regionCode, f.data, prev, hash);
    prev = hash;
  }
  const inserted = await conn.execute<{ id: string }[]>(
    `insert into "${chain.schema}".audit_event (at, kind, keying, seq, actor_sub, actor_org, actor_region, action, entity_type, entity_id, region_code, data, prev_hash, hash) values ${events.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} returning id`,
    values,
    'all',
    trx,
  );
  for (const kind of ['CHANGE', 'READ'] as const) {
    const n = events.filter((e) => e.kind === kind).length;
    if (n) countAuditEventsOnCommit(trx, { subgraph: chain.schema, node: chain.node }, kind, n);
  }
  return { id: String(inserted.reduce((max, r) => (BigInt(r.id) > max ? BigInt(r.id) : max), 0n)), hash: prev, seq };
}

/** Appends one change event; must run inside the mutation's transaction so it commits or rolls back with it. */
export async function writeAudit(em: EntityManager, audit: AuditSession, actor: Actor, event: AuditEvent): Promise<void> {
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('writeAudit must run inside a transaction');
  await onAuditTable(() =>
    append(
      em,
      audit.chain,
      actor,
      [
        {
          at: new Date().toISOString(),
          kind: 'CHANGE',
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          regionCode: regionOf(event.entityId) ?? actor.region,
          data: JSON.stringify(event.data ?? null),
        },
      ],
      trx,
    ),
  );
  audit.appended = true;
}

/**
 * Ends a request's audit: writes the reads it collected (one transaction, one insert however
 * many) and, when the chain grew, returns its new head signed for the gateway to keep.
 */
export async function finishAudit(em: EntityManager, audit: AuditSession): Promise<AuditCheckpoint | null> {
  if (audit.reads.length) {
    const reads = audit.reads.splice(0);
    const last = await onAuditTable(() =>
      em.transactional((tx) =>
        append(
          tx,
          audit.chain,
          audit.actor,
          reads.map((r) => ({ ...r, kind: 'READ' as const, action: 'read', data: 'null' })),
          tx.getTransactionContext(),
        ),
      ),
    );
    // The last read written is a point of the chain as good as any to anchor.
    return signCheckpoint(audit.chain.secret, {
      node: audit.chain.node,
      subgraph: audit.chain.schema,
      lastId: last.id,
      hash: last.hash,
      count: last.seq,
      signedAt: new Date().toISOString(),
    });
  }
  return audit.appended ? auditHead(em, audit.chain) : null;
}

/** The chain's current head, signed. */
export async function auditHead(em: EntityManager, chain: AuditChain): Promise<AuditCheckpoint> {
  const last = await onAuditTable(() => lastLink(em, chain.schema, undefined));
  return signCheckpoint(chain.secret, { node: chain.node, subgraph: chain.schema, lastId: last.id, hash: last.hash, count: last.seq, signedAt: new Date().toISOString() });
}

type Row = {
  id: string;
  at: Date;
  kind: string;
  keying: string;
  seq: string | null;
  actor_sub: string;
  actor_org: string | null;
  actor_region: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  data: string;
  prev_hash: string;
  hash: string;
};

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks the chain in order with the key, then compares every checkpoint kept outside the database
 * with the row it names: removing or rewriting events — also at the end, also re-hashed — is
 * found, and the report names the first broken link [D §24-25, Z §34].
 */
export async function verifyAuditChain(
  em: EntityManager,
  chain: AuditChain,
  checkpoints: readonly Pick<AuditCheckpoint, 'lastId' | 'hash' | 'count'>[] = [],
): Promise<AuditVerification> {
  const conn = em.getConnection();
  const wanted = new Map<string, { hash: string; position: number }>();
  for (const c of checkpoints) if (c.lastId !== '0') wanted.set(String(c.lastId), { hash: '', position: -1 });
  let prev = GENESIS;
  let position = 0;
  let legacy = 0;
  let keyed = false;
  let lastId = '0';
  const fail = (id: string, reason: string): AuditVerification => ({ ok: false, checked: position, brokenAt: id, reason, legacy });
  for (;;) {
    // Keyset pages keep memory bounded however long the chain is.
    const rows = await onAuditTable(() => conn.execute<Row[]>(`select * from "${chain.schema}".audit_event where id > ? order by id limit 5000`, [lastId]));
    if (!rows.length) break;
    for (const r of rows) {
      const id = String(r.id);
      if (r.prev_hash !== prev) return fail(id, 'prev_hash does not match the previous event (an event was removed, inserted or reordered)');
      const at = new Date(r.at).toISOString();
      if (r.keying === 'HMAC') {
        keyed = true;
        if (Number(r.seq) !== position + 1) return fail(id, `position ${r.seq} where ${position + 1} was expected (events were removed or inserted)`);
        const expected = keyedHash(chain.key, {
          prev,
          seq: Number(r.seq),
          at,
          kind: r.kind,
          actorSub: r.actor_sub,
          actorOrg: r.actor_org,
          actorRegion: r.actor_region,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          regionCode: r.region_code,
          data: r.data,
        });
        if (!sameHex(expected, r.hash)) return fail(id, 'content does not match its keyed hash (the event was altered or forged without the key)');
      } else {
        if (keyed) return fail(id, 'an unkeyed event follows keyed ones (the log was rewritten without the key)');
        const expected = legacyHash(prev, at, r.actor_sub, r.actor_org, { action: r.action, entityType: r.entity_type, entityId: r.entity_id }, r.data);
        if (expected !== r.hash) return fail(id, 'content does not match its hash (the event was altered)');
        legacy += 1;
      }
      position += 1;
      prev = r.hash;
      lastId = id;
      const w = wanted.get(id);
      if (w) Object.assign(w, { hash: r.hash, position });
    }
  }
  // Oldest first, so the report names the earliest point at which the log stops matching.
  for (const c of [...checkpoints].sort((a, b) => Number(a.lastId) - Number(b.lastId))) {
    if (c.lastId === '0') continue;
    const w = wanted.get(String(c.lastId))!;
    if (w.position < 0) {
      return {
        ok: false,
        checked: position,
        legacy,
        checkpoints: checkpoints.length,
        brokenAt: String(c.lastId),
        reason: `event ${c.lastId} named by a checkpoint (${c.count} events) is missing: the log was cut after event ${lastId} (${position} events remain)`,
      };
    }
    if (w.hash !== c.hash || w.position !== c.count) {
      return {
        ok: false,
        checked: position,
        legacy,
        checkpoints: checkpoints.length,
        brokenAt: String(c.lastId),
        reason: `event ${c.lastId} does not match its checkpoint (hash or position differs: the log was rewritten)`,
      };
    }
  }
  return { ok: true, checked: position, legacy, checkpoints: checkpoints.length };
}

/** Events newest first, of objects in `regions` (the caller's subtree, decided by the caller of this function). */
export async function queryAuditEvents(em: EntityManager, chain: AuditChain, regions: string[], q: AuditEventQuery): Promise<AuditEventRow[]> {
  if (!regions.length) return [];
  const where = [`coalesce(region_code, split_part(entity_id, ':', 1)) in (${regions.map(() => '?').join(', ')})`];
  const params: unknown[] = [...regions];
  const eq = (col: string, v: unknown) => {
    if (v === undefined || v === null) return;
    where.push(`${col} = ?`);
    params.push(v);
  };
  eq('actor_sub', q.actorSub);
  eq('actor_org', q.actorOrg);
  eq('entity_type', q.entityType);
  eq('entity_id', q.entityId);
  eq('kind', q.kind);
  const cond = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (q.from) cond('at >= ?', q.from);
  if (q.to) cond('at < ?', q.to);
  if (q.before) {
    if (q.before.inclusive) cond('at <= ?', q.before.at);
    else if (q.before.id) cond('(at < ? or (at = ? and id < ?))', q.before.at, q.before.at, q.before.id);
    else cond('at < ?', q.before.at);
  }
  params.push(q.limit);
  const rows = await onAuditTable(() =>
    em.getConnection().execute<Row[]>(
      `select id, at, kind, actor_sub, actor_org, actor_region, action, entity_type, entity_id, region_code from "${chain.schema}".audit_event
     where ${where.join(' and ')} order by at desc, id desc limit ?`,
      params,
    ),
  );
  return rows.map((r) => ({
    node: chain.node,
    subgraph: chain.schema,
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    kind: r.kind as AuditEventRow['kind'],
    actorSub: r.actor_sub,
    actorOrg: r.actor_org,
    actorRegion: r.actor_region,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code ?? regionOf(r.entity_id),
  }));
}

/** `recordRead` for an object about to be returned: hands it back, so the hook fits in the return statement. */
export function readOf<T extends { id: string } | null | undefined>(ctx: { audit: AuditSession }, entityType: string, obj: T): T {
  if (obj) recordRead(ctx, entityType, obj.id);
  return obj;
}

/** `recordRead` for every object of a page about to be returned. */
export function readsOf<P extends { edges: { node: { id: string } }[] }>(ctx: { audit: AuditSession }, entityType: string, page: P): P {
  for (const e of page.edges) recordRead(ctx, entityType, e.node.id);
  return page;
}
