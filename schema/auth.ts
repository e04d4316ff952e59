import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Roles a verified caller can hold (DOMAIN.md, Actors). */
export const ROLES = ['AUTHORITY', 'AGENCY', 'OPERATOR', 'AUDITOR', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway forwards it to subgraphs. */
export interface Actor {
  sub: string;
  orgId: string | null;
  region: string | null;
  roles: Role[];
}

export const ANONYMOUS: Actor = Object.freeze({ sub: 'anonymous', orgId: null, region: null, roles: [] }) as Actor;

export const INTERNAL_AUTH_HEADER = 'x-internal-auth';

export function isAnonymous(actor: Actor): boolean {
  return actor.roles.length === 0;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs the actor together with a hash of the exact request body, so a captured header cannot be
 * replayed with another query, and with a timestamp, so it cannot be replayed later.
 */
export function signInternal(actor: Actor, body: string, secret: string, now = Date.now()): string {
  const payload = `${b64(JSON.stringify(actor))}.${now}`;
  const mac = createHmac('sha256', secret).update(`${payload}.${sha256(body)}`).digest('base64url');
  return `${payload}.${mac}`;
}

export function verifyInternal(
  header: string | undefined,
  body: string,
  secret: string,
  { maxAgeMs = 60_000, now = Date.now() }: { maxAgeMs?: number; now?: number } = {},
): Actor | null {
  if (!header) return null;
  const parts = header.split('.');
  if (parts.length !== 3) return null;
  const [actorB64, ts, mac] = parts;
  const expected = createHmac('sha256', secret).update(`${actorB64}.${ts}.${sha256(body)}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const age = now - Number(ts);
  if (!Number.isFinite(age) || Math.abs(age) > maxAgeMs) return null;
  try {
    const actor = JSON.parse(Buffer.from(actorB64, 'base64url').toString('utf8')) as Actor;
    if (typeof actor.sub !== 'string' || !Array.isArray(actor.roles)) return null;
    return actor;
  } catch {
    return null;
  }
}

/** Headers of a gateway → subgraph request: JSON, signed for the actor over this exact body. */
export function internalHeaders(actor: Actor, body: string, secret: string): Record<string, string> {
  return { 'content-type': 'application/json', [INTERNAL_AUTH_HEADER]: signInternal(actor, body, secret) };
}
