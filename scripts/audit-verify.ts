import { auditVerify, formatReport } from '../gateway/audit-verify.js';
import { loadEnv } from '../platform/env.js';

/**
 * `npm run audit:verify [-- --node <id>]`: prints per node and subgraph "ok" or the first broken
 * link of its audit chain, and exits non-zero when one is broken or unreachable.
 */
const env = loadEnv();
if (!env.auditAnchorFile) console.warn('AUDIT_ANCHOR_FILE is not set: chains are checked with the key only, so a cut tail cannot be found');
const { reports, ok } = await auditVerify(process.argv.slice(2), env);
for (const r of reports) console.log(formatReport(r));
process.exit(ok ? 0 : 1);
