import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DataResource } from '../subgraphs/catalog/resource.entity.js';
import { matchSql, narrowingOf, parseKeyword, RANKS, rankSql } from '../subgraphs/catalog/search/text.js';
import { storedEntry } from '../seeds/stored-entry.js';
import { provisionTestDatabases, TEST_DATABASE_URL, TEST_SETTINGS } from './support/env.js';
import { registerOrganization } from './support/catalog-fixtures.js';
import { callerOf, nodeConfig, startCatalog } from './support/node.js';
import { type RunningSubgraph } from '../subgraphs/kit/server/subgraph.js';

const REGION = '331100';
const node = nodeConfig('lishui', [REGION]);
let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
let sub: RunningSubgraph;
let providerId: string;

const start = (statisticsIntervalMs?: number) => startCatalog(node, dbs, { settings: { ...TEST_SETTINGS, metrics: false, statisticsIntervalMs } });

beforeAll(async () => {
  dbs = await provisionTestDatabases('statistics');
  sub = await start();
  providerId = await registerOrganization(callerOf(node), REGION, '丽水市大数据发展管理局');
}, 120_000);
afterAll(async () => {
  await sub?.stop();
  await dbs?.stop();
});

const TOPICS = ['企业登记信息', '道路运输许可', '农产品质量检测信息', '公共场所卫生许可', '就业登记信息', '林木采伐许可', '景区客流统计信息', '建设工程竣工验收'];

/** Published entries as the workflow stores them, half of them naming 信息. */
async function loadEntries(em: EntityManager, count: number, from: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const name = `${TOPICS[i % TOPICS.length]}（第${i}批）`;
    return storedEntry({
      region: REGION,
      providerId,
      code: `${REGION}/90000/${String(i).padStart(6, '0')}`,
      name,
      summary: `丽水市${name}，按月汇总，供各部门共享使用。已接入一体化智能化公共数据平台。`,
      itemNames: ['记录编号', '主体名称', '登记日期', '办理状态'],
    });
  });
  await em.fork().transactional((trx) => trx.insertMany(DataResource, rows));
}

const sql = (q: string, params: unknown[] = []) => sub.orm.em.fork().getConnection().execute(q, params);

/**
 * Until the load's changes reach the shared counters the staleness check reads: a session sends
 * them when it goes idle, but at most once a second, and otherwise when its idle timer fires
 * (PostgreSQL's PGSTAT_IDLE_INTERVAL, ten seconds). The bound only ends a test whose counters
 * never arrive.
 */
async function changesCounted(atLeast: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await sql(`select n_mod_since_analyze as n from pg_stat_user_tables where schemaname = 'catalog' and relname = 'data_resource'`);
    if (Number(row?.n) >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the load's ${atLeast} changes were not counted within 60 s`);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}
const nodesOf = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodesOf)];

/** The plan of a keyword statement, under the session settings the search runs with (withoutSeqScan in search.resolver.ts). */
async function planOf(statement: string, bindings: string[]): Promise<PlanNode[]> {
  const connection = sub.orm.em.fork().getConnection();
  const knex = connection.getKnex();
  return connection.transactional(async (trx) => {
    await connection.execute(`select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`, [], 'run', trx);
    const [row] = await connection.execute(knex.raw(`explain (format json) ${statement}`, bindings), [], 'all', trx);
    const plan = row!['QUERY PLAN'];
    return nodesOf((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
  });
}

/** Every plan node that evaluates a grams expression row by row. */
const perRow = (nodes: PlanNode[]) => nodes.filter((n) => /search_(keys|grams)/.test(n.Filter ?? '')).map((n) => `${n['Node Type']}: ${n.Filter}`);

describe('table statistics [issue 10]', () => {
  test('start-up leaves every table of the schema analyzed, empty ones included', async () => {
    const never = await sql(`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'catalog' and c.relkind = 'r' and c.reltuples < 0`);
    expect(never).toEqual([]);
  });

  test('after a bulk load, a refresh analyzes the loaded table, empties its GIN pending lists and leaves an unchanged table alone; the keyword search then reads the indexes', async () => {
    const before = await sql(`select last_analyze from pg_stat_user_tables where schemaname = 'catalog' and relname = 'organization'`);
    await loadEntries(sub.orm.em, 260, 0);
    await changesCounted(260);

    const refreshed = await sub.refreshStatistics();
    expect(refreshed.analyzed).toContain('catalog.data_resource');
    expect(refreshed.analyzed).not.toContain('catalog.organization');
    expect(refreshed.pendingPagesCleaned).toBeGreaterThan(0);
    const [table] = await sql(`select reltuples from pg_class where oid = '"catalog"."data_resource"'::regclass`);
    expect(Number(table!.reltuples)).toBe(260);
    // ANALYZE of the table gathers the statistics of its expression indexes too: what the planner estimates a keyword's matches by.
    const indexStats = await sql(`select tablename from pg_stats where schemaname = 'catalog' and tablename in ('data_resource_search_keys', 'data_resource_search_name_grams')`);
    expect(indexStats.map((r) => r.tablename).sort()).toEqual(['data_resource_search_keys', 'data_resource_search_name_grams']);
    expect(await sql(`select last_analyze from pg_stat_user_tables where schemaname = 'catalog' and relname = 'organization'`)).toEqual(before);

    const where = `r.status = 'PUBLISHED' and r.region_code = '${REGION}'`;
    // Counting reads every match: for a frequent term (half the entries) and a rare one alike, only through the keys index.
    for (const term of ['信息', '第7批']) {
      const keyword = parseKeyword(term)!;
      const match = matchSql(keyword, narrowingOf({ status: 'PUBLISHED' }));
      const count = await planOf(`select count(*) from "catalog"."data_resource" as r where ${where} and ${match.sql}`, match.bindings);
      expect({ term, indexes: count.map((n) => n['Index Name']).filter(Boolean) }).toEqual({ term, indexes: expect.arrayContaining(['data_resource_search_keys']) });
      expect({ term, perRow: perRow(count) }).toEqual({ term, perRow: [] });
    }
    // A page of a rare term comes from the indexes. (For a frequent one, walking the newest entries
    // until the page is full is right: strpos rejects a row before the grams are computed.)
    const rare = parseKeyword('第7批')!;
    for (const rank of RANKS) {
      const part = rankSql(rare, rank);
      const plan = await planOf(`select r.id from "catalog"."data_resource" as r where ${where} and ${part.sql} order by r.seq desc limit 21`, part.bindings);
      expect({ rank, perRow: perRow(plan) }).toEqual({ rank, perRow: [] });
    }
  }, 120_000);

  test('the periodic check analyzes a table that became stale and leaves a fresh one alone', async () => {
    await sub.stop();
    sub = await start(200);
    const lastAnalyze = async () =>
      Object.fromEntries(
        (await sql(`select relname, last_analyze from pg_stat_user_tables where schemaname = 'catalog' and relname in ('data_resource', 'organization')`)).map((r) => [
          r.relname,
          r.last_analyze === null ? null : new Date(r.last_analyze).getTime(),
        ]),
      );
    const before = await lastAnalyze();
    await loadEntries(sub.orm.em, 100, 1000);
    // The check sees the load once its counters arrive (see changesCounted); the bound only ends a test where it never does.
    const deadline = Date.now() + 60_000;
    let after = before;
    while (after.data_resource === before.data_resource && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await lastAnalyze();
    }
    expect(after.data_resource).toBeGreaterThan(before.data_resource ?? 0);
    expect(after.organization).toBe(before.organization);
    const [table] = await sql(`select reltuples from pg_class where oid = '"catalog"."data_resource"'::regclass`);
    expect(Number(table!.reltuples)).toBe(360);
  }, 120_000);

  (TEST_DATABASE_URL ? test : test.skip)('the pool runs without JIT on PostgreSQL', async () => {
    const [row] = await sql('show jit');
    expect(row!.jit).toBe('off');
  });
});
