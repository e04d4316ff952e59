import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Shuts down the applications built on an emergency's datasets when the event is over [Z §32]:
 * given the datasets and the time, it closes what it holds for them, in the ending transaction,
 * and answers how many applications it shut down.
 */
export type EmergencyApplicationShutdown = (em: EntityManager, datasetIds: readonly string[], at: Date) => Promise<number>;

const shutdowns: EmergencyApplicationShutdown[] = [];

/**
 * Registers what shuts down applications of some kind (restricted-open applications and their
 * agreements register theirs when they exist); endOpenDataEmergency runs every one registered.
 */
export function onEmergencyEnd(shutdown: EmergencyApplicationShutdown): void {
  if (!shutdowns.includes(shutdown)) shutdowns.push(shutdown);
}

/** Runs every registered shutdown in the ending transaction; the total is recorded on the emergency. */
export async function shutDownEmergencyApplications(em: EntityManager, datasetIds: readonly string[], at: Date): Promise<number> {
  let total = 0;
  for (const shutdown of shutdowns) total += await shutdown(em, datasetIds, at);
  return total;
}
