import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { internalHeaders, type Actor } from '../../schema/auth.js';
import { getProcessLogger, REQUEST_ID_HEADER, type Logger } from '../../schema/log.js';
import { TopologyIndex, type NodeConfig, type SubgraphName } from '../../schema/topology.js';
import { AuditSession, writeAudit, type AuditChain, type AuditEvent } from './audit.js';

/**
 * Events one subgraph publishes for its siblings on the same node (the catalog tells sharing,
 * opening and operation that an entry was retired or closed), and for the same subgraph on the
 * nodes below it (the city's sharing tells a district's sharing that one of its users was
 * sanctioned, since the city's sanctions cover the district's grants [B §49]).
 *
 * Why a hand-written transactional outbox and not a PostgreSQL queue (pg-boss, graphile-worker):
 * in the embedded mode every subgraph has its own PGlite database, so a consumer cannot read a
 * queue table of the publisher's database. The publisher writes the event in the same transaction
 * as the change (`appendOutbox`), serves it over its signed internal endpoint
 * (`POST /internal/events`), and each consumer pulls after its own cursor and records every event
 * it handled in its own schema in the same transaction as the effect (`deliverEvent`). So: an
 * event exists iff the change committed; a consumer that crashes before its commit gets the event
 * again; a second delivery finds the receipt and changes nothing. The same code runs on PGlite and
 * on PostgreSQL.
 */

/** An event as the publisher writes it. */
export interface OutboxEvent {
  /** e.g. `dataResource.retired`. */
  type: string;
  entityId: string;
  regionCode: string;
  data: Record<string, unknown>;
}

/** An event as a consumer receives it: `id` grows in commit order within one publisher. */
export interface DeliveredEvent extends OutboxEvent {
  id: string;
  occurredAt: string;
}

/** Where the consumer runs, for handlers whose effect depends on it (its node's policy profiles). */
export interface EventContext {
  node: NodeConfig;
  /** The node whose outbox the event came from. */
  source: NodeConfig;
}

/** What a consumer's handler did: the audit events to write (as SYSTEM) with the receipt. */
export type EventHandler = (em: EntityManager, event: DeliveredEvent, ctx: EventContext) => Promise<AuditEvent[]>;

/** The internal caller of event endpoints and the actor of every change a consumer makes. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ sub: 'SYSTEM', orgId: null, region: null, roles: ['SYSTEM'] }) as Actor;

export const EVENTS_PATH = '/internal/events';
export const NUDGE_PATH = '/internal/events/nudge';
export const DEFAULT_EVENT_POLL_MS = 1000;
const BATCH = 100;

/**
 * Writes events inside the caller's transaction. Writers take turns on a transaction-scoped lock,
 * so ids are assigned in commit order and a consumer reading "after id n" never skips an event
 * that commits later with a smaller id.
 */
export async function appendOutbox(em: EntityManager, schema: string, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('appendOutbox must run inside a transaction');
  const conn = em.getConnection();
  await conn.execute(`select pg_advisory_xact_lock(hashtext('${schema}.outbox_event'))`, [], 'all', trx);
  for (const e of events) {
    await conn.execute(
      `insert into "${schema}".outbox_event (type, entity_id, region_code, data) values (?, ?, ?, ?)`,
      [e.type, e.entityId, e.regionCode, JSON.stringify(e.data)],
      'run',
      trx,
    );
  }
}

/** The publisher's side of `POST /internal/events`: committed events after a cursor, oldest first. */
export async function readOutbox(em: EntityManager, schema: string, after: string, limit = BATCH): Promise<DeliveredEvent[]> {
  const rows = await em
    .getConnection()
    .execute<{ id: string; type: string; entity_id: string; region_code: string; data: unknown; occurred_at: Date }[]>(
      `select id::text as id, type, entity_id, region_code, data, occurred_at from "${schema}".outbox_event where id > ? order by id limit ?`,
      [after, Math.min(Math.max(limit, 1), BATCH)],
    );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

/**
 * Handles one event exactly once in the consumer's schema: the receipt, the effect and its audit
 * events commit together. Returns false for an event already handled (a re-delivery, or a second
 * consumer racing on the same database: the receipt's key makes it wait and then skip).
 */
export async function deliverEvent(orm: MikroORM, chain: AuditChain, source: string, event: DeliveredEvent, handle: EventHandler, context: EventContext): Promise<boolean> {
  const schema = chain.schema;
  return orm.em.fork().transactional(async (em) => {
    const trx = em.getTransactionContext();
    const inserted = await em
      .getConnection()
      .execute<{ event_id: string }[]>(
        `insert into "${schema}".event_receipt (source, event_id, type, entity_id) values (?, ?, ?, ?) on conflict do nothing returning event_id`,
        [source, event.id, event.type, event.entityId],
        'all',
        trx,
      );
    if (inserted.length === 0) return false;
    const audits = await handle(em, event, context);
    await em.flush();
    const audit = new AuditSession(chain, SYSTEM_ACTOR);
    for (const a of audits) await writeAudit(em, audit, SYSTEM_ACTOR, a);
    return true;
  });
}

/** The subgraph's URL with another path (topology URLs point at `/graphql`). */
function endpoint(node: NodeConfig, subgraph: SubgraphName, path: string): string {
  const url = new URL(node.subgraphs[subgraph]);
  url.pathname = path;
  return url.toString();
}

/** A signed internal POST; the signature covers the exact body, like every other internal request. `requestId`: the request it serves, if any. */
function signedPost(node: NodeConfig, subgraph: SubgraphName, path: string, actor: Actor, body: string, secret: string, timeoutMs: number, requestId?: string): Promise<Response> {
  const headers = internalHeaders(actor, body, secret, { subgraph, node: node.id });
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  return fetch(endpoint(node, subgraph, path), { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * Best effort, right after the publisher's commit: asks the consumers to poll now instead of at
 * their next tick — the siblings on this node, and the same subgraph on the nodes below it. A lost
 * nudge costs at most one poll interval; the outbox is the guarantee.
 */
export function nudgeConsumers(node: NodeConfig, nodes: readonly NodeConfig[], publisher: SubgraphName, actor: Actor, secret: string, requestId?: string): void {
  const targets: [NodeConfig, SubgraphName][] = (Object.keys(node.subgraphs) as SubgraphName[]).filter((s) => s !== publisher).map((s) => [node, s]);
  for (const below of new TopologyIndex({ nodes: [...nodes] }).nodesBelow(node)) targets.push([below, publisher]);
  for (const [n, s] of targets) {
    signedPost(n, s, NUDGE_PATH, actor, '{}', secret, 2000, requestId).then(
      (r) => r.body?.cancel(),
      () => undefined,
    );
  }
}

/** The receipts' name of a source: the sibling's name, or `<subgraph>@<node>` for another node's. */
export const sourceKey = (subgraph: SubgraphName, from: NodeConfig, node: NodeConfig) => (from.id === node.id ? subgraph : `${subgraph}@${from.id}`);

export interface EventConsumerOptions {
  orm: MikroORM;
  /** The consumer's own audit chain; its schema is where receipts and audit events go. */
  chain: AuditChain;
  /** Read at every poll: a harness may fill in sibling URLs after start. */
  node: NodeConfig;
  source: SubgraphName;
  /** The node whose `source` is read (read at every poll); this node when absent. */
  from?: NodeConfig;
  secret: string;
  handle: EventHandler;
  pollMs?: number;
  /** Where delivery trouble is told; the process logger when absent. */
  logger?: Logger;
}

/**
 * Pulls the source's outbox after this consumer's cursor (the highest receipt) every `pollMs` and
 * on every nudge, handling events one by one in order. A failing event stops the batch and is
 * retried at the next poll, so nothing after it is handled first.
 */
export class EventConsumer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  private readonly log: Logger;
  private readonly from: NodeConfig;
  private readonly key: string;

  constructor(private readonly o: EventConsumerOptions) {
    this.log = o.logger ?? getProcessLogger().child({ service: o.chain.schema });
    this.from = o.from ?? o.node;
    this.key = sourceKey(o.source, this.from, o.node);
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.poll().finally(tick);
      }, this.o.pollMs ?? DEFAULT_EVENT_POLL_MS);
    };
    void this.poll();
    tick();
  }

  /** Runs one poll now; a request during a running poll makes that poll go round once more. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async cursor(): Promise<string> {
    const rows = await this.o.orm.em
      .fork()
      .getConnection()
      .execute<{ last: string | null }[]>(`select max(event_id)::text as last from "${this.o.chain.schema}".event_receipt where source = ?`, [this.key]);
    return rows[0]?.last ?? '0';
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const body = JSON.stringify({ after: await this.cursor(), limit: BATCH });
        const res = await signedPost(this.from, this.o.source, EVENTS_PATH, SYSTEM_ACTOR, body, this.o.secret, 5000);
        if (!res.ok) throw new Error(`${this.key} answered ${res.status}`);
        const { events } = (await res.json()) as { events: DeliveredEvent[] };
        for (const e of events) {
          if (this.stopped) return;
          await deliverEvent(this.o.orm, this.o.chain, this.key, e, this.o.handle, { node: this.o.node, source: this.from });
        }
        if (this.failing) this.log.info({ source: this.key }, 'event delivery resumed');
        this.failing = false;
        if (events.length < BATCH) return;
      }
    } catch (err) {
      // The source may be restarting; say so once per outage, not once per second.
      if (!this.failing && !this.stopped) this.log.warn({ source: this.key, error: (err as Error).message }, 'events not delivered yet, retrying');
      this.failing = true;
    }
  }
}
