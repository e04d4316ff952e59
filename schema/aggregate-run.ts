import { createHash } from 'node:crypto';
import { regionOf } from './ids.js';
import { ancestorsOf, isWithin } from './regions.js';

/**
 * Aggregate runs across nodes ("usable but invisible", issue 19 item 4): the contract between the
 * gateway, which fans a run out and merges its parts, and the catalog of each node, which holds
 * one part. A run's ID is `<scope>:<ulid>`, minted once by the gateway for every node; its scope is
 * the lowest region containing all the run's entries, so the run's parts are on the nodes of that
 * scope and the authority of that scope reviews it.
 */

/** Mutations fanned out to the owners of `input.resourceIds`, the gateway adding the shared `runId` argument. */
export const AGGREGATE_SUBMIT_FIELD = 'submitAggregateRun';
/** Root fields whose `id` is a run ID: sent to every node of the run's scope, their answers merged. */
export const AGGREGATE_RUN_FIELDS = ['aggregateRun', 'reviewAggregateRun'] as const;
/** The argument carrying the run's shared ID to each node. */
export const RUN_ID_ARGUMENT = 'runId';

/** The lowest region containing every region given (the scope of a run over entries of those regions); null for none or an unknown one. */
export function runScopeOf(regions: readonly string[]): string | null {
  const [first, ...rest] = regions;
  if (!first) return null;
  const candidates = [first, ...ancestorsOf(first).map((r) => r.code)];
  return candidates.find((c) => rest.every((r) => isWithin(r, c)) && isWithin(first, c)) ?? null;
}

/** The scope of a run over these entries, by the regions inside their IDs. */
export function runScopeOfIds(resourceIds: readonly string[]): string | null {
  const regions = resourceIds.map(regionOf);
  return regions.every((r): r is string => r !== null) ? runScopeOf(regions) : null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The run ID of a submission: derived from the caller and the request's idempotency key, so a
 * submission sent again with the same key names the same run on every node, and each node answers
 * it from its idempotency record instead of starting a second run.
 */
export function runIdFor(scope: string, callerSub: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${callerSub}\n${idempotencyKey}`).digest();
  let ulid = CROCKFORD[h[0]! % 8]!;
  for (let i = 1; i < 26; i++) ulid += CROCKFORD[h[i]! % 32]!;
  return `${scope}:${ulid}`;
}
