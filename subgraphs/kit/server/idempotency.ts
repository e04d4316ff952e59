import { createHash } from 'node:crypto';
import { Utils, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { IdempotencyState, SubgraphContext } from './context.js';
import { badInput } from './errors.js';

/**
 * Exactly-once mutations (issue 7, item 4). The gateway sends every mutation with an idempotency
 * key (the client's `Idempotency-Key` or one it made). Each root mutation field that commits
 * records (caller, key, field) in `idempotent_mutation` in the same transaction as its change, so
 *  - a retry with the same key and the same field and arguments returns the object the first call
 *    returned, re-read, and writes nothing (`extensions.idempotentReplay` on the response);
 *  - the same key with another mutation or other arguments is refused;
 *  - of two concurrent calls with one key, the second waits on the primary key until the first
 *    commits, then returns its outcome;
 *  - a failed mutation rolls its record back with everything else, so a retry executes again.
 * Keys are scoped to the caller (`actor_sub`): one caller's key never returns another's outcome.
 * A record is kept for the retry window, IDEMPOTENCY_RETENTION_HOURS (kit/server/retention.ts prunes it
 * then): a retry later than that executes again.
 */
export const IDEMPOTENCY_TABLE = 'idempotent_mutation';

interface Record_ {
  operation_hash: string;
  field_name: string;
  entity_name: string | null;
  entity_id: string | null;
}

/** JSON with sorted keys: the same arguments hash the same whatever order the client wrote them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function findRecord(em: EntityManager, schema: string, actorSub: string, key: string, path: string): Promise<Record_ | null> {
  const rows = await em
    .getConnection()
    .execute<Record_[]>(
      `select operation_hash, field_name, entity_name, entity_id from "${schema}"."${IDEMPOTENCY_TABLE}" where actor_sub = ? and idempotency_key = ? and field_path = ?`,
      [actorSub, key, path],
    );
  return rows[0] ?? null;
}

async function replay(ctx: SubgraphContext, state: IdempotencyState, record: Record_, hash: string): Promise<unknown> {
  if (record.operation_hash !== hash) {
    throw badInput(
      `幂等键「${state.key}」已用于另一项修改（${record.field_name}）或不同的参数；新的修改请使用新的键 / Idempotency-Key "${state.key}" was already used for a different mutation (${record.field_name}) or different arguments; send a new key for a new mutation`,
      'Idempotency-Key',
    );
  }
  state.replayed = true;
  if (!record.entity_name || !record.entity_id) return null;
  // A fresh fork: the caller's own context may hold entities a rolled-back attempt modified in memory.
  return ctx.em.fork().findOne(record.entity_name, record.entity_id);
}

/**
 * Wraps every root Mutation field of a subgraph's schema: answers a repeated key from its record
 * without running the resolver (whose checks would now fail, e.g. "already submitted"), and
 * otherwise lets `mutate()` claim the key inside its transaction.
 */
export function guardMutationsWithIdempotency(schema: GraphQLSchema, subgraph: string): void {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx: SubgraphContext, info) => {
      const state = ctx.idempotency;
      if (!state) return resolve(root, args, ctx, info);
      const path = String(info.path.key);
      const hash = createHash('sha256')
        .update(`${info.fieldName}:${canonical(args)}`)
        .digest('hex');
      const prior = await findRecord(ctx.em, subgraph, ctx.actor.sub, state.key, path);
      if (prior) return replay(ctx, state, prior, hash);
      state.current = { path, field: info.fieldName, hash, claimed: false };
      try {
        return await resolve(root, args, ctx, info);
      } catch (err) {
        // A concurrent call with the same key may have committed while this one ran: its
        // outcome is the answer (this attempt's own transaction, if any, rolled back).
        const committed = await findRecord(ctx.em, subgraph, ctx.actor.sub, state.key, path);
        if (committed) return replay(ctx, state, committed, hash);
        throw err;
      } finally {
        state.current = undefined;
      }
    };
  }
}

/**
 * Called by `mutate()` first thing in its transaction: inserts the key's record for the root field
 * executing now. A concurrent transaction holding the same key makes this insert wait until it
 * ends; if it committed, the insert fails and the whole attempt rolls back (the field wrapper then
 * answers with the committed outcome). Returns how to complete the record with the result, or null
 * when the request carries no key (or this field already claimed it).
 */
export async function claimIdempotencyKey(em: EntityManager, ctx: SubgraphContext, schema: string): Promise<((result: unknown) => Promise<void>) | null> {
  const state = ctx.idempotency;
  const slot = state?.current;
  if (!state || !slot || slot.claimed) return null;
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  await conn.execute(
    `insert into "${schema}"."${IDEMPOTENCY_TABLE}" (actor_sub, idempotency_key, field_path, operation_hash, field_name) values (?, ?, ?, ?, ?)`,
    [ctx.actor.sub, state.key, slot.path, slot.hash, slot.field],
    'run',
    trx,
  );
  slot.claimed = true;
  return async (result) => {
    // Every mutation answers with an entity; recording its class and id lets a replay re-read it.
    if (!Utils.isEntity(result)) throw new Error(`idempotent mutation ${slot.field} must return an entity to be replayable`);
    const w = wrap(result, true);
    await conn.execute(
      `update "${schema}"."${IDEMPOTENCY_TABLE}" set entity_name = ?, entity_id = ? where actor_sub = ? and idempotency_key = ? and field_path = ?`,
      [w.__meta.className, String(w.getPrimaryKey()), ctx.actor.sub, state.key, slot.path],
      'run',
      trx,
    );
  };
}
