import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { ANONYMOUS, ROLES, type Actor, type Role } from '../schema/auth.js';

export class AuthError extends Error {}

const keys = new Map<string, KeyObject>();
/** Importing the key costs as much as verifying: do it once per secret. */
const key = (secret: string) => {
  let k = keys.get(secret);
  if (!k) keys.set(secret, (k = createSecretKey(Buffer.from(secret, 'utf8'))));
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
    return {
      sub: payload.sub,
      orgId: typeof payload.org === 'string' ? payload.org : null,
      region: typeof payload.region === 'string' ? payload.region : null,
      roles: roles as Role[],
    };
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw new AuthError('invalid or expired token');
  }
}
