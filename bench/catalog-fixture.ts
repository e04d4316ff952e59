import { createHash } from 'node:crypto';
import { MikroORM, type RequiredEntityData } from '@mikro-orm/postgresql';
import pg from 'pg';
import { newId } from '../schema/ids.js';
import { getRegion, type RegionInfo } from '../schema/regions.js';
import { catalogModule } from '../subgraphs/catalog/index.js';
import { DataItem, DataResource } from '../subgraphs/catalog/resource.entity.js';
import { searchColumns } from '../subgraphs/catalog/search/text.js';
import { ormConfig } from '../subgraphs/kit/server/orm.js';
import { refreshStatistics } from '../subgraphs/kit/server/statistics.js';
import { appliesAt, areaOf, SECTORS, templateFields, type DatasetTemplate, type Sector } from '../seeds/catalog-templates.js';
import { DEMO_ORGANIZATIONS } from '../seeds/demo-data.js';
import { storedEntry } from '../seeds/stored-entry.js';

/**
 * The catalog search benchmark's fixture: many published entries per node, written straight into
 * the node's catalog database (the API would take hours). Each row is built as the catalog's own
 * createDataResource and publishDataResource build it — owned identity from newOwned, the
 * defaults, the publication and due date, and the search columns from searchColumns() — so the
 * search sees exactly what it would see in production. Version history rows are not written:
 * search never reads them.
 *
 * Names, summaries and items come from the seed templates (catalog-templates.ts) with the
 * variety a real catalog of this size has — townships, years, batches, provider names — so a
 * search term is as selective as it would be.
 */

/** Benchmark codes have a six-digit sequence; the demo's have four, so the two never collide. */
const FIXTURE_CODE = '^[0-9]{6}/[0-9]{5}/[0-9]{6}$';
const BATCH = 1000;
/** PostgreSQL binds at most 65,535 parameters per statement; an item row has 11 columns. */
const ITEM_BATCH = 5000;

/** Townships (乡镇、街道) of each region, the commonest qualifier of a county's catalog entry names. */
const TOWNS: Readonly<Record<string, readonly string[]>> = {
  '331100': ['市本级', '丽水经济技术开发区', '市区'],
  '331102': [
    '紫金街道',
    '岩泉街道',
    '万象街道',
    '白云街道',
    '联城街道',
    '南明山街道',
    '碧湖镇',
    '大港头镇',
    '老竹畲族镇',
    '雅溪镇',
    '太平乡',
    '仙渡乡',
    '峰源乡',
    '丽新畲族乡',
    '黄村乡',
  ],
  '331121': ['鹤城街道', '瓯南街道', '油竹街道', '三溪口街道', '温溪镇', '东源镇', '高湖镇', '船寮镇', '海口镇', '腊口镇', '仁庄镇', '山口镇', '方山乡'],
  '331122': ['五云街道', '新碧街道', '仙都街道', '壶镇镇', '新建镇', '舒洪镇', '东渡镇', '东方镇', '大洋镇', '胡源乡'],
  '331123': ['妙高街道', '云峰街道', '北界镇', '金竹镇', '大柘镇', '石练镇', '王村口镇', '黄沙腰镇'],
  '331124': ['西屏街道', '水南街道', '望松街道', '古市镇', '象溪镇', '大东坝镇', '新兴镇', '玉岩镇'],
  '331125': ['浮云街道', '元和街道', '白龙山街道', '凤凰山街道', '崇头镇', '紧水滩镇', '石塘镇'],
  '331126': ['松源街道', '屏都街道', '濛洲街道', '黄田镇', '竹口镇', '荷地镇', '左溪镇', '贤良镇'],
  '331127': ['红星街道', '鹤溪街道', '渤海镇', '东坑镇', '英川镇', '沙湾镇', '大均乡'],
  '331181': ['龙渊街道', '西街街道', '剑池街道', '石达石街道', '八都镇', '上垟镇', '小梅镇', '查田镇', '屏南镇', '安仁镇', '锦溪镇', '住龙镇', '兰巨乡', '宝溪乡', '竹垟畲族乡'],
};
const SUFFIXES = ['（汇总）', '（明细）', '（历史数据）', '（第二批）', '（试点）', '年度统计'];
const SUMMARY_TAILS = ['按月汇总报送省平台。', '已接入一体化智能化公共数据平台。', '用于“浙里办”相关事项的材料免提交。', '历史数据已完成治理和质量校验。'];

/** Deterministic, so a regenerated fixture is the same fixture. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Provider {
  id: string;
  name: string;
  region: RegionInfo;
}
interface Choice {
  sector: Sector;
  template: DatasetTemplate;
  providers: Provider[];
}

/** Every template the node's seeded agencies would register, with the agencies that can provide it. */
async function choicesOf(orm: MikroORM): Promise<Choice[]> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ id: string; name: string; credit_code: string; region_code: string }[]>('select id, name, credit_code, region_code from "catalog"."organization"');
  const sectorOf = new Map(DEMO_ORGANIZATIONS.filter((o) => o.sector).map((o) => [o.creditCode, o.sector!]));
  const bySector = new Map<Sector, Provider[]>();
  for (const r of rows) {
    const sector = sectorOf.get(r.credit_code);
    if (sector) bySector.set(sector, [...(bySector.get(sector) ?? []), { id: r.id, name: r.name, region: getRegion(r.region_code)! }]);
  }
  if (!bySector.size) throw new Error('the node has no seeded agencies: seed the demo first');
  return [...bySector].flatMap(([sector, providers]) =>
    SECTORS[sector].datasets.map((template) => ({ sector, template, providers: providers.filter((p) => appliesAt(template, p.region)) })).filter((c) => c.providers.length > 0),
  );
}

/** One entry (and its 3–6 items) as the catalog would store it once published. */
function entry(choices: Choice[], n: number, rnd: () => number, now: Date): { resource: RequiredEntityData<DataResource>; items: RequiredEntityData<DataItem>[] } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const { sector, template: t, providers } = pick(choices);
  const provider = pick(providers);
  const region = provider.region;
  const town = rnd() < 0.45 ? pick(TOWNS[region.code] ?? []) : '';
  const year = rnd() < 0.3 ? `${2016 + Math.floor(rnd() * 10)}年` : '';
  const suffix = rnd() < 0.2 ? pick(SUFFIXES) : '';
  const name = `${region.level === 'CITY' ? '' : region.name}${town}${year}${t.name}${suffix}`;
  const tail = rnd() < 0.5 ? `数据来源：${provider.name}。` : pick(SUMMARY_TAILS);
  const summary = `${t.summary.replaceAll('{area}', `${areaOf(region)}${town}`)}${tail}`;
  // The identifying item and 2–5 of the others drawn at random, in the template's order.
  const [first, ...rest] = t.items;
  const others = [...rest];
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [others[i], others[j]] = [others[j]!, others[i]!];
  }
  const chosen = new Set([first!, ...others.slice(0, 2 + Math.floor(rnd() * 4))]);
  const items = t.items.filter((i) => chosen.has(i));

  const fields = templateFields(t);
  const status = rnd() < 0.95 ? 'PUBLISHED' : pick(['SUBMITTED', 'DRAFT', 'DEPRECATED'] as const);
  const sectorNo = String(Object.keys(SECTORS).indexOf(sector) + 10);
  const templateNo = String(SECTORS[sector].datasets.indexOf(t)).padStart(2, '0');
  const resource = storedEntry(
    {
      region: region.code,
      providerId: provider.id,
      code: `${region.code}/2${sectorNo}${templateNo}/${String(n).padStart(6, '0')}`,
      name,
      summary,
      itemNames: items.map((i) => i.name),
      ...fields,
      status,
    },
    now,
  );
  return {
    resource,
    items: items.map((i, position) => ({
      id: newId(region.code),
      resourceId: resource.id,
      position,
      name: i.name,
      dataType: i.dataType,
      description: i.description ?? null,
      personalInfo: i.personalInfo ?? false,
      identifier: i.identifier ?? false,
      authoritative: false,
      sourceItemId: null,
      duplicationJustification: null,
    })),
  };
}

/**
 * Whether the stored fixture is still what this code would generate: the right number of rows,
 * and search columns equal to what searchColumns() makes of their own names, summaries and items
 * today (a change of the search normalization makes an old fixture wrong).
 */
async function fixtureIsCurrent(orm: MikroORM, perNode: number): Promise<boolean> {
  const conn = orm.em.fork().getConnection();
  const [{ count }] = await conn.execute<{ count: string }[]>(`select count(*) from "catalog"."data_resource" where code ~ '${FIXTURE_CODE}'`);
  if (Number(count) !== perNode) return false;
  const sample = await conn.execute<{ name: string; summary: string; search_text: string; items: string[] }[]>(
    `select r.name, r.summary, r.search_text, array(select i.name from "catalog"."data_item" i where i.resource_id = r.id order by i.position) as items
       from "catalog"."data_resource" r where r.code ~ '${FIXTURE_CODE}' order by r.seq desc limit 50`,
  );
  return sample.every(
    (r) =>
      searchColumns(
        r,
        r.items.map((name) => ({ name })),
      ).searchText === r.search_text,
  );
}

/**
 * The catalog schema a fixture was built on. Kept databases do not re-run a migration that was
 * edited in place (its name is already recorded), so a changed fingerprint means rebuilding them.
 */
export function schemaFingerprint(): string {
  return createHash('sha256')
    .update(catalogModule.migrations.map((m) => `${m.name}\n${String(m.class)}`).join('\n'))
    .digest('hex');
}

const FINGERPRINT_TABLE = '"public"."bench_catalog_fixture"';

/** Drops the node's kept database unless it was built on the current catalog schema; true when dropped. */
export async function dropIfStale(serverUrl: string, database: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (!(await admin.query('select 1 from pg_database where datname = $1', [database])).rowCount) return false;
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const found = await client.query(`select fingerprint from ${FINGERPRINT_TABLE}`).catch(() => null);
      if (found?.rows[0]?.fingerprint === schemaFingerprint()) return false;
    } finally {
      await client.end();
    }
    await admin.query(`drop database "${database}" with (force)`);
    return true;
  } finally {
    await admin.end();
  }
}

export interface FixtureReport {
  nodeId: string;
  generated: boolean;
  seconds: number;
  entries: number;
  items: number;
}

/**
 * Makes sure the node's catalog holds `perNode` fixture entries: kept from an earlier run when
 * still current, otherwise (re)generated in batches, then VACUUM ANALYZE so the planner knows
 * the table it is about to search (VACUUM also empties the GIN pending lists and marks the pages
 * all-visible), and the kit's refresh for the other tables.
 */
export async function ensureCatalogFixture(nodeId: string, databaseUrl: string, perNode: number, log: (msg: string) => void): Promise<FixtureReport> {
  // A bulk load, not a request: VACUUM ANALYZE of a large table on a busy machine outlasts a request's statement timeout.
  const orm = await MikroORM.init(
    ormConfig({
      clientUrl: databaseUrl,
      schema: 'catalog',
      entities: catalogModule.entities,
      migrations: [],
      poolMax: 2,
      limits: { statementTimeoutMs: 0, acquireTimeoutMs: 10_000 },
    }),
  );
  try {
    const t0 = performance.now();
    if (await fixtureIsCurrent(orm, perNode)) return { nodeId, generated: false, seconds: 0, entries: perNode, items: 0 };
    const conn = orm.em.fork().getConnection();
    await conn.execute(`delete from "catalog"."data_resource" where code ~ '${FIXTURE_CODE}'`);
    const choices = await choicesOf(orm);
    const rnd = random(`catalog-bench-${nodeId}`);
    const now = new Date();
    let items = 0;
    for (let start = 0; start < perNode; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, perNode - start) }, (_, i) => entry(choices, start + i + 1, rnd, now));
      await orm.em.fork().transactional(async (em) => {
        await em.insertMany(
          DataResource,
          batch.map((b) => b.resource),
        );
        const rows = batch.flatMap((b) => b.items);
        for (let i = 0; i < rows.length; i += ITEM_BATCH) await em.insertMany(DataItem, rows.slice(i, i + ITEM_BATCH));
        items += rows.length;
      });
      if ((start + BATCH) % 20_000 === 0) log(`  ${nodeId}: ${start + BATCH} entries (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await conn.execute('vacuum analyze "catalog"."data_resource"');
    await conn.execute('vacuum analyze "catalog"."data_item"');
    // The rest of the schema (organizations, versions …) as every other bulk load leaves it.
    await refreshStatistics(orm.em.fork(), 'catalog');
    await conn.execute(`create table if not exists ${FINGERPRINT_TABLE} (fingerprint text not null)`);
    await conn.execute(`delete from ${FINGERPRINT_TABLE}`);
    await conn.execute(`insert into ${FINGERPRINT_TABLE} values (?)`, [schemaFingerprint()]);
    return { nodeId, generated: true, seconds: (performance.now() - t0) / 1000, entries: perNode, items };
  } finally {
    await orm.close();
  }
}
