import { parseArgs } from 'node:util';
import { mintToken } from '../gateway/auth.js';
import { ROLES, type Role } from '../schema/auth.js';
import { loadEnv } from '../platform/env.js';
import { regionOf } from '../schema/ids.js';

/**
 * `npm run token -- --roles AGENCY --org <id> [--region 331100] [--account <id>] [--sub alice] [--expires 8h]` prints a JWT; `--help` says more.
 * `--account`: the registered account a USER or OPERATOR token acts as; the region defaults to its own.
 * The region defaults to the organization's own: the gateway refuses an organization outside the token's region,
 * and a lifetime beyond JWT_MAX_LIFETIME_MS (24 h unless configured).
 */
const HELP = `npm run token -- [options]: prints a signed JWT for the demo gateway (JWT_SECRET from the environment or .env)
  --roles <R[,R]>   AUTHORITY, AGENCY, OPERATOR, AUDITOR, USER, SERVICE_CENTER, EXPERT (default AGENCY)
  --org <id>        the organization the token acts for (AGENCY and OPERATOR need it)
  --region <code>   the region it acts for (AUTHORITY, AUDITOR, SERVICE_CENTER, EXPERT need it); defaults to the org's or account's
  --account <id>    the account it acts as: a USER's registered user ID (registerOpenDataUser), an OPERATOR's authorization ID
                    (createOperator); the gateway refuses its tokens while that account is suspended, revoked or not in force
  --sub <name>      the subject (default playground-user)
  --expires <span>  lifetime, e.g. 8h (default 8h; at most JWT_MAX_LIFETIME_MS)
Examples:
  npm run token -- --roles AUTHORITY --region 331100
  npm run token -- --roles OPERATOR --org <organization ID> --account <operator ID>`;
const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h' },
    roles: { type: 'string', default: 'AGENCY' },
    region: { type: 'string' },
    org: { type: 'string' },
    account: { type: 'string' },
    sub: { type: 'string', default: 'playground-user' },
    expires: { type: 'string', default: '8h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const roles = values.roles!.split(',').map((r) => r.trim().toUpperCase());
// SYSTEM is the nodes' own identity for their internal calls: the gateway refuses it on a client token.
const clientRoles: readonly Role[] = ROLES.filter((r) => r !== 'SYSTEM');
const unknown = roles.filter((r) => !clientRoles.includes(r as Role));
if (unknown.length) {
  console.error(`unknown role(s) ${unknown.join(', ')}; choose from ${clientRoles.join(', ')}`);
  process.exit(2);
}
// The gateway would refuse these at the first request: say so now.
const needs: [string, boolean, string][] = [
  ['OPERATOR', !values.org || !values.account, 'an OPERATOR token needs --org (its organization) and --account (its operator authorization ID)'],
  ['USER', !values.account, 'a USER token needs --account (its registered user ID)'],
  ['AGENCY', !values.org, 'an AGENCY token needs --org'],
];
for (const [role, missing, why] of needs) {
  if (roles.includes(role) && missing) {
    console.error(`${why}\n\n${HELP}`);
    process.exit(2);
  }
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
