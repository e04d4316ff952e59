import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../../schema/auth.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { publishResource, registerOrganization, resourceInput, type ResourceOverrides } from '../../test/support/catalog-fixtures.js';
import { codeOf } from '../../test/support/subgraph-client.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';
const COUNTY = '331121';
const auditor: Actor = { sub: 'auditor-1', orgId: null, region: CITY, roles: ['AUDITOR'] };

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => t.running.subgraphs.catalog!.orm.em.getConnection().execute<T[]>(query, params);
const auditCount = async () => Number((await sql<{ n: string }>(`select count(*) as n from "catalog".audit_event where kind = 'CHANGE'`))[0]!.n);

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id status version items { id name } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id status name openAttribute pendingRevision { status reviewComment changes { field before after } } } }`;
const SUBMIT = `mutation($id: ID!) { submitDataResource(id: $id) { status pendingRevision { status } } }`;
const PUBLISH = `mutation($id: ID!) { publishDataResource(id: $id) { status name publishedAt pendingRevision { status } } }`;
const RETURN = `mutation($id: ID!, $c: String!) { returnDataResource(id: $id, comment: $c) { status reviewComment pendingRevision { status reviewComment } } }`;
const RETIRE = `mutation($id: ID!, $r: String!) { retireDataResource(id: $id, reason: $r) { status retiredAt retireReason } }`;
const HISTORY = `query($id: ID!) { dataResource(id: $id) { status name items { id name } history { number action status comment actorSub actorOrganization { id } changes { field before after } } } }`;

async function draft(providerId: string, region: string, over: ResourceOverrides = {}): Promise<string> {
  const r = await t.call('catalog', agency(providerId, region), CREATE, { input: resourceInput(providerId, region, over) });
  expect(r.errors).toBeUndefined();
  return r.data!.createDataResource.id;
}

const history = async (id: string, actor: Actor) => (await t.call('catalog', actor, HISTORY, { id })).data!.dataResource;

beforeAll(async () => {
  t = await startTestNode('workflow', nodeConfig('lishui', [CITY, COUNTY]));
});
afterAll(async () => t?.stop());

describe('review workflow [CAT-5]', () => {
  test('draft → submitted → returned with comments → changed → resubmitted → published, every step kept as a version [J §9, B §17, L §9]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
    const staff = agency(org, CITY);
    const id = await draft(org, CITY, { name: '企业登记信息' });
    expect((await t.call('catalog', staff, SUBMIT, { id })).data!.submitDataResource.status).toBe('SUBMITTED');
    const returned = await t.call('catalog', authority(CITY), RETURN, { id, c: '请补充资源分类代码' });
    expect(returned.data!.returnDataResource).toMatchObject({ status: 'RETURNED', reviewComment: '请补充资源分类代码' });
    const changed = await t.call('catalog', staff, UPDATE, { id, input: { name: '市场主体登记信息', categoryCode: '3311-02-01' } });
    expect(changed.errors).toBeUndefined();
    await t.call('catalog', staff, SUBMIT, { id });
    const published = await t.call('catalog', authority(CITY), PUBLISH, { id });
    expect(published.data!.publishDataResource).toMatchObject({ status: 'PUBLISHED', name: '市场主体登记信息' });

    const h = await history(id, staff);
    expect(h.history.map((v: any) => v.action)).toEqual(['PUBLISHED', 'SUBMITTED', 'UPDATED', 'RETURNED', 'SUBMITTED', 'CREATED']);
    expect(h.history.map((v: any) => v.number)).toEqual([6, 5, 4, 3, 2, 1]);
    const returnedVersion = h.history.find((v: any) => v.action === 'RETURNED');
    expect(returnedVersion).toMatchObject({ comment: '请补充资源分类代码', actorSub: `authority-${CITY}`, status: 'RETURNED' });
    const update = h.history.find((v: any) => v.action === 'UPDATED');
    expect(update).toMatchObject({ actorSub: staff.sub, actorOrganization: { id: org } });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '企业登记信息', after: '市场主体登记信息' },
        { field: 'categoryCode', before: null, after: '3311-02-01' },
      ]),
    );
  });

  test('a return needs comments; a refused step changes nothing and writes no audit event [J §9]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市民政局');
    const id = await draft(org, CITY);
    await t.call('catalog', agency(org, CITY), SUBMIT, { id });
    const audits = await auditCount();
    const refused = await t.call('catalog', authority(CITY), RETURN, { id, c: '   ' });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.field).toBe('comment');
    const h = await history(id, authority(CITY));
    expect(h.status).toBe('SUBMITTED');
    expect(h.history).toHaveLength(2);
    expect(await auditCount()).toBe(audits);
    // Under review the entry's state, not the input, refuses the change.
    const edit = await t.call('catalog', agency(org, CITY), UPDATE, { id, input: { name: '审核中修改' } });
    expect(codeOf(edit)).toBe('CONFLICT');
  });

  test("only the providing agency compiles and submits; only the authority of the entry's region publishes, returns and retires [J §9, B §17, SEC-1]", async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市交通运输局');
    const other = await registerOrganization(t.call, CITY, '丽水市教育局');
    const countyOrg = await registerOrganization(t.call, COUNTY, '青田县交通运输局');
    expect(codeOf(await t.call('catalog', authority(CITY), CREATE, { input: resourceInput(org, CITY) }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('catalog', agency(other, CITY), CREATE, { input: resourceInput(org, CITY) }))).toBe('FORBIDDEN');
    const id = await draft(org, CITY);
    expect(codeOf(await t.call('catalog', agency(other, CITY), SUBMIT, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('catalog', authority(CITY), SUBMIT, { id }))).toBe('FORBIDDEN');
    await t.call('catalog', agency(org, CITY), SUBMIT, { id });
    expect(codeOf(await t.call('catalog', agency(org, CITY), PUBLISH, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('catalog', auditor, PUBLISH, { id }))).toBe('FORBIDDEN');
    // A county's authority on the city's platform reviews its county, not the city: the city's submission is not even visible to it.
    expect(codeOf(await t.call('catalog', authority(COUNTY), PUBLISH, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('catalog', authority(COUNTY), RETURN, { id, c: '不同意' }))).toBe('NOT_FOUND');
    expect((await t.call('catalog', authority(CITY), PUBLISH, { id })).data!.publishDataResource.status).toBe('PUBLISHED');
    expect(codeOf(await t.call('catalog', agency(org, CITY), RETIRE, { id, r: '停止采集' }))).toBe('FORBIDDEN');

    // The city's authority reviews the counties it hosts, and so does the county's own.
    const countyEntry = await draft(countyOrg, COUNTY);
    await t.call('catalog', agency(countyOrg, COUNTY), SUBMIT, { id: countyEntry });
    expect((await t.call('catalog', authority(CITY), PUBLISH, { id: countyEntry })).data!.publishDataResource.status).toBe('PUBLISHED');
  });

  test('a change to a published entry is reviewed again while the published version stays visible [B §18]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市卫生健康委员会');
    const reader = await registerOrganization(t.call, CITY, '丽水市医疗保障局');
    const staff = agency(org, CITY);
    const id = await publishResource(t.call, org, CITY, { name: '医疗机构执业信息' });
    const before = await history(id, staff);
    const itemIds = before.items.map((i: any) => i.id);

    const revised = await t.call('catalog', staff, UPDATE, { id, input: { name: '医疗机构执业登记信息' } });
    expect(revised.data!.updateDataResource).toMatchObject({
      status: 'PUBLISHED',
      name: '医疗机构执业信息',
      pendingRevision: { status: 'DRAFT', changes: [{ field: 'name', before: '医疗机构执业信息', after: '医疗机构执业登记信息' }] },
    });
    const seenByOther = await t.call('catalog', agency(reader, CITY), `query($id: ID!) { dataResource(id: $id) { name pendingRevision { status } history { number } } }`, { id });
    expect(seenByOther.data!.dataResource).toEqual({ name: '医疗机构执业信息', pendingRevision: null, history: null });

    expect((await t.call('catalog', staff, SUBMIT, { id })).data!.submitDataResource).toMatchObject({ status: 'PUBLISHED', pendingRevision: { status: 'SUBMITTED' } });
    const queue = await t.call('catalog', authority(CITY), `{ catalogReviewQueue(first: 100) { edges { node { id } } } }`);
    expect(queue.data!.catalogReviewQueue.edges.map((e: any) => e.node.id)).toContain(id);
    const back = await t.call('catalog', authority(CITY), RETURN, { id, c: '名称应与执业许可一致' });
    expect(back.data!.returnDataResource).toMatchObject({
      status: 'PUBLISHED',
      reviewComment: null,
      pendingRevision: { status: 'RETURNED', reviewComment: '名称应与执业许可一致' },
    });
    await t.call('catalog', staff, UPDATE, { id, input: { summary: '医疗机构执业登记、校验和注销信息' } });
    await t.call('catalog', staff, SUBMIT, { id });
    const approved = await t.call('catalog', authority(CITY), PUBLISH, { id });
    expect(approved.data!.publishDataResource).toMatchObject({ status: 'PUBLISHED', name: '医疗机构执业登记信息', pendingRevision: null });

    const after = await history(id, staff);
    expect(after.items.map((i: any) => i.id)).toEqual(itemIds);
    const applied = after.history[0];
    expect(applied.action).toBe('REVISION_PUBLISHED');
    expect(applied.changes.map((c: any) => c.field).sort()).toEqual(['name', 'summary']);
    expect(after.history.map((v: any) => v.action).slice(0, 6)).toEqual([
      'REVISION_PUBLISHED',
      'REVISION_SUBMITTED',
      'REVISION_UPDATED',
      'REVISION_RETURNED',
      'REVISION_SUBMITTED',
      'REVISION_UPDATED',
    ]);
  });

  test('making published UNCONDITIONAL open data RESTRICTED needs a filed reason, also as a revision [Z §15]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市文化广电旅游局');
    const staff = agency(org, CITY);
    const id = await publishResource(t.call, org, CITY, { name: 'A级旅游景区名录', openAttribute: 'UNCONDITIONAL' });
    const refused = await t.call('catalog', staff, UPDATE, { id, input: { openAttribute: 'RESTRICTED', openCondition: '限旅游行业使用' } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.field).toBe('input.openChangeReason');
    expect((await history(id, staff)).history).toHaveLength(3);
    const ok = await t.call('catalog', staff, UPDATE, { id, input: { openAttribute: 'RESTRICTED', openCondition: '限旅游行业使用', openChangeReason: '含经营者联系方式' } });
    expect(ok.data!.updateDataResource.openAttribute).toBe('UNCONDITIONAL');
    expect(ok.data!.updateDataResource.pendingRevision.changes).toEqual(expect.arrayContaining([{ field: 'openChangeReason', before: null, after: '含经营者联系方式' }]));
  });

  test('entries are retired with a reason, never deleted; a retired entry stays readable and cannot change [CAT-5]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市农业农村局');
    const staff = agency(org, CITY);
    const id = await publishResource(t.call, org, CITY, { name: '农机购置补贴信息' });
    expect(codeOf(await t.call('catalog', authority(CITY), RETIRE, { id, r: '' }))).toBe('BAD_USER_INPUT');
    const retired = await t.call('catalog', authority(CITY), RETIRE, { id, r: '补贴政策已终止' });
    expect(retired.data!.retireDataResource).toMatchObject({ status: 'DEPRECATED', retireReason: '补贴政策已终止' });
    const h = await history(id, staff);
    expect(h.status).toBe('DEPRECATED');
    expect(h.history[0]).toMatchObject({ action: 'RETIRED', comment: '补贴政策已终止' });
    expect(codeOf(await t.call('catalog', staff, UPDATE, { id, input: { name: '复活' } }))).toBe('CONFLICT');
    expect(codeOf(await t.call('catalog', authority(CITY), RETIRE, { id, r: '再次停用' }))).toBe('CONFLICT');
    const mutations = t.running.subgraphs.catalog!.schema.getMutationType()!.getFields();
    expect(Object.keys(mutations).filter((name) => /delete|remove/i.test(name))).toEqual([]);
  });
});

describe("a step the entry's state no longer allows is a CONFLICT, not bad input [CAT-5, J §9, B §17-18]", () => {
  test('submitting, publishing and returning again, or after the other step, are CONFLICTs that change nothing', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市交通运输局');
    const staff = agency(org, CITY);
    const id = await draft(org, CITY, { name: '道路运输经营许可信息' });
    expect((await t.call('catalog', staff, SUBMIT, { id })).errors).toBeUndefined();
    expect(codeOf(await t.call('catalog', staff, SUBMIT, { id }))).toBe('CONFLICT');
    expect((await t.call('catalog', authority(CITY), PUBLISH, { id })).errors).toBeUndefined();
    const audits = await auditCount();
    for (const again of [
      t.call('catalog', authority(CITY), PUBLISH, { id }),
      t.call('catalog', authority(CITY), RETURN, { id, c: '请补充说明' }),
      // A published entry without a drafted change has nothing to submit.
      t.call('catalog', staff, SUBMIT, { id }),
    ]) {
      const r = await again;
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    expect(await auditCount()).toBe(audits);
    const h = await history(id, staff);
    expect(h.status).toBe('PUBLISHED');
    expect(h.history.map((v: any) => v.action)).toEqual(['PUBLISHED', 'SUBMITTED', 'CREATED']);

    // The same for a change of the published entry: submitted once, then it awaits review.
    expect((await t.call('catalog', staff, UPDATE, { id, input: { name: '道路运输经营许可证信息' } })).errors).toBeUndefined();
    expect((await t.call('catalog', staff, SUBMIT, { id })).data!.submitDataResource.pendingRevision.status).toBe('SUBMITTED');
    expect(codeOf(await t.call('catalog', staff, SUBMIT, { id }))).toBe('CONFLICT');
    expect(codeOf(await t.call('catalog', staff, UPDATE, { id, input: { name: '又一次修改' } }))).toBe('CONFLICT');
  });

  test('two authorities deciding one submitted entry at once: one publishes, the other loses the race with a CONFLICT', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市商务局');
    const id = await draft(org, CITY, { name: '对外贸易经营者备案信息' });
    expect((await t.call('catalog', agency(org, CITY), SUBMIT, { id })).errors).toBeUndefined();
    const answers = await Promise.all([t.call('catalog', authority(CITY), PUBLISH, { id }), t.call('catalog', authority(CITY), RETURN, { id, c: '请补充资源分类代码' })]);
    const winners = answers.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(answers.filter((r) => r.errors).map(codeOf)).toEqual(['CONFLICT']);
    const h = await history(id, authority(CITY));
    expect(h.status).toBe(winners[0]!.data!.publishDataResource ? 'PUBLISHED' : 'RETURNED');
    expect(h.history).toHaveLength(3);
  });
});

const ITEMS = `query($id: ID!) { dataResource(id: $id) { oneSourceFlags { itemName sourceItemId sourceResourceId sourceResource { name } } items { name authoritative sourceItemId duplicationJustification source { name } } } }`;
const LINK = `mutation($input: LinkDataItemSourceInput!) { linkDataItemSource(input: $input) { id } }`;
const JUSTIFY = `mutation($input: JustifyDataItemDuplicationInput!) { justifyDataItemDuplication(input: $input) { id } }`;

describe('one data, one source [CAT-6]', () => {
  /** An authoritative source of a uniquely named item, so tests running in one database do not meet each other's sources. */
  async function authoritativeSource(itemName: string) {
    const police = await registerOrganization(t.call, CITY, '丽水市公安局');
    const id = await publishResource(t.call, police, CITY, {
      name: '常住人口基本信息',
      library: 'POPULATION',
      openAttribute: 'PROHIBITED',
      items: [
        { name: itemName, dataType: 'STRING', identifier: true, personalInfo: true, authoritative: true },
        { name: '姓名', dataType: 'STRING', personalInfo: true },
      ],
    });
    const item = (await history(id, agency(police, CITY))).items.find((i: any) => i.name === itemName);
    return { id, itemId: item.id as string };
  }

  test('an entry collecting an item an authoritative source provides is flagged; linking the source or filing a justification clears it [J §9-10, B §14, L §10]', async () => {
    const name = `公民身份号码-${Math.random().toString(36).slice(2, 6)}`;
    const source = await authoritativeSource(name);
    const org = await registerOrganization(t.call, CITY, '丽水市人力资源和社会保障局');
    const staff = agency(org, CITY);
    const dup = await publishResource(t.call, org, CITY, {
      name: '社会保险参保信息',
      openAttribute: 'PROHIBITED',
      items: [
        { name, dataType: 'STRING', personalInfo: true },
        { name: '参保状态', dataType: 'STRING' },
      ],
    });
    const flagged = (await t.call('catalog', staff, ITEMS, { id: dup })).data!.dataResource;
    expect(flagged.oneSourceFlags).toEqual([{ itemName: name, sourceItemId: source.itemId, sourceResourceId: source.id, sourceResource: { name: '常住人口基本信息' } }]);

    expect((await t.call('catalog', staff, LINK, { input: { resourceId: dup, itemName: name, sourceItemId: source.itemId } })).errors).toBeUndefined();
    const linked = (await t.call('catalog', staff, ITEMS, { id: dup })).data!.dataResource;
    expect(linked.oneSourceFlags).toEqual([]);
    expect(linked.items[0]).toMatchObject({ sourceItemId: source.itemId, source: { name } });

    const second = await publishResource(t.call, org, CITY, { name: '就业登记信息', openAttribute: 'PROHIBITED', items: [{ name, dataType: 'STRING', personalInfo: true }] });
    expect((await t.call('catalog', staff, ITEMS, { id: second })).data!.dataResource.oneSourceFlags).toHaveLength(1);
    expect(codeOf(await t.call('catalog', staff, JUSTIFY, { input: { resourceId: second, itemName: name, justification: ' ' } }))).toBe('BAD_USER_INPUT');
    expect((await t.call('catalog', staff, JUSTIFY, { input: { resourceId: second, itemName: name, justification: '窗口现场核验时采集，法律另有规定' } })).errors).toBeUndefined();
    expect((await t.call('catalog', staff, ITEMS, { id: second })).data!.dataResource.oneSourceFlags).toEqual([]);
  });

  test('an item has one authoritative source; a second claim is refused naming the field [B §14]', async () => {
    const name = `不动产单元号-${Math.random().toString(36).slice(2, 6)}`;
    await authoritativeSource(name);
    const org = await registerOrganization(t.call, CITY, '丽水市自然资源和规划局');
    const r = await t.call('catalog', agency(org, CITY), CREATE, {
      input: resourceInput(org, CITY, {
        items: [
          { name: '宗地代码', dataType: 'STRING' },
          { name, dataType: 'STRING', authoritative: true },
        ],
      }),
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.items.1.authoritative');
  });

  test('links must point to a published item of another entry and may not form a cycle; unknown items are refused [J §10, B §14]', async () => {
    const a = await registerOrganization(t.call, CITY, '丽水市税务局');
    const b = await registerOrganization(t.call, CITY, '丽水市统计局');
    const name = `纳税人识别号-${Math.random().toString(36).slice(2, 6)}`;
    const y = await publishResource(t.call, b, CITY, { name: '企业统计名录', items: [{ name, dataType: 'STRING' }] });
    const yItem = (await history(y, agency(b, CITY))).items[0].id;
    const x = await publishResource(t.call, a, CITY, { name: '纳税人登记信息', items: [{ name, dataType: 'STRING', sourceItemId: yItem }] });
    const xItem = (await history(x, agency(a, CITY))).items[0].id;

    const cycle = await t.call('catalog', agency(b, CITY), LINK, { input: { resourceId: y, itemName: name, sourceItemId: xItem } });
    expect(codeOf(cycle)).toBe('BAD_USER_INPUT');
    expect(cycle.errors![0].message).toMatch(/cycle/);
    expect((await t.call('catalog', agency(b, CITY), ITEMS, { id: y })).data!.dataResource.items[0].sourceItemId).toBeNull();

    const missing = await t.call('catalog', agency(a, CITY), LINK, { input: { resourceId: x, itemName: '不存在的字段', sourceItemId: yItem } });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].extensions!.field).toBe('input.itemName');

    const unpublished = await draft(b, CITY, { items: [{ name: '草稿字段', dataType: 'STRING' }] });
    const draftItem = (await history(unpublished, agency(b, CITY))).items[0].id;
    const toDraft = await t.call('catalog', agency(a, CITY), CREATE, {
      input: resourceInput(a, CITY, { items: [{ name: '草稿字段', dataType: 'STRING', sourceItemId: draftItem }] }),
    });
    expect(codeOf(toDraft)).toBe('BAD_USER_INPUT');
    expect(toDraft.errors![0].extensions!.field).toBe('input.items.0.sourceItemId');
    expect(codeOf(await t.call('catalog', agency(b, CITY), LINK, { input: { resourceId: x, itemName: name, sourceItemId: yItem } }))).toBe('FORBIDDEN');
  });
});

const FRESH = `query($id: ID!) { dataResource(id: $id) { overdue lastDataUpdateAt updateDueAt publishedAt } }`;
const RECORD = `mutation($input: RecordDataUpdateInput!) { recordDataUpdate(input: $input) { overdue lastDataUpdateAt updateDueAt } }`;
const BY_AGENCY = `{ overdueCatalogByAgency { provider { id } overdueCount } }`;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

describe('update frequency and freshness [CAT-7]', () => {
  test('an entry past its update frequency is OVERDUE until the agency reports an update; the authority lists overdue entries per agency [B §17-18, L §8]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市住房和城乡建设局');
    const staff = agency(org, CITY);
    const id = await publishResource(t.call, org, CITY, { name: '商品房预售许可信息', updateFrequency: 'MONTHLY' });
    const fresh = (await t.call('catalog', staff, FRESH, { id })).data!.dataResource;
    expect(fresh.overdue).toBe(false);
    const due = new Date(fresh.updateDueAt).getTime() - new Date(fresh.publishedAt).getTime();
    expect(due / 86_400_000).toBeGreaterThanOrEqual(28);
    expect(due / 86_400_000).toBeLessThanOrEqual(31);

    const late = await t.call('catalog', staff, RECORD, { input: { resourceId: id, updatedOn: daysAgo(70), note: '补报' } });
    expect(late.data!.recordDataUpdate.overdue).toBe(true);
    const list = await t.call('catalog', authority(CITY), BY_AGENCY);
    expect(list.data!.overdueCatalogByAgency).toContainEqual({ provider: { id: org }, overdueCount: 1 });
    const mine = await t.call('catalog', staff, `{ overdueDataResources(first: 50) { totalCount edges { node { id } } } }`);
    expect(mine.data!.overdueDataResources).toMatchObject({ totalCount: 1, edges: [{ node: { id } }] });
    expect(codeOf(await t.call('catalog', staff, BY_AGENCY))).toBe('FORBIDDEN');

    const now = await t.call('catalog', staff, RECORD, { input: { resourceId: id } });
    expect(now.data!.recordDataUpdate.overdue).toBe(false);
    // A late report of an older update does not move the record backwards.
    const older = await t.call('catalog', staff, RECORD, { input: { resourceId: id, updatedOn: daysAgo(40) } });
    expect(older.data!.recordDataUpdate).toMatchObject({ overdue: false, lastDataUpdateAt: now.data!.recordDataUpdate.lastDataUpdateAt });
    const after = await t.call('catalog', authority(CITY), BY_AGENCY);
    expect(after.data!.overdueCatalogByAgency.map((s: any) => s.provider.id)).not.toContain(org);
  });

  test('bad update reports are refused: future date, impossible date, unpublished entry, another agency [B §18]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市生态环境局');
    const other = await registerOrganization(t.call, CITY, '丽水市水利局');
    const id = await publishResource(t.call, org, CITY, { name: '排污许可信息', updateFrequency: 'QUARTERLY' });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await t.call('catalog', agency(org, CITY), RECORD, { input: { resourceId: id, updatedOn: tomorrow } });
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0].extensions!.field).toBe('input.updatedOn');
    const impossible = await t.call('catalog', agency(org, CITY), RECORD, { input: { resourceId: id, updatedOn: '2025-02-30' } });
    expect(impossible.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.updatedOn' });
    expect(impossible.errors![0].message).toContain('YYYY-MM-DD');
    expect(codeOf(await t.call('catalog', agency(other, CITY), RECORD, { input: { resourceId: id } }))).toBe('FORBIDDEN');
    const unpublished = await draft(org, CITY);
    expect(codeOf(await t.call('catalog', agency(org, CITY), RECORD, { input: { resourceId: unpublished } }))).toBe('CONFLICT');
    expect((await t.call('catalog', agency(org, CITY), FRESH, { id })).data!.dataResource.lastDataUpdateAt).toBeNull();
  });

  test('ON_DEMAND entries are never overdue [B §17]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市档案局');
    const id = await publishResource(t.call, org, CITY, { name: '档案目录', updateFrequency: 'ON_DEMAND' });
    const r = await t.call('catalog', agency(org, CITY), RECORD, { input: { resourceId: id, updatedOn: daysAgo(900) } });
    expect(r.data!.recordDataUpdate).toMatchObject({ overdue: false, updateDueAt: null });
  });
});

describe('evaluation data per agency [CAT-9]', () => {
  const EVAL = `query($id: ID!) { organization(id: $id) { catalogEvaluation { entries publishedEntries completeEntries metadataCompleteness overdueEntries returnedReviews } } }`;

  test('entries, metadata completeness, overdue entries and returned reviews; visible to the authority, auditors and the agency only [B §48, L §28, J §32]', async () => {
    const org = await registerOrganization(t.call, CITY, '丽水市市场监督管理局');
    const other = await registerOrganization(t.call, CITY, '丽水市商务局');
    const staff = agency(org, CITY);
    await publishResource(t.call, org, CITY, {
      name: '食品经营许可信息',
      categoryCode: '3311-05',
      items: [{ name: '许可证编号', dataType: 'STRING', description: '食品经营许可证编号' }],
    });
    const overdue = await publishResource(t.call, org, CITY, { name: '特种设备登记信息', updateFrequency: 'WEEKLY' });
    await t.call('catalog', staff, RECORD, { input: { resourceId: overdue, updatedOn: daysAgo(30) } });
    const returned = await draft(org, CITY, { name: '计量器具检定信息' });
    await t.call('catalog', staff, SUBMIT, { id: returned });
    await t.call('catalog', authority(CITY), RETURN, { id: returned, c: '信息项缺少说明' });

    const expected = { entries: 3, publishedEntries: 2, completeEntries: 1, metadataCompleteness: 1 / 3, overdueEntries: 1, returnedReviews: 1 };
    expect((await t.call('catalog', authority(CITY), EVAL, { id: org })).data!.organization.catalogEvaluation).toEqual(expected);
    expect((await t.call('catalog', auditor, EVAL, { id: org })).data!.organization.catalogEvaluation).toEqual(expected);
    expect((await t.call('catalog', staff, EVAL, { id: org })).data!.organization.catalogEvaluation).toEqual(expected);
    expect((await t.call('catalog', agency(other, CITY), EVAL, { id: org })).data!.organization.catalogEvaluation).toBeNull();
    expect((await t.call('catalog', authority(CITY), EVAL, { id: other })).data!.organization.catalogEvaluation).toMatchObject({ entries: 0, metadataCompleteness: null });
  });
});
