import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { publishResource, registerOrganization, resourceInput, type ResourceOverrides } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';

/** Defects found by trying the catalog as a new user would (issue 7, item 8). */
let t: Awaited<ReturnType<typeof startTestNode>>;
let statements = 0;
const CITY = '331100';

beforeAll(async () => {
  t = await startTestNode('newuser', nodeConfig('lishui', [CITY, '331121']), (subgraph) => {
    if (subgraph === 'catalog') statements += 1;
  });
}, 300_000);
afterAll(async () => t?.stop());

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id items { name } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) {
  id name categoryCode relatedCodes items { name } pendingRevision { status changes { field after } } } }`;
const SUBMIT = `mutation($id: ID!) { submitDataResource(id: $id) { status } }`;
const PUBLISH = `mutation($id: ID!) { publishDataResource(id: $id) { status name items { name } } }`;
const RETURN = `mutation($id: ID!, $c: String!) { returnDataResource(id: $id, comment: $c) { status } }`;
const RETIRE = `mutation($id: ID!, $r: String!) { retireDataResource(id: $id, reason: $r) { status } }`;
const GET = `query($id: ID!) { dataResource(id: $id) { id status name reviewComment } }`;
const SEARCH = `query($f: DataResourceFilter, $scope: RegionScopeInput) { dataResources(filter: $f, scope: $scope, first: 100) { totalCount edges { node { id status } } } }`;

const items = (...names: string[]) => names.map((name) => ({ name, dataType: 'STRING' }));

async function draft(org: string, over: ResourceOverrides = {}): Promise<string> {
  const r = await t.call('catalog', agency(org, CITY), CREATE, { input: resourceInput(org, CITY, over) });
  expect(r.errors).toBeUndefined();
  return r.data!.createDataResource.id;
}

async function searchIds(actor: Actor, f: Record<string, unknown>): Promise<{ ids: string[]; statuses: string[] }> {
  const r = await t.call('catalog', actor, SEARCH, { f });
  expect(r.errors).toBeUndefined();
  const edges = r.data!.dataResources.edges as { node: { id: string; status: string } }[];
  return { ids: edges.map((e) => e.node.id), statuses: edges.map((e) => e.node.status) };
}

describe('a mutation answers with the state after the change [CAT-5]', () => {
  test("updating a draft's items answers with the new items", async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市自然资源和规划局');
    const id = await draft(org, { items: items('宗地代码', '宗地面积') });
    const r = await t.call('catalog', agency(org, CITY), UPDATE, { id, input: { items: items('宗地代码', '土地用途', '权利人') } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateDataResource.items).toEqual([{ name: '宗地代码' }, { name: '土地用途' }, { name: '权利人' }]);
  });

  test("approving a revision answers with the revision's items, not the ones it replaced [B §18]", async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市住房和城乡建设局');
    const id = await publishResource(t.call, org, CITY, { items: items('房屋编号', '建筑面积') });
    const staff = agency(org, CITY);
    expect((await t.call('catalog', staff, UPDATE, { id, input: { name: '房屋登记信息', items: items('房屋编号', '套内面积') } })).errors).toBeUndefined();
    await t.call('catalog', staff, SUBMIT, { id });
    const published = await t.call('catalog', authority(CITY), PUBLISH, { id });
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishDataResource).toEqual({ status: 'PUBLISHED', name: '房屋登记信息', items: [{ name: '房屋编号' }, { name: '套内面积' }] });
  });
});

describe('an entry never published stays private when retired [CAT-5]', () => {
  test('a returned draft that is retired is seen by its provider and the authority only; a retired published entry stays visible', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市卫生健康委员会');
    const other = agency(await registerOrganization(t.call, CITY, '丽水市教育局'), CITY);
    const name = `未审内容${Math.random().toString(36).slice(2, 7)}`;
    const returned = await draft(org, { name });
    await t.call('catalog', agency(org, CITY), SUBMIT, { id: returned });
    await t.call('catalog', authority(CITY), RETURN, { id: returned, c: '内部意见：不应编目' });
    expect((await t.call('catalog', authority(CITY), RETIRE, { id: returned, r: '不再编目' })).data!.retireDataResource.status).toBe('DEPRECATED');

    const wasPublished = await publishResource(t.call, org, CITY, { name });
    await t.call('catalog', authority(CITY), RETIRE, { id: wasPublished, r: '数据已停止采集' });

    expect((await t.call('catalog', other, GET, { id: returned })).data!.dataResource).toBeNull();
    expect((await t.call('catalog', other, GET, { id: wasPublished })).data!.dataResource).toMatchObject({ status: 'DEPRECATED' });
    const seen = await searchIds(other, { keyword: name, statuses: ['DEPRECATED'] });
    expect(seen.ids).toEqual([wasPublished]);
    for (const actor of [agency(org, CITY), authority(CITY)]) {
      expect((await t.call('catalog', actor, GET, { id: returned })).data!.dataResource).toMatchObject({ status: 'DEPRECATED', reviewComment: '内部意见：不应编目' });
      expect((await searchIds(actor, { keyword: name, statuses: ['DEPRECATED'] })).ids.sort()).toEqual([returned, wasPublished].sort());
    }
  });
});

describe('the default search shows the current catalog [CAT-8]', () => {
  test('retired entries only when asked for, by statuses or status; an empty list is refused naming the field', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市交通运输局');
    const k = `现行${Math.random().toString(36).slice(2, 7)}`;
    const current = await publishResource(t.call, org, CITY, { name: `${k}客运线路` });
    const retired = await publishResource(t.call, org, CITY, { name: `${k}旧线路` });
    await t.call('catalog', authority(CITY), RETIRE, { id: retired, r: '线路撤销' });
    const reader = agency(await registerOrganization(t.call, CITY, '丽水市公安局'), CITY);

    expect((await searchIds(reader, { keyword: k })).ids).toEqual([current]);
    expect((await searchIds(reader, { providerId: org })).ids).toEqual([current]);
    expect((await searchIds(reader, { keyword: k, statuses: ['PUBLISHED', 'DEPRECATED'] })).ids.sort()).toEqual([current, retired].sort());
    expect((await searchIds(reader, { keyword: k, statuses: ['DEPRECATED'] })).ids).toEqual([retired]);
    expect((await searchIds(reader, { keyword: k, status: 'DEPRECATED' })).ids).toEqual([retired]);
    expect((await searchIds(authority(CITY), { keyword: k })).statuses).toEqual(['PUBLISHED']);

    const empty = await t.call('catalog', reader, SEARCH, { f: { keyword: k, statuses: [] } });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0].extensions!.field).toBe('filter.statuses');
  });
});

describe('IDs and region codes of unknown regions are refused with the field, before any SQL', () => {
  const unknownId = newId('999999');
  test.each([
    ['createDataResource providerId', () => [CREATE, { input: resourceInput(unknownId, CITY) }], 'input.providerId'],
    ['updateDataResource id', () => [UPDATE, { id: unknownId, input: { name: '新名称' } }], 'id'],
    ['publishDataResource id', () => [PUBLISH, { id: unknownId }], 'id'],
    ['a search by provider', () => [SEARCH, { f: { providerId: unknownId } }], 'filter.providerId'],
    ['a search scope', () => [SEARCH, { f: null, scope: { regionCode: '999999', includeSubRegions: true } }], 'scope.regionCode'],
  ] as [string, () => [string, Record<string, unknown>], string][])('%s', async (_label, make, field) => {
    const [query, variables] = make();
    const org = await registerOrganization(t.call, CITY, '丽水市统计局');
    const before = statements;
    const r = await t.call('catalog', agency(org, CITY), query, variables);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(statements - before).toBe(0);
  });
});

describe('the public sees nothing of entries it may not see [SEC-1, Z §14]', () => {
  test('DataItem.source and sourceItemId, and the one-source flags, of an open entry do not show an item of a PROHIBITED entry, nor its IDs, to anonymous callers [CAT-6]', async () => {
    const holder = await registerOrganization(t.call, CITY, '丽水市公安局户政');
    const user = await registerOrganization(t.call, CITY, '丽水市文化广电旅游局');
    const secret = await publishResource(t.call, holder, CITY, {
      name: '户籍人口基本信息',
      securityGrade: 'IMPORTANT',
      openAttribute: 'PROHIBITED',
      items: [{ name: '公民身份号码（户籍）', dataType: 'STRING', identifier: true, personalInfo: true, authoritative: true }],
    });
    const sourceItem = (await t.call('catalog', authority(CITY), `query($id: ID!) { dataResource(id: $id) { items { id } } }`, { id: secret })).data!.dataResource.items[0].id;
    const open = await publishResource(t.call, user, CITY, {
      name: '景区游客统计',
      items: [
        { name: '公民身份号码（户籍）', dataType: 'STRING', sourceItemId: sourceItem },
        { name: '游客人数', dataType: 'INTEGER' },
      ],
    });
    const Q = `query($id: ID!) { dataResource(id: $id) { items { name sourceItemId source { id name } } } }`;
    // Collected again instead of linked, the item is flagged; the flag names the source only to those who may see it.
    const again = await publishResource(t.call, user, CITY, { name: '景区预约信息', items: [{ name: '公民身份号码（户籍）', dataType: 'STRING' }] });
    const FLAGS = `query($id: ID!) { dataResource(id: $id) { oneSourceFlags { itemName sourceItemId sourceResourceId } } }`;
    expect((await t.call('catalog', ANONYMOUS, FLAGS, { id: again })).data!.dataResource.oneSourceFlags).toEqual([]);
    expect((await t.call('catalog', agency(user, CITY), FLAGS, { id: again })).data!.dataResource.oneSourceFlags).toEqual([
      { itemName: '公民身份号码（户籍）', sourceItemId: sourceItem, sourceResourceId: secret },
    ]);
    const anon = await t.call('catalog', ANONYMOUS, Q, { id: open });
    expect(anon.errors).toBeUndefined();
    expect(anon.data!.dataResource.items[0]).toEqual({ name: '公民身份号码（户籍）', sourceItemId: null, source: null });
    const staff = await t.call('catalog', agency(user, CITY), Q, { id: open });
    expect(staff.data!.dataResource.items[0]).toEqual({ name: '公民身份号码（户籍）', sourceItemId: sourceItem, source: { id: sourceItem, name: '公民身份号码（户籍）' } });
  });

  test("an anonymous objection's errors do not name an entry the caller cannot see [B §11]", async () => {
    const holder = await registerOrganization(t.call, CITY, '丽水市医疗保障局');
    const another = await registerOrganization(t.call, CITY, '丽水市民政局');
    const hidden = '参保人员缴费明细';
    const id = await publishResource(t.call, holder, CITY, { name: hidden, openAttribute: 'PROHIBITED', items: items('缴费金额') });
    const FILE = `mutation($input: FileDataObjectionInput!) { fileDataObjection(input: $input) { id } }`;
    const subject = { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X', contact: '13800000000' };
    const base = { kind: 'WRONG', description: '缴费金额有误', subject };
    const wrongItem = await t.call('catalog', ANONYMOUS, FILE, { input: { ...base, providerId: holder, resourceId: id, itemNames: ['不存在的项'] } });
    expect(wrongItem.errors![0].extensions!.field).toBe('input.itemNames');
    const wrongProvider = await t.call('catalog', ANONYMOUS, FILE, { input: { ...base, providerId: another, resourceId: id } });
    expect(wrongProvider.errors![0].extensions!.field).toBe('input.resourceId');
    for (const r of [wrongItem, wrongProvider]) {
      expect(r.errors![0].message).not.toContain(hidden);
      expect(r.errors![0].message).toContain(id);
    }
  });
});

describe('a pending revision keeps its filed reason [Z §15]', () => {
  test('editing a revision that already makes open data RESTRICTED, with its reason, does not ask for the reason again', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
    const id = await publishResource(t.call, org, CITY);
    const staff = agency(org, CITY);
    const first = await t.call('catalog', staff, UPDATE, { id, input: { openAttribute: 'RESTRICTED', openCondition: '仅限科研用途', openChangeReason: '含经营者联系方式' } });
    expect(first.errors).toBeUndefined();
    const again = await t.call('catalog', staff, UPDATE, { id, input: { name: '市场主体登记信息（受限）' } });
    expect(again.errors).toBeUndefined();
    expect(again.data!.updateDataResource.pendingRevision.changes).toEqual(
      expect.arrayContaining([
        { field: 'openAttribute', after: 'RESTRICTED' },
        { field: 'openChangeReason', after: '含经营者联系方式' },
      ]),
    );
    // A revision made RESTRICTED without a reason is still refused.
    const other = await publishResource(t.call, org, CITY);
    const bare = await t.call('catalog', staff, UPDATE, { id: other, input: { openAttribute: 'RESTRICTED', openCondition: '仅限科研用途' } });
    expect(bare.errors![0].extensions!.field).toBe('input.openChangeReason');
  });
});

describe('required inputs are non-null; an update clears optional fields with null [CAT-1, B §17]', () => {
  test('create without a required field is refused by the schema, naming it; nothing is written', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市生态环境局');
    for (const field of ['name', 'securityGrade', 'items']) {
      const input: Record<string, unknown> = resourceInput(org, CITY);
      delete input[field];
      const r = await t.call('catalog', agency(org, CITY), CREATE, { input });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toContain(field);
    }
    const count = await t.call('catalog', agency(org, CITY), SEARCH, { f: { providerId: org, statuses: ['DRAFT'] } });
    expect(count.data!.dataResources.totalCount).toBe(0);
  });

  test('explicit null clears an optional field, an absent field keeps its value, and a required field cannot be cleared', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市农业农村局');
    const id = await draft(org, { categoryCode: '3311-05-01', relatedCodes: ['331100/00001/0001'] });
    const staff = agency(org, CITY);
    const kept = await t.call('catalog', staff, UPDATE, { id, input: { name: '农业经营主体信息' } });
    expect(kept.data!.updateDataResource).toMatchObject({ name: '农业经营主体信息', categoryCode: '3311-05-01', relatedCodes: ['331100/00001/0001'] });
    const cleared = await t.call('catalog', staff, UPDATE, { id, input: { categoryCode: null, relatedCodes: null } });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updateDataResource).toMatchObject({ name: '农业经营主体信息', categoryCode: null, relatedCodes: [] });
    for (const field of ['name', 'securityGrade', 'items']) {
      const r = await t.call('catalog', staff, UPDATE, { id, input: { [field]: null } });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(`input.${field}`);
    }
    expect((await t.call('catalog', staff, GET, { id })).data!.dataResource.name).toBe('农业经营主体信息');
  });
});
