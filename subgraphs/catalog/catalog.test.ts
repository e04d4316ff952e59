import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { makeCreditCode } from '../kit/rules/credit-code.js';
import { ANONYMOUS } from '../../schema/auth.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let seq = 0;
/** Every test registers its own organization, so tests never depend on each other. */
const uniqueCreditCode = () => makeCreditCode(`11331100MB${String(Date.now() % 1e6).padStart(6, '0')}${seq++ % 10}`);

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name creditCode kind region { code name } } }`;
const CREATE_RES = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id status version shareAttribute items { name personalInfo } provider { id name } } }`;

async function newAgency(name = '丽水市市场监督管理局') {
  const r = await t.call('catalog', authority('331100'), CREATE_ORG, { input: { regionCode: '331100', name, creditCode: uniqueCreditCode(), kind: 'AGENCY' } });
  expect(r.errors).toBeUndefined();
  return r.data!.createOrganization.id as string;
}

const baseResource = (providerId: string, over: Record<string, unknown> = {}) => ({
  providerId,
  code: `331100/${Math.random().toString().slice(2, 7)}/0001`,
  name: '企业登记信息',
  summary: '全市企业设立、变更、注销登记信息',
  library: 'LEGAL_PERSON',
  format: 'DATABASE',
  updateFrequency: 'DAILY',
  securityGrade: 'GENERAL',
  shareAttribute: 'UNCONDITIONAL',
  openAttribute: 'PROHIBITED',
  items: [
    { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
    { name: '企业名称', dataType: 'STRING' },
    { name: '法定代表人', dataType: 'STRING', personalInfo: true },
  ],
  ...over,
});

beforeAll(async () => {
  t = await startTestNode('catalog', nodeConfig('lishui', ['331100', '331121']));
});
afterAll(async () => t?.stop());

describe('organizations', () => {
  test('the authority registers an organization with a valid credit code [J §11, B §12]', async () => {
    const id = await newAgency();
    expect(id).toMatch(/^331100:[0-9A-Z]{26}$/);
  });

  test('a wrong check character is refused with a message naming the expected character, and nothing is written', async () => {
    const good = uniqueCreditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await t.call('catalog', authority('331100'), CREATE_ORG, { input: { regionCode: '331100', name: '错误机构', creditCode: bad, kind: 'AGENCY' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('input.creditCode');
    expect(r.errors![0].message).toContain(good[17]);
    const list = await t.call('catalog', authority('331100'), `{ organizations(first: 100) { edges { node { creditCode } } } }`);
    expect(list.data!.organizations.edges.map((e: any) => e.node.creditCode)).not.toContain(bad);
  });

  test('an unknown region and a region of another platform are refused', async () => {
    const unknown = await t.call('catalog', authority('331100'), CREATE_ORG, { input: { regionCode: '999999', name: 'x', creditCode: uniqueCreditCode(), kind: 'AGENCY' } });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('999999');
    const foreign = await t.call('catalog', authority('331100'), CREATE_ORG, { input: { regionCode: '331102', name: 'x', creditCode: uniqueCreditCode(), kind: 'AGENCY' } });
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
  });

  test('only the data authority of this platform may register organizations', async () => {
    const staff = await t.call('catalog', agency('331100:01ARZ3NDEKTSV4RRFFQ69G5FAV', '331100'), CREATE_ORG, {
      input: { regionCode: '331100', name: 'x', creditCode: uniqueCreditCode(), kind: 'AGENCY' },
    });
    expect(codeOf(staff)).toBe('FORBIDDEN');
    const otherAuthority = await t.call('catalog', authority('331102'), CREATE_ORG, { input: { regionCode: '331100', name: 'x', creditCode: uniqueCreditCode(), kind: 'AGENCY' } });
    expect(codeOf(otherAuthority)).toBe('FORBIDDEN');
    const anon = await t.call('catalog', ANONYMOUS, CREATE_ORG, { input: { regionCode: '331100', name: 'x', creditCode: uniqueCreditCode(), kind: 'AGENCY' } });
    expect(codeOf(anon)).toBe('UNAUTHENTICATED');
  });
});

describe('data resources', () => {
  test('an agency creates a draft entry with its items [CAT-1, B §17]', async () => {
    const org = await newAgency();
    const r = await t.call('catalog', agency(org, '331100'), CREATE_RES, { input: baseResource(org) });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createDataResource).toMatchObject({ status: 'DRAFT', version: 1, provider: { id: org } });
    expect(r.data!.createDataResource.items.map((i: any) => i.name)).toEqual(['统一社会信用代码', '企业名称', '法定代表人']);
  });

  test.each([
    ['CONDITIONAL without conditions [CAT-2, J §17]', { shareAttribute: 'CONDITIONAL', shareReason: '涉及个人信息' }, 'input.shareCondition'],
    ['CONDITIONAL without a reason [CAT-2, B §23]', { shareAttribute: 'CONDITIONAL', shareCondition: '仅限社保资格认证' }, 'input.shareReason'],
    ['NOT_SHARED without a legal basis [CAT-2, L §18]', { shareAttribute: 'NOT_SHARED' }, 'input.legalBasis'],
    [
      'IMPORTANT data made open [CAT-4, Z §9]',
      { securityGrade: 'IMPORTANT', openAttribute: 'UNCONDITIONAL', items: [{ name: '字段', dataType: 'STRING' }] },
      'input.openAttribute',
    ],
    ['personal data opened without desensitization or consent [CAT-3, Z §14]', { openAttribute: 'UNCONDITIONAL' }, 'input.openAttribute'],
    [
      'secrets opened without desensitization [CAT-3, B §30]',
      { openAttribute: 'UNCONDITIONAL', sensitivities: ['TRADE_SECRET'], items: [{ name: '字段', dataType: 'STRING' }] },
      'input.openAttribute',
    ],
    ['RESTRICTED opening without conditions [Z §15]', { openAttribute: 'RESTRICTED', desensitized: true }, 'input.openCondition'],
    ['no items', { items: [] }, 'input.items'],
    [
      'duplicate item names',
      {
        items: [
          { name: '姓名', dataType: 'STRING' },
          { name: '姓名', dataType: 'STRING' },
        ],
      },
      'input.items.1.name',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_label, over, field) => {
    const org = await newAgency();
    const r = await t.call('catalog', agency(org, '331100'), CREATE_RES, { input: baseResource(org, over) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    const list = await t.call('catalog', authority('331100'), `query($f: DataResourceFilter) { dataResources(filter: $f) { totalCount } }`, { f: { providerId: org } });
    expect(list.data!.dataResources.totalCount).toBe(0);
  });

  test('desensitized personal data may be opened [CAT-3, Z §14]', async () => {
    const org = await newAgency();
    const r = await t.call('catalog', agency(org, '331100'), CREATE_RES, { input: baseResource(org, { openAttribute: 'UNCONDITIONAL', desensitized: true }) });
    expect(r.errors).toBeUndefined();
  });

  test('UNCONDITIONAL open data becomes RESTRICTED only with a filed reason [CAT-3, Z §15]', async () => {
    const org = await newAgency();
    const staff = agency(org, '331100');
    const created = await t.call('catalog', staff, CREATE_RES, { input: baseResource(org, { openAttribute: 'UNCONDITIONAL', desensitized: true }) });
    const id = created.data!.createDataResource.id;
    const UPDATE = `mutation($id: ID!, $input: UpdateDataResourceInput!, $v: Int) { updateDataResource(id: $id, input: $input, expectedVersion: $v) { openAttribute openChangeReason version } }`;
    const refused = await t.call('catalog', staff, UPDATE, { id, input: { openAttribute: 'RESTRICTED', openCondition: '限科研用途' } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.field).toBe('input.openChangeReason');
    const ok = await t.call('catalog', staff, UPDATE, {
      id,
      input: { openAttribute: 'RESTRICTED', openCondition: '限科研用途', openChangeReason: '发现含有可识别个人的组合字段' },
      v: 1,
    });
    expect(ok.data!.updateDataResource).toMatchObject({ openAttribute: 'RESTRICTED', version: 2 });
    const stale = await t.call('catalog', staff, UPDATE, { id, input: { name: '新名称' }, v: 1 });
    expect(codeOf(stale)).toBe('CONFLICT');
  });

  test('another agency cannot catalog or change data of an organization not its own [SEC-1]', async () => {
    const org = await newAgency();
    const other = await newAgency('丽水市交通运输局');
    const r = await t.call('catalog', agency(other, '331100'), CREATE_RES, { input: baseResource(org) });
    expect(codeOf(r)).toBe('FORBIDDEN');
  });

  test('draft → submitted → published; only the authority publishes; the public sees only open published entries [CAT-5]', async () => {
    const org = await newAgency();
    const staff = agency(org, '331100');
    const created = await t.call('catalog', staff, CREATE_RES, {
      input: baseResource(org, { name: '公交线路信息', openAttribute: 'UNCONDITIONAL', items: [{ name: '线路编号', dataType: 'STRING' }] }),
    });
    const id = created.data!.createDataResource.id;
    const GET = `query($id: ID!) { dataResource(id: $id) { id status } }`;
    expect((await t.call('catalog', ANONYMOUS, GET, { id })).data!.dataResource).toBeNull();
    const submitted = await t.call('catalog', staff, `mutation($id: ID!) { submitDataResource(id: $id) { status } }`, { id });
    expect(submitted.data!.submitDataResource.status).toBe('SUBMITTED');
    const byStaff = await t.call('catalog', staff, `mutation($id: ID!) { publishDataResource(id: $id) { status } }`, { id });
    expect(codeOf(byStaff)).toBe('FORBIDDEN');
    const published = await t.call('catalog', authority('331100'), `mutation($id: ID!) { publishDataResource(id: $id) { status publishedAt } }`, { id });
    expect(published.data!.publishDataResource.status).toBe('PUBLISHED');
    expect((await t.call('catalog', ANONYMOUS, GET, { id })).data!.dataResource).toEqual({ id, status: 'PUBLISHED' });
  });

  test('keyword search matches names, summaries and item names by substring, with pagination [CAT-8]', async () => {
    const org = await newAgency();
    const staff = agency(org, '331100');
    const tag = `检${Math.random().toString(36).slice(2, 6)}`;
    for (let i = 0; i < 5; i++) {
      const r = await t.call('catalog', staff, CREATE_RES, {
        input: baseResource(org, {
          name: `${i === 0 ? tag : ''}不动产登记${i}`,
          summary: i === 1 ? `摘要含${tag}` : '摘要',
          items: [{ name: i === 2 ? `${tag}字段` : '宗地代码', dataType: 'STRING' }],
        }),
      });
      expect(r.errors).toBeUndefined();
    }
    const Q = `query($f: DataResourceFilter, $after: String) { dataResources(filter: $f, first: 2, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = await t.call('catalog', staff, Q, { f: { keyword: tag } });
    expect(page1.data!.dataResources.totalCount).toBe(3);
    expect(page1.data!.dataResources.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.call('catalog', staff, Q, { f: { keyword: tag }, after: page1.data!.dataResources.pageInfo.endCursor });
    const names = [...page1.data!.dataResources.edges, ...page2.data!.dataResources.edges].map((e: any) => e.node.name);
    // A match in the name ranks before matches in the summary or an item name [CAT-8].
    expect(names).toEqual([`${tag}不动产登记0`, '不动产登记2', '不动产登记1']);
    expect(page2.data!.dataResources.pageInfo.hasNextPage).toBe(false);
    const wildcard = await t.call('catalog', staff, Q, { f: { keyword: '%' } });
    expect(wildcard.data!.dataResources.totalCount).toBe(0);
    const bad = await t.call('catalog', staff, Q, { f: { keyword: tag }, after: 'not-a-cursor' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });
});

describe('concurrency', () => {
  test('two simultaneous registrations of one credit code: one succeeds, the other is a CONFLICT, never an internal error', async () => {
    const code = uniqueCreditCode();
    const register = () => t.call('catalog', authority('331100'), CREATE_ORG, { input: { regionCode: '331100', name: '丽水市统计局', creditCode: code, kind: 'AGENCY' } });
    const results = await Promise.all([register(), register(), register()]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(['CONFLICT', 'CONFLICT']);
  });
});
