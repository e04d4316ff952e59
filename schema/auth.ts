import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Roles a verified caller can hold (DOMAIN.md, Actors): the data authority, agency staff, an
 * authorized operator, an auditor, a public data user (使用主体: a natural or legal person registered
 * as a user of open data [B §3, Z §16]), the data operation service center (first review of
 * operators' applications [D §12, D §14]), a member of the expert committee (opinions [Z §5,
 * Z §11-12, D §22]), and SYSTEM, the nodes' own identity for their internal calls.
 */
export const ROLES = ['AUTHORITY', 'AGENCY', 'OPERATOR', 'AUDITOR', 'USER', 'SERVICE_CENTER', 'EXPERT', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway forwards it to subgraphs. */
export interface Actor {
  sub: string;
  orgId: string | null;
  region: string | null;
  roles: Role[];
  /**
   * The registered account the token acts as, a global ID: the public data user's record (USER) or
   * the operator's authorization (OPERATOR). A record can be suspended or revoked, and every token
   * naming it with it; absent for the other roles.
   */
  account?: string | null;
}

/**
 * The actor as a signed header carries it. The signature proves who wrote it, not that it is
 * well formed: a gateway of another version could sign an actor this subgraph cannot act on.
 */
const ActorSchema = z.strictObject({
  sub: z.string().min(1),
  orgId: z.string().min(1).nullable(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  roles: z.array(z.enum(ROLES)),
  account: z.string().min(1).nullable().optional(),
});

export const ANONYMOUS: Actor = Object.freeze({ sub: 'anonymous', orgId: null, region: null, roles: [] }) as Actor;

export const INTERNAL_AUTH_HEADER = 'x-internal-auth';

export function isAnonymous(actor: Actor): boolean {
  return actor.roles.length === 0;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Header of a mutation's idempotency key: from the client to the gateway, and from the gateway to the node. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** 1–128 printable ASCII characters: what clients may send as `Idempotency-Key`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,128}$/;

/** The subgraph process a signed request is meant for: one subgraph of one node. */
export interface InternalTarget {
  subgraph: string;
  node: string;
}

/** What a valid signature vouches for. */
export interface InternalClaims {
  actor: Actor;
  /** Random per request: with the timestamp, lets the receiver refuse a second use. */
  nonce: string;
  issuedAt: number;
  idempotencyKey: string | null;
}

export interface SignOptions {
  idempotencyKey?: string | null;
  now?: number;
  nonce?: string;
}

function macOf(secret: string, actorB64: string, ts: string, nonce: string, target: InternalTarget, idempotencyKey: string | null, body: string) {
  // JSON keeps the fields apart whatever characters a key contains.
  const signed = JSON.stringify([actorB64, ts, nonce, target.subgraph, target.node, idempotencyKey, sha256(body)]);
  return createHmac('sha256', secret).update(signed).digest();
}

/**
 * Signs the actor together with a hash of the exact request body (a captured header cannot be
 * replayed with another query), a timestamp (nor later), a nonce (the receiver refuses a second
 * use), the target subgraph and node (no other process accepts it) and the idempotency key (it
 * cannot be swapped).
 */
export function signInternal(actor: Actor, body: string, secret: string, target: InternalTarget, o: SignOptions = {}): string {
  const ts = String(o.now ?? Date.now());
  const nonce = o.nonce ?? randomBytes(16).toString('base64url');
  const actorB64 = b64(JSON.stringify(actor));
  const mac = macOf(secret, actorB64, ts, nonce, target, o.idempotencyKey ?? null, body).toString('base64url');
  return `${actorB64}.${ts}.${nonce}.${mac}`;
}

/** Checks signature, target and age; a second use of the same nonce is the receiver's to refuse (see ReplayGuard). */
export function verifyInternal(
  header: string | undefined,
  body: string,
  secret: string,
  target: InternalTarget,
  { maxAgeMs = INTERNAL_SIGNATURE_MAX_AGE_MS, now = Date.now(), idempotencyKey = null }: { maxAgeMs?: number; now?: number; idempotencyKey?: string | null } = {},
): InternalClaims | null {
  if (!header) return null;
  const parts = header.split('.');
  if (parts.length !== 4) return null;
  const [actorB64, ts, nonce, mac] = parts;
  const expected = macOf(secret, actorB64, ts, nonce, target, idempotencyKey, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(ts);
  const age = now - issuedAt;
  if (!Number.isFinite(age) || Math.abs(age) > maxAgeMs) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(actorB64, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const actor = ActorSchema.safeParse(json);
  return actor.success ? { actor: actor.data, nonce, issuedAt, idempotencyKey } : null;
}

/** How long a signature is accepted (either side of the receiver's clock). */
export const INTERNAL_SIGNATURE_MAX_AGE_MS = 60_000;

/** Headers of an internal request: JSON, signed for the actor and the target over this exact body. */
export function internalHeaders(actor: Actor, body: string, secret: string, target: InternalTarget, idempotencyKey?: string | null): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', [INTERNAL_AUTH_HEADER]: signInternal(actor, body, secret, target, { idempotencyKey }) };
  if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
  return headers;
}
