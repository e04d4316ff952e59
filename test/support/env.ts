import { randomBytes } from 'node:crypto';
import { provisionNodeDatabases } from '../../runtime/databases.js';
import type { SubgraphSettings } from '../../subgraphs/kit/server/settings.js';
import { testImages } from './images.js';

/** CI sets TEST_DATABASE_URL to a real PostgreSQL; without it tests use embedded PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
/**
 * Connections each test subgraph's pool may open on PostgreSQL. A test federation runs twelve
 * subgraphs and two test files run at once: at the default of 10 a burst of concurrent requests
 * (the access matrix prepares its rows all at once) passed the server's max_connections of 100 and
 * a node answered "too many clients". Four keeps two federations and the admin connections below it.
 */
export const TEST_SERVER_POOL_MAX = 4;
export const TEST_SECRET = 'test-internal-secret-0123456789abcdef';
export const TEST_AUDIT_SECRET = 'test-audit-secret-0123456789abcdef0123';
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123';
/** What the test nodes' subgraphs are given: the test secrets, and the kit's defaults (nothing periodic but at start-up). */
export const TEST_SETTINGS: SubgraphSettings = { internalSecret: TEST_SECRET, auditSecret: TEST_AUDIT_SECRET };

/** What new embedded databases start from (test/support/images.ts); none on PostgreSQL. */
export const embeddedImages = (o: { migrated: boolean }) => (TEST_DATABASE_URL ? Promise.resolve(undefined) : testImages(o));

/**
 * Each test file gets databases of its own, so files can run in parallel. Embedded ones start
 * empty, or with `migrated` each with its subgraph's migrations already run (for tests that start
 * the subgraphs, which migrate at start anyway).
 */
export async function provisionTestDatabases(label: string, o: { migrated: boolean } = { migrated: false }) {
  return provisionNodeDatabases({
    serverUrl: TEST_DATABASE_URL,
    database: `t_${label}_${randomBytes(4).toString('hex')}`,
    dropOnStop: true,
    images: await embeddedImages(o),
    serverPoolMax: TEST_SERVER_POOL_MAX,
  });
}
