import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { ANONYMOUS, ROLES, type Actor, type Role } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { isKnownRegion } from '../schema/regions.js';

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

/** Claims: sub, org (organization global ID), region (code), roles. */
/** Lifetime of the demo token `npm start` puts in the playground: a working day, not a standing credential. */
export const DEMO_TOKEN_LIFETIME = '8h';

export async function mintToken(actor: Omit<Actor, 'sub'> & { sub: string }, secret: string, expiresIn = '8h'): Promise<string> {
  return new SignJWT({ org: actor.orgId, region: actor.region, roles: actor.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/**
 * Subgraphs decide access from the token's region and organization, so a token whose claims do
 * not fit together is refused here rather than trusted there: it must expire, name a known
 * region, and name an organization of that region; staff and operators act for an organization,
 * authorities and auditors for a region.
 */
function checkClaims(actor: Actor, exp: unknown): Actor {
  if (typeof exp !== 'number') throw new AuthError('token has no expiry (exp): mint tokens that expire');
  if (actor.region !== null && !isKnownRegion(actor.region)) throw new AuthError(`token region "${actor.region}" is not a known region code`);
  if (actor.orgId !== null) {
    const orgRegion = regionOf(actor.orgId);
    if (orgRegion === null) throw new AuthError(`token org "${actor.orgId}" is not an organization ID`);
    if (orgRegion !== actor.region) throw new AuthError(`token org ${actor.orgId} is not in the token's region ${actor.region ?? '(none)'}`);
  }
  for (const role of ['AGENCY', 'OPERATOR'] as const) {
    if (actor.roles.includes(role) && actor.orgId === null) throw new AuthError(`a ${role} token needs the organization (org) it acts for`);
  }
  for (const role of ['AUTHORITY', 'AUDITOR'] as const) {
    if (actor.roles.includes(role) && actor.region === null) throw new AuthError(`an ${role} token needs the region it acts for`);
  }
  return actor;
}

/**
 * No Authorization header means the public (open data only). A header that is present but
 * invalid or expired is an error: silently downgrading would hide a misconfigured client.
 */
export async function actorFromAuthorization(header: string | undefined, secret: string): Promise<Actor> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) throw new AuthError('Authorization must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(m[1], key(secret), { algorithms: ['HS256'], issuer: ISSUER });
    const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    if (!payload.sub || roles.some((r) => !ROLES.includes(r as Role)) || roles.length === 0) throw new AuthError('token lacks a subject or valid roles');
    return checkClaims(
      {
        sub: payload.sub,
        orgId: typeof payload.org === 'string' ? payload.org : null,
        region: typeof payload.region === 'string' ? payload.region : null,
        roles: roles as Role[],
      },
      payload.exp,
    );
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw new AuthError('invalid or expired token');
  }
}
