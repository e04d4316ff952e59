import { parseArgs } from 'node:util';
import { mintToken } from '../gateway/auth.js';
import { ROLES, type Role } from '../schema/auth.js';
import { loadEnv } from '../platform/env.js';
import { regionOf } from '../schema/ids.js';

/**
 * `npm run token -- --roles AGENCY --org <id> [--region 331100] [--account <id>] [--sub alice] [--expires 8h]` prints a JWT.
 * `--account`: the registered account a USER or OPERATOR token acts as; the region defaults to its own.
 * The region defaults to the organization's own: the gateway refuses an organization outside the token's region,
 * and a lifetime beyond JWT_MAX_LIFETIME_MS (24 h unless configured).
 */
const { values } = parseArgs({
  options: {
    roles: { type: 'string', default: 'AGENCY' },
    region: { type: 'string' },
    org: { type: 'string' },
    account: { type: 'string' },
    sub: { type: 'string', default: 'playground-user' },
    expires: { type: 'string', default: '8h' },
  },
});
const roles = values.roles!.split(',').map((r) => r.trim().toUpperCase());
// SYSTEM is the nodes' own identity for their internal calls: the gateway refuses it on a client token.
const clientRoles: readonly Role[] = ROLES.filter((r) => r !== 'SYSTEM');
const unknown = roles.filter((r) => !clientRoles.includes(r as Role));
if (unknown.length) {
  console.error(`unknown role(s) ${unknown.join(', ')}; choose from ${clientRoles.join(', ')}`);
  process.exit(2);
}
const env = loadEnv(process.env, { demo: true });
const token = await mintToken(
  {
    sub: values.sub!,
    orgId: values.org ?? null,
    region: values.region ?? (values.org ? regionOf(values.org) : values.account ? regionOf(values.account) : null),
    roles: roles as Role[],
    account: values.account ?? null,
  },
  env.jwtSecret,
  values.expires,
);
// The gateway refuses a token living longer than JWT_MAX_LIFETIME_MS: say so now rather than at the first request.
const { iat, exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number; exp: number };
if ((exp - iat) * 1000 > env.jwtMaxLifetimeMs) {
  console.error(`--expires ${values.expires} is longer than the ${env.jwtMaxLifetimeMs / 3_600_000} h the gateway accepts (JWT_MAX_LIFETIME_MS)`);
  process.exit(2);
}
console.log(token);
