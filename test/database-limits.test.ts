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
      // PostgreSQL's own cancellation, not the statement's end: it would have slept 5 s and succeeded.
      await expect(running.orm.em.getConnection().execute('select pg_sleep(5)')).rejects.toThrow(/canceling statement due to statement timeout/);
      // The pool is still usable afterwards.
      expect(await running.orm.em.getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await running.stop();
    }
  }, 30_000);

  test('stop() cancels a long statement instead of waiting for it to finish', async () => {
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
    for (let i = 0; i < 400; i++) {
      const [row] = await admin.execute<{ n: string }[]>(`select count(*) as n from pg_stat_activity where query = 'select pg_sleep(30)' and state = 'active'`);
      if (Number(row!.n) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await running.stop();
    // 57014 query_canceled: stop() had the server stop the statement; waiting for it instead would
    // have taken its 30 s and ended with 'finished'.
    expect(await sleeping).toBe('57014');
  }, 60_000);
});
