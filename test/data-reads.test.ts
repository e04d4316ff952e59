import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { internalPost } from '../platform/internal.js';
import { SYSTEM_ACTOR } from '../subgraphs/kit/server/events.js';
import { INTERNAL_PREFIX } from '../subgraphs/kit/server/peers.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { TEST_SECRET, TEST_SETTINGS } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { loadRecords } from './support/records.js';
import { agency, authority } from './support/node.js';
import { eventually } from './support/eventually.js';

/**
 * The data plane's reads across the demo's three nodes [issue 19 items 2, 3, 6, 7]: an agency reads
 * another agency's entry through its grant on the entry's node, with personal items masked unless
 * the grant names them [SHR-5, SEC-1, SEC-3]; the public reads open data by API, RESTRICTED data
 * only under an agreement [OPN-2, OPN-7]; every read is audited and counted [SEC-2, SHR-11, OPN-9];
 * each change that closes a path stops the next read.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';

beforeAll(async () => {
  f = await startTestFederation('data_reads');
}, 300_000);
afterAll(async () => f?.federation.stop());

const sql = <T>(nodeId: string, subgraph: 'catalog' | 'sharing' | 'opening', text: string, params: unknown[] = []) =>
  f.federation.nodes.get(nodeId)!.subgraphs[subgraph]!.orm.em.fork().getConnection().execute<T[]>(text, params);

let serial = 100;
const citizenId = (region = CITY) => {
  const first17 = `${region}19850101${++serial}`;
  return first17 + citizenIdCheckChar(first17);
};

const ITEMS = [
  { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
  { name: '企业名称', dataType: 'STRING' },
  { name: '注册资本', dataType: 'DECIMAL' },
  { name: '成立日期', dataType: 'DATE' },
  { name: '法定代表人', dataType: 'STRING', personalInfo: true },
  { name: '法定代表人身份证号', dataType: 'STRING', personalInfo: true, identifier: true },
];

const ROWS = () =>
  ['丽水甲', '丽水乙', '丽水丙', '丽水丁', '丽水戊'].map((name, i) => ({
    统一社会信用代码: null,
    企业名称: `${name}有限公司`,
    注册资本: `${(i + 1) * 100}`,
    成立日期: `2020-0${i + 1}-15`,
    法定代表人: `张${i}`,
    法定代表人身份证号: citizenId(),
  }));

const GRANTED = ['企业名称', '注册资本', '成立日期'];
const SCENARIO = '企业登记核验';

/** A published entry of a new provider of `region` with five records; and a new agency of `reader` granted GRANTED of it. */
async function grantedEntry(name: string, region: string, reader: string, itemNames = GRANTED) {
  const provider = await registerOrganization(f.call, region, `${name}市场监督管理局`);
  const resourceId = await publishResource(f.call, provider, region, { items: ITEMS });
  const rows = ROWS();
  await loadRecords(f, resourceId, rows);
  const grantee = await registerOrganization(f.call, reader, `${name}行政服务中心`);
  const request = (
    await f.must(agency(grantee, reader), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`, {
      input: {
        resourceId,
        requesterId: grantee,
        scenario: SCENARIO,
        purpose: '办理企业变更登记时核验企业信息',
        legalDuty: '《市场主体登记管理条例》规定的登记职责',
        itemNames,
        itemJustifications: itemNames.filter((n) => n.startsWith('法定代表人')).map((itemName) => ({ itemName, justification: '核验法定代表人身份' })),
        endDate: addDays(todayInChina(), 180),
      },
    })
  ).requestShare;
  expect(request.status).toBe('GRANTED');
  return { provider, resourceId, rows, grantee, grantId: request.id as string, staff: agency(grantee, reader), providerStaff: agency(provider, region) };
}

const READ = `query($id: ID!, $org: ID!, $scenario: String!, $items: [String!], $filter: [RecordFilter!], $first: Int, $after: String) {
  entryRecords(id: $id, organizationId: $org, scenario: $scenario, items: $items, filter: $filter, first: $first, after: $after) {
    grantId columns { name masked personalInfo } edges { cursor node { version rowNo values { item value masked } } } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
type Page = {
  grantId: string | null;
  columns: { name: string; masked: boolean }[];
  edges: { node: { version: number; rowNo: string; values: { item: string; value: string | null; masked: boolean }[] } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};
const read = (actor: Actor | null, s: { resourceId: string; grantee: string }, over: Record<string, unknown> = {}) =>
  f.gql<{ entryRecords: Page }>(actor, READ, { id: s.resourceId, org: s.grantee, scenario: SCENARIO, ...over });
const mustRead = async (actor: Actor, s: { resourceId: string; grantee: string }, over: Record<string, unknown> = {}) => {
  const r = await read(actor, s, over);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.entryRecords;
};
const ext = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;
const valuesOf = (p: Page) => p.edges.map((e) => Object.fromEntries(e.node.values.map((v) => [v.item, v.value])));

const auditRows = (node: string, entityId: string, action = 'dataRecords.read') =>
  sql<{ actor_sub: string; data: Record<string, unknown> | string }>(
    node,
    'catalog',
    'select actor_sub, data from "catalog".audit_event where action = ? and entity_id = ? order by id',
    [action, entityId],
  ).then((rows) => rows.map((r) => ({ actor: r.actor_sub, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data })));

describe('reading through a grant, across nodes [SHR-5, SEC-1, SEC-3]', () => {
  test('a district agency reads a city entry under its grant: the granted items only, in entry order; audited and counted for the grant [SHR-5, SHR-11, SEC-2]', async () => {
    const s = await grantedEntry('丽水市甲', CITY, LIANDU);
    const page = await mustRead(s.staff, s);
    expect(page.grantId).toBe(s.grantId);
    expect(page.columns).toEqual(GRANTED.map((name) => ({ name, masked: false, personalInfo: false })));
    expect(valuesOf(page)).toEqual(s.rows.map((r) => ({ 企业名称: r.企业名称, 注册资本: r.注册资本, 成立日期: r.成立日期 })));
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

    expect(await auditRows('lishui', s.resourceId)).toEqual([
      {
        actor: s.staff.sub,
        data: { organizationId: s.grantee, grantId: s.grantId, scenario: SCENARIO, items: GRANTED, masked: [], filters: 0, rows: 5 },
      },
    ]);
    expect(await sql('lishui', 'sharing', 'select reads::int as reads, rows::int as rows from "sharing".grant_use where grant_id = ?', [s.grantId])).toEqual([
      { reads: 1, rows: 5 },
    ]);
    const evaluation = await f.must(s.providerStaff, `query($id: ID!) { organization(id: $id) { sharingEvaluation { grantReads } } }`, { id: s.provider });
    expect(evaluation.organization.sharingEvaluation.grantReads).toBe(1);
  });

  test('a city agency reads a district entry on the district node under its grant [SHR-5, SHR-7]', async () => {
    const s = await grantedEntry('莲都区乙', LIANDU, CITY);
    expect(valuesOf(await mustRead(s.staff, s, { items: ['企业名称'] }))).toEqual(s.rows.map((r) => ({ 企业名称: r.企业名称 })));
    expect(await sql('liandu', 'sharing', 'select reads::int as reads from "sharing".grant_use where grant_id = ?', [s.grantId])).toEqual([{ reads: 1 }]);
    expect(await auditRows('liandu', s.resourceId)).toHaveLength(1);
  });

  test('personal items outside the grant come masked (identifiers keep 4 + 4 characters), never filterable; the grant that names them shows them [SEC-3, J §28]', async () => {
    const s = await grantedEntry('丽水市丙', CITY, LIANDU);
    const page = await mustRead(s.staff, s, { items: ['企业名称', '法定代表人', '法定代表人身份证号'] });
    expect(page.columns).toEqual([
      { name: '企业名称', masked: false, personalInfo: false },
      { name: '法定代表人', masked: true, personalInfo: true },
      { name: '法定代表人身份证号', masked: true, personalInfo: true },
    ]);
    for (const [i, row] of valuesOf(page).entries()) {
      const id = s.rows[i]!.法定代表人身份证号;
      expect(row).toEqual({ 企业名称: s.rows[i]!.企业名称, 法定代表人: '******', 法定代表人身份证号: `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}` });
    }
    const probe = await read(s.staff, s, { items: ['企业名称', '法定代表人'], filter: [{ item: '法定代表人', eq: '张0' }] });
    expect(ext(probe)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter[0].item' });
    expect((await auditRows('lishui', s.resourceId)).map((a) => a.data.masked)).toEqual([['法定代表人', '法定代表人身份证号']]);

    const named = await grantedEntry('丽水市丁', CITY, LIANDU, ['企业名称', '法定代表人身份证号']);
    const clear = await mustRead(named.staff, named, { items: ['法定代表人身份证号'] });
    expect(clear.columns).toEqual([{ name: '法定代表人身份证号', masked: false, personalInfo: true }]);
    expect(valuesOf(clear).map((r) => r.法定代表人身份证号)).toEqual(named.rows.map((r) => r.法定代表人身份证号));
  });

  test('the provider reads its own data whole, without a grant [SEC-5]', async () => {
    const s = await grantedEntry('丽水市戊', CITY, LIANDU);
    const page = await mustRead(s.providerStaff, { resourceId: s.resourceId, grantee: s.provider }, { scenario: '本部门数据核对' });
    expect(page.grantId).toBeNull();
    expect(page.columns.map((c) => c.masked)).toEqual(ITEMS.map(() => false));
    expect(valuesOf(page)[0]!.法定代表人身份证号).toBe(s.rows[0]!.法定代表人身份证号);
  });

  test('filters on served items, by their type; keyset pages in (version, row) order; first capped at 500 [issue 19 item 7]', async () => {
    const s = await grantedEntry('丽水市己', CITY, LIANDU);
    const rich = await mustRead(s.staff, s, {
      filter: [
        { item: '注册资本', gte: '250' },
        { item: '成立日期', lte: '2020-04-30' },
      ],
    });
    expect(valuesOf(rich).map((r) => r.企业名称)).toEqual(['丽水丙有限公司', '丽水丁有限公司']);

    const bad = await read(s.staff, s, { filter: [{ item: '注册资本', gte: '很多' }] });
    expect(ext(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter[0].gte' });

    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 3; pageNo++) {
      const p: Page = await mustRead(s.staff, s, { first: 2, after });
      seen.push(...valuesOf(p).map((r) => r.企业名称!));
      expect(p.pageInfo.hasPreviousPage).toBe(pageNo > 0);
      expect(p.pageInfo.hasNextPage).toBe(pageNo < 2);
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(s.rows.map((r) => r.企业名称));

    // An APPEND load adds a version after the first; a REPLACE load starts the entry's data anew.
    await loadRecords(f, s.resourceId, [{ 企业名称: '丽水庚有限公司', 注册资本: '50', 成立日期: '2021-01-01' }], 'APPEND');
    expect(valuesOf(await mustRead(s.staff, s)).map((r) => r.企业名称)).toHaveLength(6);
    await loadRecords(f, s.resourceId, [{ 企业名称: '丽水辛有限公司', 注册资本: '70', 成立日期: '2022-01-01' }]);
    const replaced = await mustRead(s.staff, s);
    expect(valuesOf(replaced).map((r) => r.企业名称)).toEqual(['丽水辛有限公司']);
    expect(replaced.edges[0]!.node).toMatchObject({ version: 3, rowNo: '1' });

    expect(ext(await read(s.staff, s, { first: 501 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(ext(await read(s.staff, s, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(ext(await read(s.staff, s, { after: 'nonsense' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(ext(await read(s.staff, s, { items: ['不存在的项'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items[0]' });
  });

  test('refusals name their reason: items or scenario outside the grant, no grant, another organization, an auditor, the public; none is audited [SHR-5, SEC-1, B §26, B §28]', async () => {
    const s = await grantedEntry('丽水市壬', CITY, LIANDU);
    expect(ext(await read(s.staff, s, { items: ['企业名称', '统一社会信用代码'] }))).toMatchObject({ code: 'FORBIDDEN', denial: 'ITEMS_NOT_GRANTED', grantId: s.grantId });
    expect(ext(await read(s.staff, s, { scenario: '招商引资分析' }))).toMatchObject({ code: 'FORBIDDEN', denial: 'SCENARIO_NOT_GRANTED' });
    const stranger = await registerOrganization(f.call, LIANDU, '丽水市莲都区文化和广电旅游体育局');
    expect(ext(await read(agency(stranger, LIANDU), { resourceId: s.resourceId, grantee: stranger }))).toMatchObject({ code: 'FORBIDDEN', denial: 'NO_GRANT' });
    // Staff of one organization cannot read under another's grant.
    expect(ext(await read(agency(stranger, LIANDU), s))).toMatchObject({ code: 'FORBIDDEN' });
    expect(ext(await read(auditor(CITY), s))).toMatchObject({ code: 'FORBIDDEN' });
    expect(ext(await read(authority(CITY), s))).toMatchObject({ code: 'FORBIDDEN' });
    expect(ext(await read(null, s))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(ext(await read(s.staff, s, { scenario: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scenario' });
    expect(await auditRows('lishui', s.resourceId)).toEqual([]);
    expect(await sql('lishui', 'sharing', 'select * from "sharing".grant_use where grant_id = ?', [s.grantId])).toEqual([]);
  });
});

describe('every change that closes the path stops the next read [issue 19 item 6, SHR-5, SHR-10, B §49]', () => {
  test('a suspended grant, then a revoked one', async () => {
    const s = await grantedEntry('丽水市癸', CITY, LIANDU);
    await mustRead(s.staff, s);
    await f.must(
      s.providerStaff,
      `mutation($id: ID!, $d: LocalDate!) { suspendShareGrant(id: $id, reason: "超范围使用", rectificationDemand: "停止超范围使用", rectificationDeadline: $d) { id } }`,
      { id: s.grantId, d: addDays(todayInChina(), 10) },
    );
    expect(ext(await read(s.staff, s))).toMatchObject({ code: 'FORBIDDEN', denial: 'SUSPENDED' });
    await f.must(s.providerStaff, `mutation($id: ID!) { revokeShareGrant(id: $id, reason: "未整改") { id } }`, { id: s.grantId });
    expect(ext(await read(s.staff, s))).toMatchObject({ code: 'FORBIDDEN', denial: 'REVOKED' });
  });

  test('a retired entry', async () => {
    const s = await grantedEntry('丽水市子', CITY, LIANDU);
    await mustRead(s.staff, s);
    await f.must(authority(CITY), `mutation($id: ID!) { retireDataResource(id: $id, reason: "数据已并入新目录") { id } }`, { id: s.resourceId });
    expect(ext(await read(s.staff, s))).toMatchObject({ code: 'FORBIDDEN', reason: 'ENTRY_RETIRED' });
  });

  test('a sanctioned organization', async () => {
    const s = await grantedEntry('丽水市丑', CITY, LIANDU);
    await mustRead(s.staff, s);
    await f.must(authority(CITY), `mutation($input: ImposeShareSanctionInput!) { imposeShareSanction(input: $input) { id } }`, {
      input: {
        regionCode: CITY,
        userOrganizationId: s.grantee,
        violation: 'BEYOND_SCOPE',
        description: '超出授权场景使用共享数据',
        rectificationDemand: '停止超范围使用并提交整改报告',
        deadline: addDays(todayInChina(), 30),
      },
    });
    expect(ext(await read(s.staff, s))).toMatchObject({ code: 'FORBIDDEN', denial: 'SANCTIONED' });
  });
});

describe('requests per minute, per caller [issue 19 item 7]', () => {
  test('past its budget a caller is refused with RATE_LIMITED; another caller is not', async () => {
    const s = await grantedEntry('丽水市寅', CITY, LIANDU);
    const before = TEST_SETTINGS.recordReadsPerMinute;
    TEST_SETTINGS.recordReadsPerMinute = 2;
    try {
      await mustRead(s.staff, s);
      await mustRead(s.staff, s);
      const refused = await read(s.staff, s);
      expect(ext(refused)).toMatchObject({ code: 'RATE_LIMITED' });
      expect(refused.errors![0]!.message).toContain('at most 2 per minute');
      await mustRead(s.providerStaff, { resourceId: s.resourceId, grantee: s.provider });
    } finally {
      TEST_SETTINGS.recordReadsPerMinute = before;
    }
  });
});

// ---------------------------------------------------------------- open data

const OPEN = `query($id: ID!, $filter: [RecordFilter!], $first: Int, $after: String) {
  openDatasetRecords(id: $id, filter: $filter, first: $first, after: $after) { columns { name masked } edges { node { values { item value } } } pageInfo { hasNextPage endCursor } }
}`;
const openRead = (actor: Actor | null, id: string, over: Record<string, unknown> = {}) => f.gql<{ openDatasetRecords: Page }>(actor, OPEN, { id, ...over });

/** An OPEN dataset of a new entry of a new provider of `region`, with five records. */
async function openDataset(name: string, region: string, openAttribute: 'UNCONDITIONAL' | 'RESTRICTED') {
  const provider = await registerOrganization(f.call, region, `${name}局`);
  const resourceId = await publishResource(f.call, provider, region, {
    items: ITEMS,
    openAttribute,
    ...(openAttribute === 'RESTRICTED' ? { openCondition: '经申请审核后通过接口开放' } : {}),
  });
  const rows = ROWS();
  await loadRecords(f, resourceId, rows);
  const staff = agency(provider, region);
  const accessMethods = openAttribute === 'RESTRICTED' ? ['API'] : ['DOWNLOAD', 'API'];
  const id = (await f.must(staff, `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, { input: { resourceId, accessMethods } }))
    .proposeOpenDataset.id as string;
  await f.must(authority(region), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id });
  return { id, provider, resourceId, staff, rows };
}

const userActor = (account: string): Actor => ({ sub: `user-${account}`, orgId: null, region: regionOf(account), roles: ['USER'], account });

async function openDataUser(name: string) {
  const u = (
    await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
      input: { regionCode: CITY, name, kind: 'NATURAL_PERSON', idNumber: citizenId(), contact: '13905780000' },
    })
  ).registerOpenDataUser;
  return userActor(u.id);
}

async function agreementOf(user: Actor, d: { id: string; staff: Actor }): Promise<string> {
  const applied = (
    await f.must(user, `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }`, {
      id: d.id,
      input: { scenario: '企业信用研究', storageCapability: '本单位机房', processingCapability: '专职人员', securityCapability: '访问控制与日志', creditLevel: 'A' },
    })
  ).applyForOpenData;
  return (await f.must(d.staff, `mutation($id: ID!) { approveOpenDataApplication(id: $id, input: { termMonths: 12 }) { agreement { id } } }`, { id: applied.id }))
    .approveOpenDataApplication.agreement.id;
}

const EVALUATION = `query($id: ID!) { organization(id: $id) { openingEvaluation { downloads apiCalls } } }`;

describe('open data by API [OPN-2, OPN-7, OPN-9, Z §20, Z §27, Z §28]', () => {
  test('an UNCONDITIONAL dataset: anyone, signed out; personal items never served nor filterable; each call counted for the evaluation [OPN-9, SEC-3]', async () => {
    const d = await openDataset('丽水市开放甲', CITY, 'UNCONDITIONAL');
    const r = await openRead(null, d.id, { first: 3 });
    expect(r.errors).toBeUndefined();
    const page = r.data!.openDatasetRecords;
    expect(page.columns.map((c) => c.name)).toEqual(['统一社会信用代码', '企业名称', '注册资本', '成立日期']);
    expect(valuesOf(page).map((v) => v.企业名称)).toEqual(d.rows.slice(0, 3).map((x) => x.企业名称));
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await openRead(null, d.id, { first: 3, after: page.pageInfo.endCursor });
    expect(valuesOf(rest.data!.openDatasetRecords).map((v) => v.企业名称)).toEqual(d.rows.slice(3).map((x) => x.企业名称));
    const rich = await openRead(null, d.id, { filter: [{ item: '注册资本', gte: '500' }] });
    expect(valuesOf(rich.data!.openDatasetRecords).map((v) => v.企业名称)).toEqual(['丽水戊有限公司']);
    // A cursor belongs to the query that made it: with other filters it is refused.
    expect(ext(await openRead(null, d.id, { after: page.pageInfo.endCursor, filter: [{ item: '注册资本', gte: '500' }] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(ext(await openRead(null, d.id, { filter: [{ item: '法定代表人', eq: '张0' }] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter[0].item' });
    expect(ext(await openRead(null, d.id, { first: 501 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });

    expect(await sql('lishui', 'opening', 'select method, calls::int as calls, rows::int as rows from "opening".open_data_count where dataset_id = ?', [d.id])).toEqual([
      { method: 'API', calls: 3, rows: 6 },
    ]);
    expect((await f.must(d.staff, EVALUATION, { id: d.provider })).organization.openingEvaluation).toEqual({ downloads: 0, apiCalls: 3 });
    // Public data: nothing to audit [SEC-2 covers non-public data].
    expect(await auditRows('lishui', d.resourceId, 'openDataRecords.read')).toEqual([]);
  });

  test('a RESTRICTED dataset: a public data user under an agreement in force; each call recorded against it and audited; others refused [OPN-2, OPN-7, Z §15-17, Z §28]', async () => {
    const d = await openDataset('莲都区开放乙', LIANDU, 'RESTRICTED');
    expect(ext(await openRead(null, d.id))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const stranger = await openDataUser('李四');
    expect(ext(await openRead(stranger, d.id))).toMatchObject({ code: 'FORBIDDEN', decision: 'NO_AGREEMENT' });
    expect(ext(await openRead(agency(d.provider, LIANDU), d.id))).toMatchObject({ code: 'FORBIDDEN', decision: 'NO_AGREEMENT' });

    const user = await openDataUser('王五');
    const agreementId = await agreementOf(user, d);
    const r = await openRead(user, d.id, { first: 2 });
    expect(r.errors).toBeUndefined();
    expect(valuesOf(r.data!.openDatasetRecords).map((v) => v.企业名称)).toEqual(d.rows.slice(0, 2).map((x) => x.企业名称));
    expect(await sql('liandu', 'opening', 'select method, operation, rows_returned::int as rows from "opening".open_data_use where agreement_id = ?', [agreementId])).toEqual([
      { method: 'API', operation: 'openDatasetRecords', rows: 2 },
    ]);
    expect(await auditRows('liandu', d.resourceId, 'openDataRecords.read')).toEqual([
      { actor: user.sub, data: { datasetId: d.id, agreementId, items: ['统一社会信用代码', '企业名称', '注册资本', '成立日期'], masked: [], filters: 0, rows: 2 } },
    ]);

    // Suspended for a violation: the next call is refused at once [Z §39].
    await f.must(d.staff, `mutation($id: ID!, $input: SuspendOpenDataAgreementInput!) { suspendOpenDataAgreement(id: $id, input: $input) { id } }`, {
      id: agreementId,
      input: { violations: ['BEYOND_AGREED_SCOPE'], rectification: '停止约定范围外的使用', rectifyBy: addDays(todayInChina(), 30) },
    });
    expect(ext(await openRead(user, d.id))).toMatchObject({ code: 'FORBIDDEN', decision: 'AGREEMENT_SUSPENDED' });
  });

  test('a retired entry and an entry made PROHIBITED stop the next call, before the dataset follows [Z §35, issue 19 item 6]', async () => {
    const retired = await openDataset('丽水市开放丙', CITY, 'UNCONDITIONAL');
    expect((await openRead(null, retired.id)).errors).toBeUndefined();
    await f.must(authority(CITY), `mutation($id: ID!) { retireDataResource(id: $id, reason: "停止采集") { id } }`, { id: retired.resourceId });
    expect(ext(await openRead(null, retired.id))?.code).toMatch(/FORBIDDEN|NOT_FOUND/);

    const closed = await openDataset('丽水市开放丁', CITY, 'UNCONDITIONAL');
    await f.must(closed.staff, `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id } }`, {
      id: closed.resourceId,
      input: { openAttribute: 'PROHIBITED' },
    });
    await f.must(closed.staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id: closed.resourceId });
    await f.must(authority(CITY), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id: closed.resourceId });
    expect(ext(await openRead(null, closed.id))?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});

describe('the counting routes take only the data plane, and only well-formed counts [SHR-11, OPN-9]', () => {
  const post = (subgraph: 'sharing' | 'opening', name: string, body: unknown, actor: Actor = SYSTEM_ACTOR) =>
    internalPost<Record<string, unknown>>({
      node: f.federation.nodes.get('lishui')!.node,
      subgraph,
      path: `${INTERNAL_PREFIX}${name}`,
      actor,
      body: JSON.stringify(body),
      secret: TEST_SECRET,
      timeoutMs: 10_000,
    });

  test('a staff token is refused (403); a malformed count, or one of an unknown grant or dataset, counts nothing', async () => {
    const s = await grantedEntry('丽水市卯', CITY, LIANDU);
    expect((await post('sharing', 'grant-uses', { grantId: s.grantId, rows: 1 }, s.staff)).status).toBe(403);
    expect((await post('opening', 'open-data-counts', { datasetId: s.resourceId, method: 'API', rows: 1 }, s.staff)).status).toBe(403);
    for (const body of [{ grantId: s.grantId, rows: -1 }, { grantId: s.grantId, rows: 1.5 }, { grantId: 'x', rows: 1 }, { grantId: s.resourceId, rows: 1 }, {}]) {
      expect((await post('sharing', 'grant-uses', body)).body).toEqual({ counted: false });
    }
    for (const body of [
      { datasetId: s.resourceId, method: 'API', rows: 1 },
      { datasetId: s.resourceId, method: 'MODEL', rows: 1 },
      { method: 'API', rows: 1 },
    ]) {
      expect((await post('opening', 'open-data-counts', body)).body).toEqual({ counted: false });
    }
    expect((await post('sharing', 'grant-read', { resourceId: s.resourceId, organizationId: s.grantee, itemNames: [] })).body).toMatchObject({
      allowed: false,
      denial: 'BAD_REQUEST',
    });
    expect(await sql('lishui', 'sharing', 'select * from "sharing".grant_use where grant_id = ?', [s.grantId])).toEqual([]);
    expect(await sql('lishui', 'opening', 'select * from "opening".open_data_count where dataset_id = ?', [s.resourceId])).toEqual([]);
  });
});

describe('open data downloads: streamed, gzip, no login [OPN-2, OPN-9, Z §20, Z §27]', () => {
  const download = (path: string, headers: Record<string, string> = {}) => fetch(`${f.federation.gateway.url}/data/open/${path}`, { headers });

  test('an UNCONDITIONAL dataset downloads as CSV and JSON, gzip, without personal items, each counted as a download; a district dataset from its own node', async () => {
    const d = await openDataset('莲都区开放戊', LIANDU, 'UNCONDITIONAL');
    const csv = await download(`${d.id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-encoding')).toBe('gzip');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('统一社会信用代码,企业名称,注册资本,成立日期');
    expect(lines.slice(1)).toEqual(d.rows.map((r) => `,${r.企业名称},${r.注册资本},${r.成立日期}`));

    const json = await download(`${d.id}.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-encoding')).toBe('gzip');
    const parsed = (await json.json()) as Record<string, unknown>[];
    expect(parsed).toEqual(d.rows.map((r) => ({ 统一社会信用代码: null, 企业名称: r.企业名称, 注册资本: r.注册资本, 成立日期: r.成立日期 })));
    expect(Object.keys(parsed[0]!)).not.toContain('法定代表人身份证号');

    const counted = await eventually(
      () =>
        sql<{ calls: number; rows: number }>(
          'liandu',
          'opening',
          'select calls::int as calls, rows::int as rows from "opening".open_data_count where dataset_id = ? and method = ?',
          [d.id, 'DOWNLOAD'],
        ),
      (r) => r[0]?.calls === 2,
    );
    expect(counted).toEqual([{ calls: 2, rows: 10 }]);
    expect((await f.must(d.staff, EVALUATION, { id: d.provider })).organization.openingEvaluation).toEqual({ downloads: 2, apiCalls: 0 });
  });

  test('RESTRICTED data is never downloaded (403, saying why); an unknown dataset is 404; a bad path 400; a retired entry stops the next download', async () => {
    const restricted = await openDataset('丽水市开放己', CITY, 'RESTRICTED');
    const r = await download(`${restricted.id}.csv`);
    expect(r.status).toBe(403);
    expect(((await r.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN', decision: 'DOWNLOAD_OF_RESTRICTED' },
      message: expect.stringContaining('RESTRICTED data is never downloaded'),
    });
    expect((await download(`${restricted.resourceId}.csv`)).status).toBe(404);
    expect((await download(`${restricted.id}.xlsx`)).status).toBe(400);

    const d = await openDataset('丽水市开放庚', CITY, 'UNCONDITIONAL');
    expect((await download(`${d.id}.json`)).status).toBe(200);
    await f.must(authority(CITY), `mutation($id: ID!) { retireDataResource(id: $id, reason: "停止采集") { id } }`, { id: d.resourceId });
    expect([403, 404]).toContain((await download(`${d.id}.json`)).status);
  });
});
