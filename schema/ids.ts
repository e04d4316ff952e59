/** Global IDs `<region>:<ulid>`: opaque to clients, yet any party can route by the owner region without a lookup. */

import { monotonicFactory } from 'ulid';

// Monotonic so IDs minted within one millisecond by this process still sort in creation order.
const nextUlid = monotonicFactory();

const REGION = /^\d{6}$/;
// Crockford base32 without I, L, O, U; a first char above 7 would overflow the 48-bit timestamp.
// Upper case only, so each ID has exactly one spelling and string equality is ID equality.
const GLOBAL_ID = /^(\d{6}):([0-7][0-9A-HJKMNP-TV-Z]{25})$/;

export function newId(regionCode: string): string {
  if (typeof regionCode !== 'string' || !REGION.test(regionCode)) {
    throw new Error(`region code must be 6 digits, got ${JSON.stringify(regionCode)}`);
  }
  return `${regionCode}:${nextUlid()}`;
}

export function parseId(id: string): { region: string; ulid: string } | null {
  if (typeof id !== 'string') return null;
  const match = GLOBAL_ID.exec(id);
  return match ? { region: match[1]!, ulid: match[2]! } : null;
}

export function regionOf(id: string): string | null {
  return parseId(id)?.region ?? null;
}

export function isGlobalId(id: string): boolean {
  return parseId(id) !== null;
}
