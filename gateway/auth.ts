import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { ANONYMOUS, ROLES, type Actor, type Role } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { isKnownRegion } from '../schema/regions.js';
import type { FastifyRequest } from 'fastify';
import { noteLog } from '../platform/http.js';

export class AuthError extends Error {}

const keys = new Map<string, KeyObject>();
/** Importing the key costs as much as verifying: do it once per secret. */
const key = (secret: string) => {
  let k = keys.get(secret);
  if (!k) {
    k = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, k);
  }
  return k;
};
const ISSUER = 'public-data-federation';

/** Claims: sub, org (organization global ID), region (code), roles, acct (the account a USER or OPERATOR token acts as). */
/** Lifetime of the demo token `npm start` puts in the playground: a working day, not a standing credential. */
export const DEMO_TOKEN_LIFETIME = '8h';

export async function mintToken(actor: Omit<Actor, 'sub'> & { sub: string }, secret: string, expiresIn = '8h'): Promise<string> {
  return new SignJWT({ org: actor.orgId, region: actor.region, roles: actor.roles, ...(actor.account ? { acct: actor.account } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/** Default bound on a client token's lifetime (`exp − iat`): a working day and more, never a standing credential. */
export const DEFAULT_TOKEN_MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Slack for the issuer's clock running ahead of the gateway's when judging `iat`. */
const CLOCK_SKEW_S = 60;

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

/**
 * Subgraphs decide access from the token's region and organization, so a token whose claims do
 * not fit together is refused here rather than trusted there: it must expire, name a known
 * region, and name an organization of that region; staff and operators act for an organization,
 * authorities, auditors, the operation service center and experts for a region; users and
 * operators act as an account (whose standing gateway/standing.ts checks on each request). SYSTEM is the nodes' own identity for their internal
 * calls: no client acts as it. The lifetime `exp − iat` is bounded, so a token needs its issue
 * time: without `iat` the bound could only be judged by `exp − now`, which lets a year-long token
 * in during its last day.
 */
function checkClaims(actor: Actor, iat: unknown, exp: unknown, maxLifetimeMs: number): Actor {
  if (typeof exp !== 'number') throw new AuthError('token has no expiry (exp): mint tokens that expire');
  if (typeof iat !== 'number') throw new AuthError('token has no issue time (iat): mint tokens that say when they were issued');
  if (iat > Date.now() / 1000 + CLOCK_SKEW_S) throw new AuthError("token is issued in the future (iat): check the issuer's clock");
  const maxS = maxLifetimeMs / 1000;
  if (exp - iat > maxS) throw new AuthError(`token lifetime ${hours(exp - iat)} exceeds the ${hours(maxS)} allowed (exp - iat): mint shorter-lived tokens`);
  if (actor.roles.includes('SYSTEM')) throw new AuthError('the SYSTEM role is internal to the nodes: no client token may carry it');
  if (actor.region !== null && !isKnownRegion(actor.region)) throw new AuthError(`token region "${actor.region}" is not a known region code`);
  if (actor.orgId !== null) {
    const orgRegion = regionOf(actor.orgId);
    if (orgRegion === null) throw new AuthError(`token org "${actor.orgId}" is not an organization ID`);
    if (orgRegion !== actor.region) throw new AuthError(`token org ${actor.orgId} is not in the token's region ${actor.region ?? '(none)'}`);
  }
  for (const role of ['AGENCY', 'OPERATOR'] as const) {
    if (actor.roles.includes(role) && actor.orgId === null) throw new AuthError(`a ${role} token needs the organization (org) it acts for`);
  }
  for (const role of ['AUTHORITY', 'AUDITOR', 'SERVICE_CENTER', 'EXPERT'] as const) {
    if (actor.roles.includes(role) && actor.region === null) throw new AuthError(`a ${role} token needs the region it acts for`);
  }
  if (actor.account != null) {
    const accountRegion = regionOf(actor.account);
    if (accountRegion === null) throw new AuthError(`token acct "${actor.account}" is not an account ID`);
    if (accountRegion !== actor.region) throw new AuthError(`token acct ${actor.account} is not in the token's region ${actor.region ?? '(none)'}`);
  }
  // A public data user acts as its registered account, and only as it [B §3, Z §16]; an operator
  // as its authorization, so that suspending or revoking it ends every token [D §11, D §28].
  if (actor.roles.includes('USER') && actor.account == null) throw new AuthError('a USER token needs the account (acct) of the registered user it acts as');
  if (actor.roles.includes('OPERATOR') && actor.account == null)
    throw new AuthError('an OPERATOR token needs the account (acct) it acts as: the global ID of its operator authorization');
  return actor;
}

/** Most entries a gateway keeps of tokens it has verified: one per active session, bounded. */
export const VERIFIED_TOKEN_CACHE_MAX = 10_000;

interface Verified {
  actor: Actor;
  /** The token's exp in milliseconds: the entry is not served from then on. */
  expiresAt: number;
}

/**
 * A client sends the same token with every request; verifying its signature and claims again each
 * time is most of the gateway's CPU for a small query. Only accepted tokens are kept: caching
 * refusals would let anyone fill the cache with garbage, and refusing costs no more than today.
 * The key is a digest of secret, lifetime bound and token, so neither secret nor token sits in
 * memory as a key, and a token never matches an entry verified under another secret or bound.
 */
const verified = new LRUCache<string, Verified>({ max: VERIFIED_TOKEN_CACHE_MAX });
const cacheKey = (token: string, secret: string, maxLifetimeMs: number) =>
  createHash('sha256').update(secret).update('\0').update(String(maxLifetimeMs)).update('\0').update(token).digest('base64');

/** How many verified tokens the gateway holds now (never more than VERIFIED_TOKEN_CACHE_MAX). */
export const verifiedTokenCount = () => verified.size;

/** Each caller gets its own copy: the cached actor must not change under a later request. */
const copy = (a: Actor): Actor => ({ ...a, roles: [...a.roles] });

async function verify(token: string, secret: string, maxLifetimeMs: number): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer: ISSUER });
    const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    if (!payload.sub || roles.some((r) => !ROLES.includes(r as Role)) || roles.length === 0) throw new AuthError('token lacks a subject or valid roles');
    const actor = checkClaims(
      {
        sub: payload.sub,
        orgId: typeof payload.org === 'string' ? payload.org : null,
        region: typeof payload.region === 'string' ? payload.region : null,
        roles: roles as Role[],
        ...(typeof payload.acct === 'string' ? { account: payload.acct } : {}),
      },
      payload.iat,
      payload.exp,
      maxLifetimeMs,
    );
    return { actor, expiresAt: (payload.exp as number) * 1000 };
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw new AuthError('invalid or expired token');
  }
}

/**
 * No Authorization header means the public (open data only). A header that is present but
 * invalid or expired is an error: silently downgrading would hide a misconfigured client.
 * `maxLifetimeMs` bounds `exp − iat` (JWT_MAX_LIFETIME_MS).
 */
export async function actorFromAuthorization(header: string | undefined, secret: string, maxLifetimeMs = DEFAULT_TOKEN_MAX_LIFETIME_MS): Promise<Actor> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) throw new AuthError('Authorization must be "Bearer <token>"');
  const id = cacheKey(m[1], secret, maxLifetimeMs);
  const hit = verified.get(id);
  // jose accepts a token while the current second is before exp, i.e. while now < exp * 1000 ms.
  if (hit && Date.now() < hit.expiresAt) return copy(hit.actor);
  if (hit) verified.delete(id);
  const fresh = await verify(m[1], secret, maxLifetimeMs);
  verified.set(id, fresh);
  return copy(fresh.actor);
}

/**
 * An `onRequest` hook that reads the caller from the Authorization header before anything else
 * (so the rate limit counts the request by its token's subject): `request.actor`, or
 * `request.authError` for the route to answer 401 with. /graphql and the transfers share it.
 */
export const identifyCaller =
  (secret: string, maxLifetimeMs?: number) =>
  async (request: FastifyRequest): Promise<void> => {
    try {
      const auth = request.headers.authorization;
      request.actor = await actorFromAuthorization(Array.isArray(auth) ? auth[0] : auth, secret, maxLifetimeMs);
      noteLog(request, { actor: request.actor.sub, org: request.actor.orgId });
    } catch (err) {
      request.authError = (err as Error).message;
    }
  };
