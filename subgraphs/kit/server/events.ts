import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../../../schema/auth.js';
import { getProcessLogger, type Logger } from '../../../platform/log.js';
import { internalPost } from '../../../platform/internal.js';
import type { DeliveredEvent, OutboxEvent } from '../../../schema/events.js';
import { TopologyIndex, type NodeConfig, type SubgraphName } from '../../../schema/topology.js';
import { RETENTION_DEFAULTS } from '../../../platform/env.js';
import type { AuditChange } from '../../../schema/audit-actions.js';
import { AuditSession, writeAudit, type AuditChain } from './audit.js';
import { isDatabaseUnavailable } from './errors.js';
import { countDeadLetter } from './metrics.js';

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
 *
 * Nothing grows forever (kit/server/retention.ts prunes): every pull names its consumer and carries its
 * cursor, which the publisher keeps in `outbox_consumer`, so an event goes once every consumer the
 * publisher expects has acknowledged it (or once it is older than the retention, whatever happens);
 * receipts older than the retention go too, except each source's newest, which is the cursor. An
 * event whose handler fails `maxAttempts` times in a row goes to the consumer's
 * `event_dead_letter` table with its error and counts as handled, so the events after it flow.
 */

/** Where the consumer runs, for handlers whose effect depends on it (its node's policy profiles). */
export interface EventContext {
  node: NodeConfig;
  /** The node whose outbox the event came from. */
  source: NodeConfig;
}

/** What a consumer's handler did: the audit events to write (as SYSTEM) with the receipt; `C`: the consuming subgraph's changes (`AuditChange<'sharing'>`). */
export type EventHandler<C extends AuditChange = AuditChange> = (em: EntityManager, event: DeliveredEvent, ctx: EventContext) => Promise<C[]>;

/** The internal caller of event endpoints and the actor of every change a consumer makes. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ sub: 'SYSTEM', orgId: null, region: null, roles: ['SYSTEM'] }) as Actor;

export const EVENTS_PATH = '/internal/events';
export const NUDGE_PATH = '/internal/events/nudge';
export const DEFAULT_EVENT_POLL_MS = 1000;
/** Failures of one event's handler, in a row, before it goes to the dead-letter table (EVENT_MAX_ATTEMPTS). */
export const DEFAULT_EVENT_MAX_ATTEMPTS = RETENTION_DEFAULTS.eventMaxAttempts;
const BATCH = 100;

/** A consumer as its publisher knows it: `<subgraph>@<node>` (the consuming subgraph and its node). */
export const consumerKey = (subgraph: SubgraphName, node: NodeConfig) => `${subgraph}@${node.id}`;
const CONSUMER_KEY = /^[a-z]{1,32}@[\w.-]{1,64}$/;

/** What a subgraph declares it consumes (kit/server/subgraph.ts `SubgraphModule.consumes`). */
export interface ConsumedSource {
  source: SubgraphName;
  /**
   * `node`: a sibling's outbox on this node (the default); `above`: the same subgraph's on every node
   * above; `below`: the source's on every node below (records here built on data kept below).
   */
  from?: 'node' | 'above' | 'below';
}

/**
 * The consumers that read `publisher`'s outbox on `node`: its siblings there that consume it, the
 * same subgraph on every node below that consumes it from above, and every node above's subgraph
 * that consumes it from below. The publisher waits for each
 * of them to acknowledge an event before pruning it (kit/server/retention.ts).
 */
export function outboxConsumers(
  publisher: SubgraphName,
  node: NodeConfig,
  topology: TopologyIndex,
  modules: readonly { name: SubgraphName; consumes?: readonly ConsumedSource[] }[],
): string[] {
  const out = new Set<string>();
  for (const m of modules) {
    for (const c of m.consumes ?? []) {
      if (c.source !== publisher) continue;
      if (c.from === 'above') for (const below of topology.nodesBelow(node)) out.add(consumerKey(m.name, below));
      else if (c.from === 'below') for (const above of topology.nodesAbove(node)) out.add(consumerKey(m.name, above));
      else if (m.name !== publisher) out.add(consumerKey(m.name, node));
    }
  }
  return [...out].sort();
}

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
 * The publisher's side of a pull's acknowledgement: `consumer` has handled every event up to
 * `after` (its cursor). Written only when the cursor moved, so an idle consumer polling every second
 * writes nothing. A consumer whose cursor went back (its database restored) is taken at its word.
 */
export async function recordAcknowledgement(em: EntityManager, schema: string, consumer: unknown, after: string): Promise<void> {
  if (typeof consumer !== 'string' || !CONSUMER_KEY.test(consumer)) return;
  await em.getConnection().execute(
    `insert into "${schema}".outbox_consumer (consumer, acknowledged) values (?, ?)
     on conflict (consumer) do update set acknowledged = excluded.acknowledged, acknowledged_at = now()
     where outbox_consumer.acknowledged <> excluded.acknowledged`,
    [consumer, after],
  );
}

/**
 * Claims an event's receipt in the consumer's transaction: false when it was handled already — its
 * receipt is there (a re-delivery, or a second consumer racing on the same database: the key makes
 * it wait and then skip), or a newer event of the source was handled (events are handled in order,
 * so this one was too, and its receipt has been pruned since).
 */
async function claimReceipt(em: EntityManager, schema: string, source: string, event: DeliveredEvent): Promise<boolean> {
  const inserted = await em.getConnection().execute<{ event_id: string }[]>(
    `insert into "${schema}".event_receipt (source, event_id, type, entity_id)
     select ?, ?, ?, ? where not exists (select 1 from "${schema}".event_receipt where source = ? and event_id > ?)
     on conflict do nothing returning event_id`,
    [source, event.id, event.type, event.entityId, source, event.id],
    'all',
    em.getTransactionContext(),
  );
  return inserted.length > 0;
}

/**
 * Handles one event exactly once in the consumer's schema: the receipt, the effect and its audit
 * events commit together. Returns false for an event already handled (see `claimReceipt`).
 */
export async function deliverEvent(orm: MikroORM, chain: AuditChain, source: string, event: DeliveredEvent, handle: EventHandler, context: EventContext): Promise<boolean> {
  const schema = chain.schema;
  return orm.em.fork().transactional(async (em) => {
    if (!(await claimReceipt(em, schema, source, event))) return false;
    const audits = await handle(em, event, context);
    await em.flush();
    const audit = new AuditSession(chain, SYSTEM_ACTOR);
    for (const a of audits) await writeAudit(em, audit, SYSTEM_ACTOR, a);
    return true;
  });
}

/** How an event's handler has failed so far, in a row. */
interface EventFailure {
  eventId: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  error: string;
}

/**
 * Gives up on an event: its receipt (so the stream moves on) and a dead letter holding the event
 * and its last error, in one transaction. False when it was handled meanwhile after all.
 */
async function deadLetter(orm: MikroORM, schema: string, source: string, event: DeliveredEvent, failure: EventFailure): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    if (!(await claimReceipt(em, schema, source, event))) return false;
    await em.getConnection().execute(
      `insert into "${schema}".event_dead_letter (source, event_id, type, entity_id, region_code, data, occurred_at, error, attempts, first_failed_at, last_failed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        source,
        event.id,
        event.type,
        event.entityId,
        event.regionCode,
        JSON.stringify(event.data),
        event.occurredAt,
        failure.error,
        failure.attempts,
        failure.firstFailedAt,
        failure.lastFailedAt,
      ],
      'run',
      em.getTransactionContext(),
    );
    return true;
  });
}

/**
 * Failures that say nothing about the event: the database unreachable, or a conflict with another
 * transaction that a retry resolves (serialization failure, deadlock, lock not available). They
 * are retried without counting against the event; anything else (a bug, a violated constraint, a
 * statement cancelled by the timeout) counts.
 */
const RETRY_LATER = new Set(['40001', '40P01', '55P03']);
const isTransient = (err: unknown) => isDatabaseUnavailable(err) || RETRY_LATER.has(String((err as { code?: unknown } | null)?.code));

/** The error as the dead letter keeps it: its stack (message first), bounded. */
const describeError = (err: unknown) => String((err as Error)?.stack ?? err).slice(0, 4000);

/**
 * Best effort, right after the publisher's commit: asks the consumers to poll now instead of at
 * their next tick — the siblings on this node, and the same subgraph on the nodes below it. A lost
 * nudge costs at most one poll interval; the outbox is the guarantee.
 */
export function nudgeConsumers(node: NodeConfig, nodes: readonly NodeConfig[], publisher: SubgraphName, actor: Actor, secret: string, requestId?: string): void {
  const targets: [NodeConfig, SubgraphName][] = (Object.keys(node.subgraphs) as SubgraphName[]).filter((s) => s !== publisher).map((s) => [node, s]);
  for (const below of new TopologyIndex({ nodes: [...nodes] }).nodesBelow(node)) targets.push([below, publisher]);
  for (const [n, s] of targets) {
    internalPost({ node: n, subgraph: s, path: NUDGE_PATH, actor, body: '{}', secret, requestId, timeoutMs: 2000 }).catch(() => undefined);
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
  /** Failures of one event's handler, in a row, before it goes to the dead-letter table; default `DEFAULT_EVENT_MAX_ATTEMPTS`. */
  maxAttempts?: number;
  /** Where delivery trouble is told; the process logger when absent. */
  logger?: Logger;
}

/**
 * Pulls the source's outbox after this consumer's cursor (the highest receipt) every `pollMs` and
 * on every nudge, handling events one by one in order; each pull names this consumer, so the
 * publisher learns how far it got. A failing event stops the batch and is retried at the next poll,
 * so nothing after it is handled first — until its handler has failed `maxAttempts` times in a row:
 * then it goes to the dead-letter table and the events after it are handled. An unreachable source
 * or database stops the batch without counting against the event.
 */
export class EventConsumer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;
  /** The event at the head of the stream whose handler keeps failing, if any. */
  private failure: EventFailure | undefined;

  private readonly log: Logger;
  private readonly from: NodeConfig;
  private readonly key: string;
  /** This consumer as the publisher knows it. */
  private readonly consumer: string;
  private readonly maxAttempts: number;

  constructor(private readonly o: EventConsumerOptions) {
    this.log = o.logger ?? getProcessLogger().child({ service: o.chain.schema });
    this.from = o.from ?? o.node;
    this.key = sourceKey(o.source, this.from, o.node);
    this.maxAttempts = Math.max(1, o.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS);
    this.consumer = consumerKey(o.chain.schema as SubgraphName, o.node);
    // The series exists from the start, at 0, so an alert on its increase sees the first dead letter.
    countDeadLetter({ subgraph: o.chain.schema, node: o.node.id }, this.key, 0);
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

  /**
   * Delivers one event; false when its handler failed and the event stays at the head of the
   * stream for the next poll. A transient failure is thrown (the batch stops, nothing is counted).
   */
  private async handle(e: DeliveredEvent): Promise<boolean> {
    try {
      await deliverEvent(this.o.orm, this.o.chain, this.key, e, this.o.handle, { node: this.o.node, source: this.from });
      this.failure = undefined;
      return true;
    } catch (err) {
      if (isTransient(err)) throw err;
      const now = new Date();
      const f: EventFailure = this.failure?.eventId === e.id ? this.failure : { eventId: e.id, attempts: 0, firstFailedAt: now, lastFailedAt: now, error: '' };
      f.attempts += 1;
      f.lastFailedAt = now;
      f.error = describeError(err);
      this.failure = f;
      const about = { source: this.key, eventId: e.id, type: e.type, entityId: e.entityId, attempts: f.attempts, maxAttempts: this.maxAttempts };
      if (f.attempts < this.maxAttempts) {
        this.log.warn({ ...about, error: (err as Error)?.message ?? String(err) }, 'event handler failed, retrying');
        return false;
      }
      if (await deadLetter(this.o.orm, this.o.chain.schema, this.key, e, f)) {
        countDeadLetter({ subgraph: this.o.chain.schema, node: this.o.node.id }, this.key);
        this.log.error({ ...about, error: f.error }, 'event moved to the dead-letter table; the events after it are delivered');
      }
      this.failure = undefined;
      return true;
    }
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const body = JSON.stringify({ after: await this.cursor(), limit: BATCH, consumer: this.consumer });
        const res = await internalPost<{ events: DeliveredEvent[] }>({
          node: this.from,
          subgraph: this.o.source,
          path: EVENTS_PATH,
          actor: SYSTEM_ACTOR,
          body,
          secret: this.o.secret,
          timeoutMs: 5000,
        });
        if (!res.ok) throw new Error(`${this.key} answered ${res.status}`);
        const { events } = res.body;
        for (const e of events) {
          if (this.stopped) return;
          if (!(await this.handle(e))) return;
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
