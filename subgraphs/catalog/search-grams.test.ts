import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { provisionTestDatabases } from '../../test/support/env.js';
import { initORM } from '../kit/server/orm.js';
import { catalogModule } from './index.js';

let orm: MikroORM;
let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;

beforeAll(async () => {
  dbs = await provisionTestDatabases('grams');
  orm = await initORM({ clientUrl: dbs.urls.catalog, schema: 'catalog', entities: catalogModule.entities, migrations: catalogModule.migrations, poolMax: dbs.poolMax });
  // The first definition, as Migration20261124000100 created it: the reference the new one must equal.
  await orm.em.getConnection().execute(`create schema if not exists grams_reference`);
  await orm.em.getConnection().execute(`create or replace function grams_reference.search_grams(t text) returns text[]
    language sql immutable strict parallel safe cost 1000
    as $$
      select u || array(select u[i] || u[i + 1] from generate_series(1, cardinality(u) - 1) as i)
      from string_to_array(t, null) as u
    $$`);
}, 120_000);
afterAll(async () => {
  await orm?.close();
  await dbs?.stop();
});

const grams = async (fn: string, text: string) => ((await orm.em.getConnection().execute(`select ${fn}(?::text) as g`, [text]))[0] as { g: string[] | null }).g;

describe('search grams', () => {
  test('the linear search_grams returns exactly what the first definition returned', async () => {
    const samples = ['', '人', 'a', '企业登记信息', '人口 基本信息\nabc\n姓名', 'GDP统计 年报 2024\n𠀀𠀁x y', '  \n\n', '户籍信息'.repeat(50)];
    for (const text of samples) {
      const expected = await grams('grams_reference.search_grams', text);
      expect({ text, grams: await grams('"catalog".search_grams', text) }).toEqual({ text, grams: expected });
    }
    expect(await grams('"catalog".search_grams', '企业登记')).toEqual(['企', '业', '登', '记', '企业', '业登', '登记']);
  });

  test("a text of 200,000 characters is gram'd in linear time", async () => {
    const text = '丽水市市场监督管理局企业登记信息abc\n'.repeat(10_000);
    const started = performance.now();
    const result = await grams('"catalog".search_grams', text);
    const ms = performance.now() - started;
    expect(result).toHaveLength(2 * Array.from(text).length - 1);
    // The quadratic form takes minutes on this text, the linear one a second or two on either
    // database: the bound lies between, well above what the linear one takes on a loaded machine.
    expect(ms).toBeLessThan(30_000);
  });
});
