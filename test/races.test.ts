import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { publishResource, registerOrganization, resourceInput, uniqueCreditCode } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Every "at most one" rule, raced: the same mutation sent several times at once through the gateway
 * (each with its own idempotency key, as separate clients would) leaves exactly one record, and
 * every other caller learns CONFLICT. On PostgreSQL the calls really run side by side; on the
 * embedded database they queue, and the rule must hold either way.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const TIMES = 6;

beforeAll(async () => {
  f = await startTestFederation('races');
}, 300_000);
afterAll(async () => f?.federation.stop());

/** Sends the same call TIMES times at once; expects one success and CONFLICT for the rest; returns the success's data. */
async function race(actor: Actor, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const results = await Promise.all(Array.from({ length: TIMES }, () => f.gql(actor, query, variables)));
  const won = results.filter((r) => !r.errors);
  expect(won).toHaveLength(1);
  expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).toEqual(Array(TIMES - 1).fill('CONFLICT'));
  return won[0]!.data!;
}

const count = async (node: string, subgraph: 'catalog' | 'sharing' | 'opening' | 'operation', sql: string, params: unknown[]) =>
  (await f.federation.nodes.get(node)!.subgraphs[subgraph]!.orm.em.fork().getConnection().execute<{ n: number }[]>(sql, params))[0]!.n;

const CONDITIONAL = { shareAttribute: 'CONDITIONAL', shareCondition: '仅限核验', shareReason: '含经营信息' };
const request = (resourceId: string, requesterId: string) => ({
  input: {
    resourceId,
    requesterId,
    scenario: '并发申请',
    purpose: '核验',
    legalDuty: '法定职责',
    itemNames: ['企业名称'],
    endDate: addDays(todayInChina(), 90),
  },
});
const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }`;

describe('at most one, under concurrency', () => {
  test('one pending request per requester, entry and scenario [SHR-1, B §26]', async () => {
    const provider = await registerOrganization(f.call, LIANDU, '莲都区市场监管局');
    const requester = await registerOrganization(f.call, CITY, '丽水市税务局');
    const resourceId = await publishResource(f.call, provider, LIANDU, CONDITIONAL);
    await race(agency(requester, CITY), REQUEST, request(resourceId, requester));
    expect(await count('liandu', 'sharing', `select count(*)::int as n from "sharing".share_request where resource_id = ? and status = 'PENDING'`, [resourceId])).toBe(1);
  });

  test('one decision per request: approvals raced by the provider and the authority [SHR-2, B §27]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市市场监管局');
    const requester = await registerOrganization(f.call, CITY, '丽水市商务局');
    const resourceId = await publishResource(f.call, provider, CITY, CONDITIONAL);
    const { id } = (await f.gql(agency(requester, CITY), REQUEST, request(resourceId, requester))).data!.requestShare;
    const results = await Promise.all(
      [agency(provider, CITY), authority(CITY), agency(provider, CITY), authority(CITY)].map((a) =>
        f.gql(a, `mutation($id: ID!) { approveShareRequest(id: $id, reason: "同意") { id } }`, { id }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions?.code === 'CONFLICT')).toBe(true);
    expect(await count('lishui', 'sharing', `select count(*)::int as n from "sharing".audit_event where entity_id = ? and action = 'shareRequest.approve'`, [id])).toBe(1);
  });

  test('one negative-list line per entry [SHR-3, B §24]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市统计局');
    const resourceId = await publishResource(f.call, provider, CITY);
    await race(agency(provider, CITY), `mutation($input: AddNegativeListEntryInput!) { addNegativeListEntry(input: $input) { id } }`, {
      input: { providerId: provider, resourceId, itemNames: ['企业名称'], legalBasis: '《统计法》第九条' },
    });
    expect(await count('lishui', 'sharing', 'select count(*)::int as n from "sharing".negative_list_entry where resource_id = ? and removed_at is null', [resourceId])).toBe(1);
  });

  test('one provider assigned to a demand [SHR-4, B §27]', async () => {
    const requester = await registerOrganization(f.call, CITY, '丽水市民政局');
    const a = await registerOrganization(f.call, CITY, '丽水市公安局');
    const b = await registerOrganization(f.call, CITY, '丽水市卫生健康委员会');
    const filed = await f.gql(agency(requester, CITY), `mutation($input: FileDataDemandInput!) { fileDataDemand(input: $input) { id } }`, {
      input: { organizationId: requester, dataName: '出生信息', description: '新生儿', itemNames: ['姓名'], scenario: '救助', legalDuty: '职责' },
    });
    const id = filed.data!.fileDataDemand.id;
    const results = await Promise.all(
      [a, b, a, b].map((providerId) => f.gql(authority(CITY), `mutation($id: ID!, $p: ID!) { assignDataDemand(id: $id, providerId: $p) { id } }`, { id, p: providerId })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions?.code === 'CONFLICT')).toBe(true);
  });

  test('one organization per credit code on one node [J §11, B §12]', async () => {
    const creditCode = uniqueCreditCode(CITY);
    await race(authority(CITY), `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
      input: { regionCode: CITY, name: '丽水市数据局', creditCode, kind: 'AGENCY' },
    });
    expect(await count('lishui', 'catalog', 'select count(*)::int as n from "catalog".organization where credit_code = ?', [creditCode])).toBe(1);
  });

  test('one catalog entry per resource code [CAT-1, B §17]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市交通运输局');
    const input = resourceInput(provider, CITY);
    await race(agency(provider, CITY), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, { input });
    expect(await count('lishui', 'catalog', 'select count(*)::int as n from "catalog".data_resource where code = ?', [input.code])).toBe(1);
  });

  test('one open dataset per catalog entry [OPN-1, Z §10]', async () => {
    const provider = await registerOrganization(f.call, CITY, '丽水市生态环境局');
    const resourceId = await publishResource(f.call, provider, CITY);
    await race(agency(provider, CITY), `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, {
      input: { resourceId, accessMethods: ['API'] },
    });
    expect(await count('lishui', 'opening', 'select count(*)::int as n from "opening".open_dataset where resource_id = ?', [resourceId])).toBe(1);
  });

  test('one authorization per operator and term [OPR-1, D §9-10]', async () => {
    const enterprise = await registerOrganization(f.call, CITY, '丽水市大数据发展有限公司', 'ENTERPRISE');
    await race(authority(CITY), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: enterprise, agreementNo: `LS-${Date.now()}`, agreementSignedAt: todayInChina(), termStart: todayInChina(), scope: '公共数据授权运营' },
    });
    expect(await count('lishui', 'operation', 'select count(*)::int as n from "operation".operator where organization_id = ?', [enterprise])).toBe(1);
  });
});
