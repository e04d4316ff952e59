import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isAnonymous, type Actor } from '../../../schema/auth.js';
import type { Logger } from '../../../platform/log.js';
import type { NodeConfig } from '../../../schema/topology.js';
import { unauthenticated } from './errors.js';
import type { PeerClient } from './peers.js';
import type { AuditSession } from './audit.js';
import type { SubgraphSettings } from './settings.js';

/** Per-request loaders: created on first use, so a request only pays for what it touches. */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.cache.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.cache.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

export interface SubgraphContext {
  em: EntityManager;
  actor: Actor;
  node: NodeConfig;
  /** What the subgraph was started with (kit/server/settings.ts): the object itself, so a harness's change reaches the next request. */
  settings: SubgraphSettings;
  loaders: Loaders;
  peers: PeerClient;
  /** Present when the request carries an idempotency key (every mutation through the gateway). */
  idempotency?: IdempotencyState;
  /** Reads of non-public data to record at the end of the request (`recordRead`). */
  audit: AuditSession;
  /** The request's id (the gateway's `x-request-id`), passed on to sibling calls. */
  requestId?: string;
  /** The request's log line fields (operation, error codes), written when the answer is sent. */
  logFields?: Record<string, unknown>;
  /** The request's logger (every line carries the request id). */
  logger?: Logger;
  /** Set once the operation is known: a query, which writes no entity, so its reads may skip the unit of work (kit/server/reads.ts). */
  readOnly?: boolean;
}

export function requireActor(ctx: SubgraphContext): Actor {
  if (isAnonymous(ctx.actor)) throw unauthenticated();
  return ctx.actor;
}

/** Batch-loads rows by key and returns them in key order (null where absent), as DataLoader requires. */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows by key, in key order (empty where absent), for one-to-many loaders. */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Per request: the key the gateway sent, and whether any root field answered from a record (kit/server/idempotency.ts). */
export interface IdempotencyState {
  key: string;
  replayed: boolean;
  /** The root mutation field executing now (root mutation fields run one after another). */
  current?: { path: string; field: string; hash: string; claimed: boolean };
}
