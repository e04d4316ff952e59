import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { agency, authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';

/**
 * The open catalog across the three-node federation: datasets follow their catalog entries
 * through the catalog's events [OPN-1, Z §10, Z §20, Z §27, Z §35].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';

beforeAll(async () => {
  f = await startTestFederation('opening');
});
afterAll(async () => f?.federation.stop());

const DATASET = `query($id: ID!) { openDataset(id: $id) { id status openAttribute accessMethods free format updateFrequency suspensionReason catalogEventId } }`;
const EVENT_BOUND_MS = 60_000;
const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id status proposal { kind status } } }`;
const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id status openAttribute accessMethods free } }`;

const dataset = async (id: string) => (await f.must<{ openDataset: Record<string, any> }>(authority(CITY), DATASET, { id })).openDataset;

/** An approved revision of a published entry, as the provider drafts it and the authority publishes it. */
async function revise(provider: string, region: string, id: string, input: Record<string, unknown>) {
  const staff = agency(provider, region);
  await f.must(staff, `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id } }`, { id, input });
  await f.must(staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id });
  await f.must(authority(region), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id });
}

/** An OPEN dataset of a new UNCONDITIONAL entry of a new provider, offered by the given methods. */
async function openEntry(name: string, accessMethods: string[], region = CITY) {
  const provider = await registerOrganization(f.call, region, `${name}局`);
  const resourceId = await publishResource(f.call, provider, region, { name: `${name}信息` });
  const staff: Actor = agency(provider, region);
  const datasetId = (await f.must(staff, PROPOSE, { input: { resourceId, accessMethods } })).proposeOpenDataset.id as string;
  await f.must(authority(region), APPROVE, { id: datasetId });
  return { provider, resourceId, datasetId, staff };
}

describe('a dataset follows its catalog entry [OPN-1, Z §10]', () => {
  test('an approved revision UNCONDITIONAL → RESTRICTED drops DOWNLOAD and the dataset is no longer free [OPN-1, OPN-2, Z §15, Z §20, Z §27]', async () => {
    const s = await openEntry('丽水市公交', ['DOWNLOAD', 'API']);
    expect(await dataset(s.datasetId)).toMatchObject({ status: 'OPEN', openAttribute: 'UNCONDITIONAL', accessMethods: ['DOWNLOAD', 'API'], free: true });
    await revise(s.provider, CITY, s.resourceId, { openAttribute: 'RESTRICTED', openCondition: '限科研用途', openChangeReason: '含精确到站点的客流数据' });
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.openAttribute === 'RESTRICTED',
      EVENT_BOUND_MS,
    );
    expect(d).toMatchObject({ status: 'OPEN', openAttribute: 'RESTRICTED', accessMethods: ['API'], free: false });
    expect(d.catalogEventId).toBeNull();
  });

  test('a DOWNLOAD-only dataset whose entry becomes RESTRICTED is suspended: nothing may be offered [OPN-2, Z §20, Z §35]', async () => {
    const s = await openEntry('丽水市环境', ['DOWNLOAD']);
    await revise(s.provider, CITY, s.resourceId, { openAttribute: 'RESTRICTED', openCondition: '限科研用途', openChangeReason: '含企业排污明细' });
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.status === 'SUSPENDED',
      EVENT_BOUND_MS,
    );
    expect(d).toMatchObject({ status: 'SUSPENDED', openAttribute: 'RESTRICTED', accessMethods: [], free: false });
    expect(d.suspensionReason).toContain('[Z §15, Z §20, Z §27]');
    const anonymous = await f.gql(null, `query($id: ID!) { openDataset(id: $id) { id } }`, { id: s.datasetId });
    expect(anonymous.data!.openDataset).toBeNull();
  });

  test('an approved revision to PROHIBITED suspends the dataset, on a district node too [Z §12, Z §35]', async () => {
    const s = await openEntry('莲都区气象', ['API'], '331102');
    await revise(s.provider, '331102', s.resourceId, { openAttribute: 'PROHIBITED' });
    const read = async () => (await f.must<{ openDataset: Record<string, any> }>(authority('331102'), DATASET, { id: s.datasetId })).openDataset;
    const d = await eventually(read, (v) => v.status === 'SUSPENDED', EVENT_BOUND_MS);
    expect(d.status).toBe('SUSPENDED');
    expect(d.suspensionReason).toContain('PROHIBITED');
  });

  test('an approved revision of the items suspends the dataset until a reopening is approved [B §31, Z §13]', async () => {
    const s = await openEntry('丽水市市场', ['API']);
    await revise(s.provider, CITY, s.resourceId, {
      items: [
        { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
        { name: '企业名称', dataType: 'STRING' },
        { name: '法定代表人', dataType: 'STRING' },
      ],
    });
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.status === 'SUSPENDED',
      EVENT_BOUND_MS,
    );
    expect(d.suspensionReason).toContain('[B §31, Z §13]');
  });

  test('format and update frequency follow an approved revision; the status stays [Z §10]', async () => {
    const s = await openEntry('丽水市交通', ['API']);
    await revise(s.provider, CITY, s.resourceId, { format: 'SPREADSHEET', updateFrequency: 'MONTHLY' });
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.format === 'SPREADSHEET',
      EVENT_BOUND_MS,
    );
    expect(d).toMatchObject({ status: 'OPEN', format: 'SPREADSHEET', updateFrequency: 'MONTHLY', openAttribute: 'UNCONDITIONAL' });
  });
});

describe('offers and the batched access check across nodes [OPN-2, Z §20, Z §27]', () => {
  test('one batch of checks on city and district datasets answers every check once; RESTRICTED data never by download and answers NO_AGREEMENT [Z §15-17, Z §20]', async () => {
    const city = await openEntry('丽水市气象', ['DOWNLOAD', 'API', 'MODEL']);
    const district = await openEntry('莲都区交通', ['API'], '331102');
    const provider = await registerOrganization(f.call, CITY, '丽水市卫生健康委员会');
    const restrictedEntry = await publishResource(f.call, provider, CITY, { openAttribute: 'RESTRICTED', openCondition: '限科研用途' });
    const refused = await f.gql(agency(provider, CITY), PROPOSE, { input: { resourceId: restrictedEntry, accessMethods: ['DOWNLOAD', 'API'] } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessMethods' });
    const restricted = (await f.must(agency(provider, CITY), PROPOSE, { input: { resourceId: restrictedEntry, accessMethods: ['API', 'MODEL'] } })).proposeOpenDataset.id as string;
    expect((await f.must(authority(CITY), APPROVE, { id: restricted })).approveOpenDatasetProposal).toMatchObject({ openAttribute: 'RESTRICTED', free: false });
    const offers = await f.must(null, `query($id: ID!) { openDataset(id: $id) { offers { method free freeFor agreementRequired resultReview } } }`, { id: restricted });
    expect(offers.openDataset.offers).toEqual([
      { method: 'API', free: false, freeFor: ['OWN_DATA', 'AUTHORIZED_BY_SUBJECT', 'STATUTORY'], agreementRequired: true, resultReview: false },
      { method: 'MODEL', free: false, freeFor: ['OWN_DATA', 'AUTHORIZED_BY_SUBJECT', 'STATUTORY'], agreementRequired: true, resultReview: true },
    ]);
    const checks = [
      { datasetId: city.datasetId, method: 'DOWNLOAD', userAccount: 'u1' },
      { datasetId: district.datasetId, method: 'API', userAccount: 'u1' },
      { datasetId: restricted, method: 'DOWNLOAD', userAccount: 'u1' },
      { datasetId: restricted, method: 'API', userAccount: 'u1' },
    ];
    const r = await f.must(authority(CITY), `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { datasetId method allowed decision agreementId } }`, {
      c: checks,
    });
    const byKey = new Map(r.openAccessChecks.map((c: any) => [`${c.datasetId}/${c.method}`, [c.allowed, c.decision, c.agreementId]]));
    expect(r.openAccessChecks).toHaveLength(4);
    expect(byKey.get(`${city.datasetId}/DOWNLOAD`)).toEqual([true, 'ALLOWED', null]);
    expect(byKey.get(`${district.datasetId}/API`)).toEqual([true, 'ALLOWED', null]);
    expect(byKey.get(`${restricted}/DOWNLOAD`)).toEqual([false, 'DOWNLOAD_OF_RESTRICTED', null]);
    expect(byKey.get(`${restricted}/API`)).toEqual([false, 'NO_AGREEMENT', null]);
  });

  test('the city authority only supervises a district: it may not approve there, nor a district authority on city data [B §31, B §29]', async () => {
    const provider = await registerOrganization(f.call, '331102', '莲都区水利局');
    const resourceId = await publishResource(f.call, provider, '331102');
    const id = (await f.must(agency(provider, '331102'), PROPOSE, { input: { resourceId, accessMethods: ['API'] } })).proposeOpenDataset.id as string;
    expect((await f.gql(authority(CITY), APPROVE, { id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const cityProvider = await registerOrganization(f.call, CITY, '丽水市水利局');
    const cityEntry = await publishResource(f.call, cityProvider, CITY);
    const cityId = (await f.must(agency(cityProvider, CITY), PROPOSE, { input: { resourceId: cityEntry, accessMethods: ['API'] } })).proposeOpenDataset.id as string;
    expect((await f.gql(authority('331102'), APPROVE, { id: cityId })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(agency(cityProvider, CITY), PROPOSE, { input: { resourceId, accessMethods: ['API'] } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await f.must(authority('331102'), APPROVE, { id })).approveOpenDatasetProposal.status).toBe('OPEN');
  });
});

describe('complaints that opened data infringes secrets or privacy [OPN-6, Z §35]', () => {
  const FILE = `mutation($id: ID!, $input: FileOpenDataComplaintInput!) { fileOpenDataComplaint(id: $id, input: $input) { id status receiptToken steps { kind } } }`;
  const RECEIPT = `query($id: ID!, $t: String) { openDataComplaint(id: $id, receiptToken: $t) { id status outcome receiptToken steps { kind note } dataset { id } } }`;
  const VERIFY = `mutation($id: ID!, $f: String!) { verifyOpenDataComplaint(id: $id, findings: $f) { id status } }`;
  const DECIDE = `mutation($id: ID!, $o: OpenComplaintOutcome!, $n: String!) { decideOpenDataComplaint(id: $id, outcome: $o, note: $n) { id status outcome } }`;
  const input = { infringes: ['PERSONAL_PRIVACY'], description: '数据集中含有本人的住址和电话' };

  test('anyone files, the dataset is suspended at once, and the receipt shows every step to its holder only [OPN-6, Z §35]', async () => {
    const s = await openEntry('丽水市民政', ['DOWNLOAD', 'API']);
    const filed = (await f.must(null, FILE, { id: s.datasetId, input })).fileOpenDataComplaint;
    expect(filed).toMatchObject({ status: 'FILED', steps: [{ kind: 'FILED' }, { kind: 'SUSPENDED' }] });
    expect(typeof filed.receiptToken).toBe('string');
    expect(await dataset(s.datasetId)).toMatchObject({ status: 'SUSPENDED' });
    expect((await f.gql(null, `query($id: ID!) { openDataset(id: $id) { id } }`, { id: s.datasetId })).data!.openDataset).toBeNull();

    // The token is shown once; without it (or with another) the public sees nothing.
    const receipt = async () => (await f.must(null, RECEIPT, { id: filed.id, t: filed.receiptToken })).openDataComplaint;
    expect(await receipt()).toMatchObject({ status: 'FILED', receiptToken: null, dataset: null });
    expect((await f.must(null, RECEIPT, { id: filed.id, t: 'x'.repeat(32) })).openDataComplaint).toBeNull();
    expect((await f.must(null, RECEIPT, { id: filed.id })).openDataComplaint).toBeNull();
    const other = await registerOrganization(f.call, CITY, '丽水市统计局');
    expect((await f.must(agency(other, CITY), RECEIPT, { id: filed.id })).openDataComplaint).toBeNull();
    expect((await f.gql(null, `{ openDataComplaints(first: 5) { totalCount } }`)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    // Another agency may not verify; the opening agency verifies and decides.
    expect((await f.gql(agency(other, CITY), VERIFY, { id: filed.id, f: '已核实' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(s.staff, DECIDE, { id: filed.id, o: 'RESTORED', n: '不成立' })).errors![0]!.extensions!.code).toBe('CONFLICT');
    await f.must(s.staff, VERIFY, { id: filed.id, f: '数据集确含个人住址' });
    expect((await f.must(s.staff, DECIDE, { id: filed.id, o: 'PROCESSED', n: '住址已脱敏后重新开放' })).decideOpenDataComplaint).toMatchObject({
      status: 'RESOLVED',
      outcome: 'PROCESSED',
    });
    expect(await dataset(s.datasetId)).toMatchObject({ status: 'OPEN', suspensionReason: null, accessMethods: ['DOWNLOAD', 'API'] });
    expect((await receipt()).steps.map((x: any) => x.kind)).toEqual(['FILED', 'SUSPENDED', 'VERIFIED', 'PROCESSED']);
    expect((await receipt()).steps[3].note).toBe('住址已脱敏后重新开放');
  });

  test('bad input is refused with its field and writes nothing; a suspended dataset takes no complaint [Z §35]', async () => {
    const s = await openEntry('丽水市卫健', ['API']);
    const empty = await f.gql(null, FILE, { id: s.datasetId, input: { ...input, infringes: [] } });
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.infringes' });
    const blank = await f.gql(null, FILE, { id: s.datasetId, input: { ...input, description: '  ' } });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
    expect(await dataset(s.datasetId)).toMatchObject({ status: 'OPEN' });
    expect(
      (await f.must(authority(CITY), `{ openDataComplaints(first: 100) { edges { node { dataset { id } } } } }`)).openDataComplaints.edges.map((e: any) => e.node.dataset?.id),
    ).not.toContain(s.datasetId);
    const filed = (await f.must(null, FILE, { id: s.datasetId, input })).fileOpenDataComplaint;
    expect((await f.gql(authority(CITY), VERIFY, { id: filed.id, f: ' ' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findings' });
    // The public no longer sees the dataset; the agency sees it is not open.
    expect((await f.gql(null, FILE, { id: s.datasetId, input })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await f.gql(s.staff, FILE, { id: s.datasetId, input })).errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  test('on a district node its authority decides; the city authority only reads; a district authority never sees city complaints [Z §35, B §31, B §29]', async () => {
    const district = await openEntry('莲都区住建', ['API'], '331102');
    const filed = (await f.must(null, FILE, { id: district.datasetId, input: { infringes: ['TRADE_SECRET'], description: '含企业报价' } })).fileOpenDataComplaint;
    expect((await f.must(authority(CITY), RECEIPT, { id: filed.id })).openDataComplaint).toMatchObject({ status: 'FILED' });
    expect((await f.gql(authority(CITY), VERIFY, { id: filed.id, f: '已核实' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    await f.must(authority('331102'), VERIFY, { id: filed.id, f: '报价属商业秘密' });
    // A REOPEN proposal cannot get round an unresolved complaint.
    await f.must(district.staff, PROPOSE, { input: { resourceId: district.resourceId, accessMethods: ['API'] } });
    expect((await f.gql(authority('331102'), APPROVE, { id: district.datasetId })).errors![0]!.extensions!.code).toBe('CONFLICT');
    await f.must(authority('331102'), DECIDE, { id: filed.id, o: 'WITHDRAWN', n: '已撤回' });
    expect(await dataset(district.datasetId)).toMatchObject({ status: 'WITHDRAWN' });

    const city = await openEntry('丽水市市监', ['API']);
    const cityComplaint = (await f.must(null, FILE, { id: city.datasetId, input })).fileOpenDataComplaint;
    expect((await f.must(authority('331102'), RECEIPT, { id: cityComplaint.id })).openDataComplaint).toBeNull();
    expect((await f.gql(authority('331102'), VERIFY, { id: cityComplaint.id, f: '已核实' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const listed = (await f.must(authority(CITY), `{ openDataComplaints(first: 100) { edges { node { id } } } }`)).openDataComplaints.edges.map((e: any) => e.node.id);
    expect(listed).toEqual(expect.arrayContaining([filed.id, cityComplaint.id]));
  });
});
