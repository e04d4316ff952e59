import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { wrap } from '@mikro-orm/postgresql';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { provisionTestDatabases } from './support/env.js';
import { callerOf, nodeConfig, startCatalog } from './support/node.js';
import { Organization } from '../subgraphs/catalog/organization.entity.js';
import { DataItem, DataResource } from '../subgraphs/catalog/resource.entity.js';
import type { SubgraphContext } from '../subgraphs/kit/server/context.js';
import { rowsWhereIn } from '../subgraphs/kit/server/reads.js';
import { type RunningSubgraph } from '../subgraphs/kit/server/subgraph.js';

const REGION = '331100';
const node = nodeConfig('lishui', [REGION]);
let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
let sub: RunningSubgraph;
const resources: string[] = [];
let providerId: string;

beforeAll(async () => {
  dbs = await provisionTestDatabases('reads');
  sub = await startCatalog(node, dbs);
  const call = callerOf(node);
  providerId = await registerOrganization(call, REGION, '丽水市自然资源和规划局');
  for (const name of ['地籍调查成果', '不动产登记信息']) resources.push(await publishResource(call, providerId, REGION, { name }));
}, 120_000);
afterAll(async () => {
  await sub?.stop();
  await dbs?.stop();
});

const context = (readOnly: boolean) => ({ em: sub.orm.em.fork(), readOnly }) as unknown as SubgraphContext;
const plain = (entities: object[]) => entities.map((e) => wrap(e).toObject());

test("a query's reads give the catalog entries and organizations find gives, outside the unit of work [CAT-1, B §17]", async () => {
  const reading = context(true);
  const read = await rowsWhereIn(reading, DataResource, 'id', resources);
  const found = await sub.orm.em.fork().find(DataResource, { id: { $in: resources } });
  const byId = (list: DataResource[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  expect(plain(byId(read))).toEqual(plain(byId(found)));
  expect(read[0]!.publishedAt).toBeInstanceOf(Date);
  expect(reading.em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);

  const [org] = await rowsWhereIn(reading, Organization, 'id', [providerId]);
  expect(org!.name).toBe('丽水市自然资源和规划局');
  expect(reading.em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
});

test("an entry's data items come back in their order [CAT-1, B §17]", async () => {
  const items = await rowsWhereIn(context(true), DataItem, 'resourceId', resources, ['resourceId', 'position']);
  const expected = await sub.orm.em.fork().find(DataItem, { resourceId: { $in: resources } }, { orderBy: { resourceId: 'asc', position: 'asc' } });
  expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
  expect(items.length).toBeGreaterThan(2);
});

test('a request that may write reads through the unit of work, so what it changes is tracked and audited [SEC-2, D §24]', async () => {
  const writing = context(false);
  const [r] = await rowsWhereIn(writing, DataResource, 'id', [resources[0]!]);
  expect(writing.em.getUnitOfWork().getById(DataResource.name, r!.id)).toBe(r);
});
