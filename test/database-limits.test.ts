import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { provisionTestDatabases, TEST_DATABASE_URL, TEST_SETTINGS } from './support/env.js';
import { nodeConfig } from './support/node.js';
import { catalogModule } from '../subgraphs/catalog/index.js';
import { createSubgraph } from '../subgraphs/kit/server/subgraph.js';

// PGlite runs statements on this process's one thread and serves a single connection: it has no
// timer to interrupt a statement and no second session to cancel one from, so these run on PostgreSQL only.
const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
beforeAll(async () => {
  if (TEST_DATABASE_URL) dbs = await provisionTestDatabases('orm');
}, 60_000);
afterAll(async () => dbs?.stop());

const start = (statementTimeoutMs?: number) =>
  createSubgraph(catalogModule, {
    node: nodeConfig('lishui', ['331100']),
    settings: { ...TEST_SETTINGS, databaseLimits: statementTimeoutMs ? { statementTimeoutMs } : undefined },
    databaseUrl: dbs.urls.catalog,
  });

onPostgres('the database pool of a subgraph', () => {
  test('a statement running past the statement timeout fails instead of running on', async () => {
    const running = await start(500);
    try {
      const started = performance.now();
      await expect(running.orm.em.getConnection().execute('select pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      expect(performance.now() - started).toBeLessThan(3_000);
      // The pool is still usable afterwards.
      expect(await running.orm.em.getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await running.stop();
    }
  }, 30_000);

  test('stop() returns promptly while a long statement runs, and the statement is cancelled', async () => {
    const running = await start();
    const sleeping = running.orm.em
      .getConnection()
      .execute('select pg_sleep(30)')
      .then(
        () => 'finished',
        (err: Error & { code?: string }) => err.code,
      );
    // Wait until the statement is running on the server.
    const admin = running.orm.em.getConnection();
    for (let i = 0; i < 50; i++) {
      const [row] = await admin.execute<{ n: string }[]>(`select count(*) as n from pg_stat_activity where query = 'select pg_sleep(30)' and state = 'active'`);
      if (Number(row!.n) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const started = performance.now();
    await running.stop();
    expect(performance.now() - started).toBeLessThan(3_000);
    // 57014 query_canceled: the server stopped the statement rather than finishing it.
    expect(await sleeping).toBe('57014');
  }, 60_000);
});
