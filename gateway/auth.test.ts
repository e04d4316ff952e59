import { describe, expect, test } from '@jest/globals';
import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { actorFromAuthorization, AuthError, mintToken } from './auth.js';

const SECRET = 'auth-test-secret-0123456789abcdef01234';
const ORG_331122 = '331122:01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** A token signed with the right key and issuer, with exactly the claims given (mintToken always adds an expiry). */
function raw(claims: Record<string, unknown>, withExpiry = true): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('public-data-federation').setIssuedAt();
  if (withExpiry) jwt.setExpirationTime('5m');
  return jwt.sign(createSecretKey(Buffer.from(SECRET, 'utf8')));
}

async function refusal(token: string): Promise<string> {
  try {
    await actorFromAuthorization(`Bearer ${token}`, SECRET);
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    return (e as Error).message;
  }
  throw new Error('token was accepted');
}

describe('gateway token checks: subgraphs decide access from the claims, so claims that do not fit together are refused', () => {
  test('a consistent token is accepted', async () => {
    const actor = await actorFromAuthorization(`Bearer ${await mintToken({ sub: 's', orgId: ORG_331122, region: '331122', roles: ['AGENCY'] }, SECRET)}`, SECRET);
    expect(actor).toEqual({ sub: 's', orgId: ORG_331122, region: '331122', roles: ['AGENCY'] });
  });

  test('a token without an expiry is refused', async () => {
    expect(await refusal(await raw({ region: '331100', roles: ['AUTHORITY'] }, false))).toMatch(/no expiry/);
  });

  test('an unknown region code is refused', async () => {
    expect(await refusal(await raw({ region: '999999', roles: ['AUTHORITY'] }))).toMatch(/not a known region/);
  });

  test("an organization outside the token's region, or not an ID at all, is refused", async () => {
    expect(await refusal(await raw({ org: ORG_331122, region: '331100', roles: ['AGENCY'] }))).toMatch(/not in the token's region 331100/);
    expect(await refusal(await raw({ org: 'police', region: '331100', roles: ['AGENCY'] }))).toMatch(/not an organization ID/);
  });

  test('staff and operators need an organization; authorities and auditors a region', async () => {
    expect(await refusal(await raw({ region: '331100', roles: ['AGENCY'] }))).toMatch(/AGENCY token needs the organization/);
    expect(await refusal(await raw({ region: '331100', roles: ['OPERATOR'] }))).toMatch(/OPERATOR token needs the organization/);
    expect(await refusal(await raw({ roles: ['AUTHORITY'] }))).toMatch(/AUTHORITY token needs the region/);
    expect(await refusal(await raw({ roles: ['AUDITOR'] }))).toMatch(/AUDITOR token needs the region/);
  });
});
