import { describe, expect, jest, test } from '@jest/globals';
import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { actorFromAuthorization, AuthError, DEMO_TOKEN_LIFETIME, mintToken, VERIFIED_TOKEN_CACHE_MAX, verifiedTokenCount } from './auth.js';

const SECRET = 'auth-test-secret-0123456789abcdef01234';
const ORG_331122 = '331122:01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** A token signed with the right key and issuer, with exactly the claims given (mintToken always adds an expiry and an issue time). */
function raw(claims: Record<string, unknown>, withExpiry = true, times: { iat?: number | null; exp?: number } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('public-data-federation');
  if (times.iat !== null) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  else if (withExpiry) jwt.setExpirationTime('5m');
  return jwt.sign(createSecretKey(Buffer.from(SECRET, 'utf8')));
}

/** Runs `work` with the clock (Date only: timers stay real) at `ms`, instead of waiting for it. */
async function at<T>(ms: number, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

async function refusal(token: string, maxLifetimeMs?: number): Promise<string> {
  try {
    await actorFromAuthorization(`Bearer ${token}`, SECRET, maxLifetimeMs);
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

  test('[D §8-11] an OPERATOR token names its operator authorization (acct), in its own region, as a USER token names its account', async () => {
    const account = '331122:01ARZ3NDEKTSV4RRFFQ69G5FAW';
    expect(await refusal(await raw({ org: ORG_331122, region: '331122', roles: ['OPERATOR'] }))).toMatch(/OPERATOR token needs the account \(acct\)/);
    expect(await refusal(await raw({ org: ORG_331122, region: '331122', roles: ['OPERATOR'], acct: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAW' }))).toMatch(
      /not in the token's region 331122/,
    );
    const token = await mintToken({ sub: 'op', orgId: ORG_331122, region: '331122', roles: ['OPERATOR'], account }, SECRET);
    expect(await actorFromAuthorization(`Bearer ${token}`, SECRET)).toEqual({ sub: 'op', orgId: ORG_331122, region: '331122', roles: ['OPERATOR'], account });
  });

  test('[D §12, D §14, D §22, Z §5] the operation service center and experts act for a region, like authorities and auditors', async () => {
    for (const role of ['SERVICE_CENTER', 'EXPERT'] as const) {
      expect(await refusal(await raw({ roles: [role] }))).toMatch(new RegExp(`a ${role} token needs the region`));
      expect(await refusal(await raw({ region: '999999', roles: [role] }))).toMatch(/not a known region/);
      expect(await refusal(await raw({ org: ORG_331122, region: '331100', roles: [role] }))).toMatch(/not in the token's region 331100/);
      const token = await mintToken({ sub: role, orgId: null, region: '331100', roles: [role] }, SECRET);
      expect(await actorFromAuthorization(`Bearer ${token}`, SECRET)).toEqual({ sub: role, orgId: null, region: '331100', roles: [role] });
    }
  });

  test("the SYSTEM role, the nodes' own identity for internal calls, is refused on any client token [issue 15 item 7]", async () => {
    expect(await refusal(await raw({ roles: ['SYSTEM'] }))).toMatch(/SYSTEM role is internal/);
    expect(await refusal(await raw({ region: '331100', roles: ['AUTHORITY', 'SYSTEM'] }))).toMatch(/SYSTEM role is internal/);
    expect(await refusal(await mintToken({ sub: 'gateway-audit', orgId: null, region: null, roles: ['SYSTEM'] }, SECRET))).toMatch(/SYSTEM role is internal/);
  });

  test('staff and operators need an organization; authorities and auditors a region', async () => {
    expect(await refusal(await raw({ region: '331100', roles: ['AGENCY'] }))).toMatch(/AGENCY token needs the organization/);
    expect(await refusal(await raw({ region: '331100', roles: ['OPERATOR'] }))).toMatch(/OPERATOR token needs the organization/);
    expect(await refusal(await raw({ roles: ['AUTHORITY'] }))).toMatch(/AUTHORITY token needs the region/);
    expect(await refusal(await raw({ roles: ['AUDITOR'] }))).toMatch(/AUDITOR token needs the region/);
    expect(await refusal(await raw({ roles: ['SERVICE_CENTER'] }))).toMatch(/SERVICE_CENTER token needs the region/);
    expect(await refusal(await raw({ roles: ['EXPERT'] }))).toMatch(/EXPERT token needs the region/);
  });

  test("a public data user acts as its registered account, in that account's region [B §3, Z §16]", async () => {
    const account = '331102:01M91M3KSHA5EVG56CCK01CFY0';
    expect(await refusal(await raw({ region: '331102', roles: ['USER'] }))).toMatch(/USER token needs the account/);
    expect(await refusal(await raw({ region: '331100', roles: ['USER'], acct: account }))).toMatch(/not in the token's region 331100/);
    expect(await refusal(await raw({ region: '331102', roles: ['USER'], acct: 'me' }))).toMatch(/not an account ID/);
    const token = await mintToken({ sub: 'citizen', orgId: null, region: '331102', roles: ['USER'], account }, SECRET);
    expect(await actorFromAuthorization(`Bearer ${token}`, SECRET)).toEqual({ sub: 'citizen', orgId: null, region: '331102', roles: ['USER'], account });
  });
});

describe('a token lives at most JWT_MAX_LIFETIME_MS (24 h unless configured), judged by exp - iat [issue 15 item 7]', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = { region: '331100', roles: ['AUTHORITY'] };

  test('24 hours is accepted, a minute more is refused, naming both lifetimes', async () => {
    const iat = now();
    expect((await actorFromAuthorization(`Bearer ${await raw(claims, true, { iat, exp: iat + 24 * 3600 })}`, SECRET)).region).toBe('331100');
    expect(await refusal(await raw(claims, true, { iat, exp: iat + 24 * 3600 + 60 }))).toMatch(/lifetime 24 h exceeds the 24 h allowed/);
    expect(await refusal(await raw(claims, true, { iat, exp: iat + 365 * 24 * 3600 }))).toMatch(/lifetime 8760 h exceeds/);
  });

  test("the demo's 8-hour token passes the default bound and is refused under a configured 1-hour one, also once remembered", async () => {
    const token = await mintToken({ sub: 'demo', orgId: null, region: '331100', roles: ['AUTHORITY'] }, SECRET, DEMO_TOKEN_LIFETIME);
    expect((await actorFromAuthorization(`Bearer ${token}`, SECRET)).sub).toBe('demo');
    expect(await refusal(token, 3600_000)).toMatch(/lifetime 8 h exceeds the 1 h allowed/);
  });

  test('a token without an issue time, or issued in the future, is refused: its lifetime cannot be judged', async () => {
    expect(await refusal(await raw(claims, true, { iat: null, exp: now() + 300 }))).toMatch(/no issue time \(iat\)/);
    expect(await refusal(await raw(claims, true, { iat: now() + 3600, exp: now() + 7200 }))).toMatch(/issued in the future/);
  });
});

describe('verified tokens are remembered, never past their expiry and never for another token or secret', () => {
  const agency = (sub: string) => ({ sub, orgId: ORG_331122, region: '331122', roles: ['AGENCY' as const] });

  test('a token accepted (and remembered) is refused from its exp on', async () => {
    const token = await mintToken(agency('brief'), SECRET, '1h');
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp as number;
    expect((await actorFromAuthorization(`Bearer ${token}`, SECRET)).sub).toBe('brief');
    expect((await actorFromAuthorization(`Bearer ${token}`, SECRET)).sub).toBe('brief');
    expect(await at(exp * 1000 - 1, () => actorFromAuthorization(`Bearer ${token}`, SECRET))).toMatchObject({ sub: 'brief' });
    expect(await at(exp * 1000, () => refusal(token))).toMatch(/invalid or expired/);
  });

  test('two tokens never share an entry: each answers its own actor, and a token remembered under one secret is refused under another', async () => {
    const a = await mintToken(agency('alice'), SECRET);
    const b = await mintToken({ sub: 'bob', orgId: null, region: '331100', roles: ['AUTHORITY'] }, SECRET);
    for (let i = 0; i < 2; i++) {
      expect(await actorFromAuthorization(`Bearer ${a}`, SECRET)).toEqual(agency('alice'));
      expect(await actorFromAuthorization(`Bearer ${b}`, SECRET)).toEqual({ sub: 'bob', orgId: null, region: '331100', roles: ['AUTHORITY'] });
    }
    await expect(actorFromAuthorization(`Bearer ${a}`, 'another-secret-0123456789abcdef0123')).rejects.toThrow(/invalid or expired/);
  });

  test('a caller changing the actor it got does not change what the next request with the token gets', async () => {
    const token = await mintToken(agency('carol'), SECRET);
    const first = await actorFromAuthorization(`Bearer ${token}`, SECRET);
    first.roles.push('AUTHORITY');
    first.orgId = null;
    expect(await actorFromAuthorization(`Bearer ${token}`, SECRET)).toEqual(agency('carol'));
  });

  test('refused tokens are not remembered, and the cache stays within its bound', async () => {
    const before = verifiedTokenCount();
    await refusal(await raw({ roles: ['AUDITOR'] }));
    expect(verifiedTokenCount()).toBe(before);
    for (let i = 0; i < VERIFIED_TOKEN_CACHE_MAX + 50; i++) await actorFromAuthorization(`Bearer ${await mintToken(agency(`u${i}`), SECRET)}`, SECRET);
    expect(verifiedTokenCount()).toBe(VERIFIED_TOKEN_CACHE_MAX);
  });
});
