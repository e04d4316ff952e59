import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS, type Actor } from '../../schema/auth.js';
import { newId } from '../../schema/ids.js';
import { auditor } from '../../test/support/access.js';
import { publishResource, registerOrganization, resourceInput } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { codeOf } from '../../test/support/subgraph-client.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const CITY = '331100';
const COUNTY = '331121';

beforeAll(async () => {
  t = await startTestNode('sharing_demand', nodeConfig('lishui', [CITY, COUNTY]));
}, 300_000);
afterAll(async () => t?.stop());

const FIELDS = `id status dataName description itemNames scenario legalDuty assignedAt assignedBy assignmentNote respondedAt respondedBy declineReason fulfilledAt version
  requester { id } provider { id } resource { id }`;
const FILE = `mutation($input: FileDataDemandInput!) { fileDataDemand(input: $input) { ${FIELDS} } }`;
const ASSIGN = `mutation($id: ID!, $providerId: ID!, $note: String) { assignDataDemand(id: $id, providerId: $providerId, note: $note) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptDataDemand(id: $id) { ${FIELDS} } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineDataDemand(id: $id, reason: $reason) { ${FIELDS} } }`;
const LINK = `mutation($id: ID!, $resourceId: ID!) { linkDataDemandResource(id: $id, resourceId: $resourceId) { ${FIELDS} } }`;
const GET = `query($id: ID!) { dataDemand(id: $id) { id status provider { id } resource { id } declineReason } }`;
const LIST = `query($filter: DataDemandFilter) { dataDemands(filter: $filter) { totalCount edges { node { id status } } } }`;
const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`;

const sql = () => t.running.subgraphs.sharing!.orm.em.getConnection();
const demandRows = async () => (await sql().execute<{ n: number }[]>('select count(*)::int as n from "sharing".data_demand'))[0]!.n;
async function demand(id: string) {
  return (
    await sql().execute<{ status: string; provider_id: string | null; version: number }[]>('select status, provider_id, version from "sharing".data_demand where id = ?', [id])
  )[0];
}
async function auditActions(entityId: string): Promise<string[]> {
  const rows = await sql().execute<{ action: string }[]>(`select action from "sharing".audit_event where kind = 'CHANGE' and entity_id = ? order by id`, [entityId]);
  return rows.map((r) => r.action);
}

const demandInput = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  dataName: '新生儿出生医学证明信息',
  description: '按日更新的出生医学证明签发信息，覆盖全县',
  itemNames: ['出生医学证明编号', '新生儿姓名', '签发日期'],
  scenario: '新生儿落户“一件事”联办',
  legalDuty: '《户口登记条例》规定的出生登记职责',
  ...over,
});

/** A county agency that needs data, and two city bureaus that could provide it. */
async function parties() {
  const requester = await registerOrganization(t.call, COUNTY, '缙云县公安局');
  const provider = await registerOrganization(t.call, CITY, '丽水市卫生健康委员会');
  const other = await registerOrganization(t.call, CITY, '丽水市民政局');
  return { requester, provider, other, requesterStaff: agency(requester), providerStaff: agency(provider), otherStaff: agency(other) };
}

async function filed(requester: string): Promise<string> {
  const r = await t.call('sharing', agency(requester), FILE, { input: demandInput(requester) });
  expect(r.errors).toBeUndefined();
  return r.data!.fileDataDemand.id;
}

describe('demand lists (需求清单)', () => {
  test('an agency files a need, the authority of its region assigns a provider, who accepts and links the new published entry; the requester sees it and requests it [SHR-4, B §27, J §17, Z §22]', async () => {
    const p = await parties();
    const f = await t.call('sharing', p.requesterStaff, FILE, { input: demandInput(p.requester, { itemNames: [' 签发日期 ', '签发日期', '新生儿姓名'] }) });
    expect(f.errors).toBeUndefined();
    const id = f.data!.fileDataDemand.id;
    expect(id.startsWith(`${COUNTY}:`)).toBe(true);
    expect(f.data!.fileDataDemand).toMatchObject({ status: 'OPEN', provider: null, resource: null, itemNames: ['签发日期', '新生儿姓名'], requester: { id: p.requester } });

    const assigned = await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: p.provider, note: '请市卫健委牵头编目' });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignDataDemand).toMatchObject({
      status: 'ASSIGNED',
      provider: { id: p.provider },
      assignedBy: `authority-${COUNTY}`,
      assignmentNote: '请市卫健委牵头编目',
    });
    // The assigned provider now sees the demand in its list.
    const providerList = await t.call('sharing', p.providerStaff, LIST, { filter: { status: 'ASSIGNED' } });
    expect(providerList.data!.dataDemands.edges.map((e: any) => e.node.id)).toContain(id);

    const accepted = await t.call('sharing', p.providerStaff, ACCEPT, { id });
    expect(accepted.data!.acceptDataDemand).toMatchObject({ status: 'ACCEPTED', respondedBy: `staff-${p.provider}` });

    const resourceId = await publishResource(t.call, p.provider, CITY, {
      name: '出生医学证明信息',
      items: [
        { name: '出生医学证明编号', dataType: 'STRING', identifier: true },
        { name: '新生儿姓名', dataType: 'STRING', personalInfo: true },
        { name: '签发日期', dataType: 'DATE' },
      ],
    });
    const linked = await t.call('sharing', p.providerStaff, LINK, { id, resourceId });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkDataDemandResource).toMatchObject({ status: 'FULFILLED', resource: { id: resourceId } });

    // The requester is told: the demand shows the entry, and the entry can be requested.
    const seen = await t.call('sharing', p.requesterStaff, GET, { id });
    expect(seen.data!.dataDemand).toMatchObject({ status: 'FULFILLED', resource: { id: resourceId } });
    const inAYear = new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
    const requested = await t.call('sharing', p.requesterStaff, REQUEST, {
      input: {
        resourceId,
        requesterId: p.requester,
        scenario: '新生儿落户',
        purpose: '核验出生医学证明',
        legalDuty: '出生登记',
        itemNames: ['出生医学证明编号', '签发日期'],
        itemJustifications: [{ itemName: '出生医学证明编号', justification: '核对出生医学证明的真实性' }],
        endDate: inAYear,
      },
    });
    expect(requested.errors).toBeUndefined();
    expect(await auditActions(id)).toEqual(['dataDemand.file', 'dataDemand.assign', 'dataDemand.accept', 'dataDemand.fulfil']);
  });

  test('a demand needs the data, the items, the scenario and the legal duty; a bad one writes nothing [SHR-4, B §27, J §17]', async () => {
    const p = await parties();
    const before = await demandRows();
    for (const [over, field] of [
      [{ dataName: '  ' }, 'input.dataName'],
      [{ description: '' }, 'input.description'],
      [{ itemNames: [' ', ''] }, 'input.itemNames'],
      [{ scenario: ' ' }, 'input.scenario'],
      [{ legalDuty: '' }, 'input.legalDuty'],
    ] as const) {
      const r = await t.call('sharing', p.requesterStaff, FILE, { input: demandInput(p.requester, over) });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
      expect(r.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [a-zA-Z]/);
    }
    // Only for one's own organization, and only on its own platform.
    expect(codeOf(await t.call('sharing', p.providerStaff, FILE, { input: demandInput(p.requester) }))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('sharing', ANONYMOUS, FILE, { input: demandInput(p.requester) }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.call('sharing', authority(COUNTY), FILE, { input: demandInput(p.requester) }))).toBe('FORBIDDEN');
    const district = newId('331102');
    const elsewhere = await t.call('sharing', agency(district), FILE, { input: demandInput(district) });
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    expect(elsewhere.errors![0].extensions!.field).toBe('input.organizationId');
    expect(await demandRows()).toBe(before);
  });

  test("only the authority acting on the requester's region assigns, and only an existing agency of this platform other than the requester [SHR-4, B §27, B §29]", async () => {
    const p = await parties();
    const id = await filed(p.requester);
    const cases: [Actor, string][] = [
      [p.requesterStaff, 'FORBIDDEN'],
      [p.providerStaff, 'NOT_FOUND'],
      [auditor(CITY), 'FORBIDDEN'],
      [authority('331122'), 'NOT_FOUND'],
      [authority('331102'), 'NOT_FOUND'],
      [ANONYMOUS, 'UNAUTHENTICATED'],
    ];
    for (const [actor, code] of cases) expect(codeOf(await t.call('sharing', actor, ASSIGN, { id, providerId: p.provider }))).toBe(code);

    const enterprise = await registerOrganization(t.call, CITY, '丽水某科技有限公司', 'ENTERPRISE');
    for (const [providerId, fragment] of [
      [newId(CITY), 'not registered'],
      [enterprise, 'enterprise'],
      [p.requester, 'cannot provide its own'],
      [newId(CITY).replace(CITY, '999999'), 'unknown region'],
    ] as const) {
      const r = await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('providerId');
      expect(r.errors![0].message).toContain(fragment);
    }
    // A provider of another platform is the coordination of an authority above both, not the county's [B §29].
    const other = await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: newId('331102') });
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.errors![0].message).toContain('another platform');
    expect(await demand(id)).toMatchObject({ status: 'OPEN', provider_id: null, version: 1 });
    // The city authority acts on its counties hosted with it.
    expect((await t.call('sharing', authority(CITY), ASSIGN, { id, providerId: p.provider })).data!.assignDataDemand.status).toBe('ASSIGNED');
    expect(codeOf(await t.call('sharing', authority(CITY), ASSIGN, { id, providerId: p.other }))).toBe('CONFLICT');
  });

  test('only the assigned provider answers; a decline needs a reason, and the authority may assign another provider [SHR-4, B §27, L §34]', async () => {
    const p = await parties();
    const id = await filed(p.requester);
    await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: p.provider });
    for (const actor of [p.requesterStaff, authority(COUNTY)]) {
      expect(codeOf(await t.call('sharing', actor, ACCEPT, { id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.call('sharing', actor, DECLINE, { id, reason: '无此数据' }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.call('sharing', p.otherStaff, ACCEPT, { id }))).toBe('NOT_FOUND');
    // The schema requires the reason; a blank one is refused naming it.
    expect(codeOf(await t.call('sharing', p.providerStaff, DECLINE, { id, reason: null }))).toBe('BAD_USER_INPUT');
    const blankReason = await t.call('sharing', p.providerStaff, DECLINE, { id, reason: '  ' });
    expect(codeOf(blankReason)).toBe('BAD_USER_INPUT');
    expect(blankReason.errors![0].extensions!.field).toBe('reason');
    expect(await demand(id)).toMatchObject({ status: 'ASSIGNED' });

    const declined = await t.call('sharing', p.providerStaff, DECLINE, { id, reason: '本部门不采集该数据，建议由民政局提供' });
    expect(declined.data!.declineDataDemand).toMatchObject({ status: 'DECLINED', declineReason: '本部门不采集该数据，建议由民政局提供' });
    expect(codeOf(await t.call('sharing', p.providerStaff, ACCEPT, { id }))).toBe('CONFLICT');
    expect((await t.call('sharing', p.requesterStaff, GET, { id })).data!.dataDemand).toMatchObject({ status: 'DECLINED', declineReason: '本部门不采集该数据，建议由民政局提供' });

    const reassigned = await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: p.other });
    expect(reassigned.data!.assignDataDemand).toMatchObject({ status: 'ASSIGNED', provider: { id: p.other }, declineReason: null, respondedAt: null });
    // The provider that declined no longer sees it; the new one answers.
    expect((await t.call('sharing', p.providerStaff, GET, { id })).data!.dataDemand).toBeNull();
    expect((await t.call('sharing', p.otherStaff, ACCEPT, { id })).data!.acceptDataDemand.status).toBe('ACCEPTED');
    expect(await auditActions(id)).toEqual(['dataDemand.file', 'dataDemand.assign', 'dataDemand.decline', 'dataDemand.assign', 'dataDemand.accept']);
  });

  test('the linked entry must exist, be published and belong to the provider; only an accepted demand is linked [SHR-4, B §27, CAT-5]', async () => {
    const p = await parties();
    const id = await filed(p.requester);
    await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: p.provider });
    const own = await publishResource(t.call, p.provider, CITY);
    expect(codeOf(await t.call('sharing', p.providerStaff, LINK, { id, resourceId: own }))).toBe('CONFLICT');
    await t.call('sharing', p.providerStaff, ACCEPT, { id });

    const draft = await t.call('catalog', p.providerStaff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
      input: resourceInput(p.provider, CITY),
    });
    const someoneElses = await publishResource(t.call, p.other, CITY);
    for (const [resourceId, fragment] of [
      [newId(CITY), 'not found'],
      [someoneElses, 'not provided by your organization'],
    ] as const) {
      const r = await t.call('sharing', p.providerStaff, LINK, { id, resourceId });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('resourceId');
      expect(r.errors![0].message).toContain(fragment);
    }
    // A draft is refused by its state, not by the input: CONFLICT, until it is published.
    const unpublished = await t.call('sharing', p.providerStaff, LINK, { id, resourceId: draft.data!.createDataResource.id });
    expect(codeOf(unpublished)).toBe('CONFLICT');
    expect(unpublished.errors![0].message).toContain('once it is published');
    expect(codeOf(await t.call('sharing', p.requesterStaff, LINK, { id, resourceId: own }))).toBe('FORBIDDEN');
    expect(await demand(id)).toMatchObject({ status: 'ACCEPTED' });
    expect((await t.call('sharing', p.providerStaff, LINK, { id, resourceId: own })).data!.linkDataDemandResource.status).toBe('FULFILLED');
  });

  test('the requester, the assigned provider, the authority and auditors see a demand; other agencies, other counties and the public do not [SHR-4, SEC-1]', async () => {
    const p = await parties();
    const id = await filed(p.requester);
    await t.call('sharing', authority(COUNTY), ASSIGN, { id, providerId: p.provider });
    for (const actor of [p.requesterStaff, p.providerStaff, authority(COUNTY), authority(CITY), auditor(COUNTY)]) {
      expect((await t.call('sharing', actor, GET, { id })).data!.dataDemand?.id).toBe(id);
    }
    for (const actor of [p.otherStaff, authority('331122'), ANONYMOUS]) {
      expect((await t.call('sharing', actor, GET, { id })).data!.dataDemand).toBeNull();
    }
    expect(codeOf(await t.call('sharing', ANONYMOUS, LIST, {}))).toBe('UNAUTHENTICATED');
    const mine = await t.call('sharing', p.requesterStaff, LIST, {});
    expect(mine.data!.dataDemands.edges.map((e: any) => e.node.id)).toEqual([id]);
  });
});
