import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../schema/auth.js';
import { agency, authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { callSubgraph } from './support/subgraph-client.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
const gql = (...args: Parameters<typeof f.gql>) => f.gql(...args);

const countRows = async (nodeId: string, table: string, where: string, params: unknown[]) => {
  const rows = await f.federation.nodes.get(nodeId)!.subgraphs.catalog!.orm.em.getConnection().execute(`select count(*)::int as n from "catalog".${table} where ${where}`, params);
  return rows[0].n as number;
};

beforeAll(async () => {
  f = await startTestFederation('fed');
});
afterAll(async () => f?.federation.stop());

describe('federation through the gateway', () => {
  test('one query joins all four subgraphs, including a district-owned organization resolved on its own node', async () => {
    const cityAgency = await registerOrganization(f.call, '331100', '丽水市人力资源和社会保障局');
    const districtAgency = await registerOrganization(f.call, '331102', '丽水市莲都区市场监督管理局');
    const operatorOrg = await registerOrganization(f.call, '331100', '丽水市公共数据运营有限公司', 'ENTERPRISE');
    const resourceId = await publishResource(f.call, cityAgency, '331100', { name: '社会保险参保信息', openAttribute: 'UNCONDITIONAL' });
    const od = await gql(agency(cityAgency, '331100'), `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, {
      input: { resourceId, accessMethods: ['API'] },
    });
    expect(od.errors).toBeUndefined();
    const approved = await gql(authority('331100'), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id: od.data!.proposeOpenDataset.id });
    expect(approved.errors).toBeUndefined();
    const op = await gql(authority('331100'), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: operatorOrg, agreementNo: `LS-${Date.now()}`, agreementSignedAt: '2025-01-01', termStart: '2025-01-01', scope: '数据产品开发' },
    });
    expect(op.errors).toBeUndefined();
    const share = await gql(agency(districtAgency, '331102'), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`, {
      input: {
        resourceId,
        requesterId: districtAgency,
        scenario: '企业开办一件事',
        purpose: '核验参保状态',
        legalDuty: '依法履行市场监管职责',
        itemNames: ['企业名称'],
        endDate: `${new Date().getFullYear() + 1}-06-30`,
      },
    });
    expect(share.errors).toBeUndefined();
    expect(share.data!.requestShare.status).toBe('GRANTED');

    const r = await gql(
      authority('331100'),
      `query($id: ID!, $req: ID!, $op: ID!) {
      dataResource(id: $id) { name provider { name region { name } } sharing { requestCount grantedCount } openDataset { accessMethods } }
      shareRequest(id: $req) { status requester { name region { code } } resource { name } }
      organization(id: $op) { name operator { status } }
    }`,
      { id: resourceId, req: share.data!.requestShare.id, op: operatorOrg },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      dataResource: {
        name: '社会保险参保信息',
        provider: { name: '丽水市人力资源和社会保障局', region: { name: '丽水市' } },
        sharing: { requestCount: 1, grantedCount: 1 },
        openDataset: { accessMethods: ['API'] },
      },
      shareRequest: { status: 'GRANTED', requester: { name: '丽水市莲都区市场监督管理局', region: { code: '331102' } }, resource: { name: '社会保险参保信息' } },
      organization: { name: '丽水市公共数据运营有限公司', operator: { status: 'ACTIVE' } },
    });
  });

  test('a mutation lands on the owner node only', async () => {
    const org = await registerOrganization(f.call, '331181', '龙泉市林业局');
    const id = await publishResource(f.call, org, '331181', { name: '林权登记信息' });
    expect(id.startsWith('331181:')).toBe(true);
    expect(await countRows('longquan', 'data_resource', 'id = ?', [id])).toBe(1);
    expect(await countRows('lishui', 'data_resource', 'id = ?', [id])).toBe(0);
    expect(await countRows('liandu', 'data_resource', 'id = ?', [id])).toBe(0);
    expect(await countRows('longquan', 'organization', 'id = ?', [org])).toBe(1);
    expect(await countRows('lishui', 'organization', 'id = ?', [org])).toBe(0);
  });

  test('a mutation naming an unknown region or a malformed ID is refused, never broadcast', async () => {
    const r = await gql(authority('331100'), `mutation { createOrganization(input: { regionCode: "999999", name: "x", creditCode: "x", kind: AGENCY }) { id } }`);
    expect(r.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const m = await gql(authority('331100'), `mutation { publishDataResource(id: "not-an-id") { id } }`);
    expect(m.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  test('a connection paged across nodes returns every item exactly once, in global order, with the summed total', async () => {
    const tag = `跨域${Math.random().toString(36).slice(2, 6)}`;
    const orgs = {
      '331100': await registerOrganization(f.call, '331100', '丽水市交通运输局'),
      '331102': await registerOrganization(f.call, '331102', '莲都区交通运输局'),
      '331181': await registerOrganization(f.call, '331181', '龙泉市交通运输局'),
    };
    const created: string[] = [];
    // Interleave regions so the global order alternates between nodes.
    for (let i = 0; i < 4; i++) for (const [region, org] of Object.entries(orgs)) created.push(await publishResource(f.call, org, region, { name: `${tag}公交线路${i}` }));
    const expected = [...created].reverse();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: any = await gql(
        null,
        `query($f: DataResourceFilter, $after: String) { dataResources(filter: $f, first: 5, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { f: { keyword: tag }, after },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.dataResources.totalCount).toBe(12);
      seen.push(...r.data.dataResources.edges.map((e: any) => e.node.id));
      after = r.data.dataResources.pageInfo.hasNextPage ? r.data.dataResources.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    const scoped = await gql(null, `query($f: DataResourceFilter) { dataResources(filter: $f, scope: { regionCode: "331100", includeSubRegions: false }) { totalCount } }`, {
      f: { keyword: tag },
    });
    expect(scoped.data!.dataResources.totalCount).toBe(4);
  });

  test('an anonymous caller sees only open, published data', async () => {
    const org = await registerOrganization(f.call, '331102', '莲都区卫生健康局');
    const closed = await publishResource(f.call, org, '331102', {
      name: '门诊病历信息',
      openAttribute: 'PROHIBITED',
      desensitized: false,
      items: [{ name: '患者姓名', dataType: 'STRING', personalInfo: true }],
    });
    const open = await publishResource(f.call, org, '331102', { name: '医疗机构名录', openAttribute: 'UNCONDITIONAL' });
    const byId = await gql(null, `query($a: ID!, $b: ID!) { a: dataResource(id: $a) { id } b: dataResource(id: $b) { id } }`, { a: closed, b: open });
    expect(byId.data).toEqual({ a: null, b: { id: open } });
    const list = await gql(null, `{ dataResources(first: 100, filter: { providerId: "${org}" }) { totalCount edges { node { id openAttribute status } } } }`);
    expect(list.data!.dataResources.totalCount).toBe(1);
    expect(list.data!.dataResources.edges.map((e: any) => e.node.id)).toEqual([open]);
    const staff = await gql(agency(org, '331102'), `query($a: ID!) { dataResource(id: $a) { id } }`, { a: closed });
    expect(staff.data!.dataResource).toEqual({ id: closed });
  });

  test('an invalid token is refused rather than downgraded to the public', async () => {
    const res = await fetch(`${f.federation.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.here' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(res.status).toBe(401);
  });

  test('a direct subgraph call without the gateway signature is refused, including _entities', async () => {
    const url = f.federation.topology.nodes[0].subgraphs.catalog;
    for (const query of [
      '{ dataResources { totalCount } }',
      '{ _entities(representations: [{ __typename: "DataResource", id: "331100:01ARZ3NDEKTSV4RRFFQ69G5FAV" }]) { ... on DataResource { name } } }',
    ]) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(res.status).toBe(401);
      const body = (await res.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const wrongSecret = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-auth': 'e30.1.abc' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(wrongSecret.status).toBe(401);
    const signed = await callSubgraph(url, { subgraph: 'catalog', node: f.federation.topology.nodes[0].id }, ANONYMOUS, '{ __typename }');
    expect(signed.data).toEqual({ __typename: 'Query' });
  });

  test('regions fan out to every node, each answering for the regions it hosts', async () => {
    const r = await gql(null, `{ regions(parentCode: "331100") { code name } }`);
    expect(r.data!.regions.map((x: any) => x.code).sort()).toEqual(['331102', '331121', '331122', '331123', '331124', '331125', '331126', '331127', '331181']);
  });

  test('graphql-armor refuses abusive operations before they reach any node', async () => {
    const deep = await gql(null, `{ regions { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`);
    expect(deep.errors![0].message).toMatch(/depth/i);
    const aliases = await gql(null, `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`);
    expect(aliases.errors![0].message).toMatch(/alias/i);
  });

  test('the health endpoint and the offline playground are served', async () => {
    const health = await fetch(`${f.federation.gateway.url}/health`);
    expect(((await health.json()) as any).status).toBe('ok');
    const page = await fetch(`${f.federation.gateway.url}/playground`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  // Last: it stops a node for the rest of the file.
  test('a stopped node costs only its part: the others answer, plus NODE_UNAVAILABLE without internal URLs', async () => {
    const cityOrg = await registerOrganization(f.call, '331100', '丽水市生态环境局');
    const districtOrg = await registerOrganization(f.call, '331102', '莲都区生态环境分局');
    const tag = `宕机${Math.random().toString(36).slice(2, 6)}`;
    const cityRes = await publishResource(f.call, cityOrg, '331100', { name: `${tag}空气质量` });
    await publishResource(f.call, districtOrg, '331102', { name: `${tag}水质监测` });
    await f.federation.stopNode('liandu');
    const r = await gql(null, `query($f: DataResourceFilter) { dataResources(filter: $f) { totalCount edges { node { id } } } }`, { f: { keyword: tag } });
    expect(r.data!.dataResources.totalCount).toBe(1);
    expect(r.data!.dataResources.edges.map((e: any) => e.node.id)).toEqual([cityRes]);
    const unavailable = r.errors!.filter((e) => e.extensions?.code === 'NODE_UNAVAILABLE');
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0].extensions!.regions).toEqual(['331102']);
    expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|http:|localhost/);
    const entity = await gql(authority('331100'), `query($id: ID!) { organization(id: $id) { name } }`, { id: districtOrg });
    expect(entity.data?.organization ?? null).toBeNull();
    expect(entity.errors![0].extensions!.code).toBe('NODE_UNAVAILABLE');
  });
});
