import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { internalPost } from '../platform/internal.js';
import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { serviceUrl } from '../schema/topology.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { SYSTEM_ACTOR } from '../subgraphs/kit/server/events.js';
import { INTERNAL_PREFIX } from '../subgraphs/kit/server/peers.js';
import type { UsesRecorded } from '../subgraphs/opening/use.route.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { TEST_SECRET } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority, isBackgroundStatement } from './support/node.js';

/**
 * Use tracking and sanctions across the federation [OPN-7, Z §28, Z §34 (四), Z §39]: a user of the
 * city 331100 holds agreements on data of the district 莲都区 331102 (its own node) and of the city;
 * the data plane records its uses on the dataset's node; the opening agency suspends, restores and
 * terminates; the credit file is merged across nodes for the authorities and the user.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
/** Every statement the district node's opening subgraph sent its database, in order. */
const lianduOpening: string[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  f = await startTestFederation('opening_uses', 10_000, {
    onQuery: (node, subgraph, sql) => {
      if (node === 'liandu' && subgraph === 'opening' && !isBackgroundStatement(sql)) lianduOpening.push(sql);
    },
    // Nothing else reaches the district's opening database while a test counts its statements.
    eventPollMs: HOUR,
    auditAnchorIntervalMs: HOUR,
  });
}, 180_000);
afterAll(async () => f?.federation.stop());

const nodeOf = (id: string) => f.federation.nodes.get(id)!;
const sql = <T>(nodeId: string, text: string, params: unknown[] = []) => nodeOf(nodeId).subgraphs.opening!.orm.em.fork().getConnection().execute<T[]>(text, params);

let serial = 300;
const citizenId = (region = CITY) => {
  const first17 = `${region}19900101${++serial}`;
  return first17 + citizenIdCheckChar(first17);
};
const userActor = (account: string): Actor => ({ sub: `user-${account}`, orgId: null, region: regionOf(account), roles: ['USER'], account });
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

async function register(name: string, region = CITY) {
  const u = (
    await f.must(null, `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id } }`, {
      input: { regionCode: region, name, kind: 'NATURAL_PERSON', idNumber: citizenId(), contact: '13905780000' },
    })
  ).registerOpenDataUser;
  return { id: u.id as string, actor: userActor(u.id) };
}

/** An OPEN dataset of a RESTRICTED entry of a new provider of `region`, offered by API and MODEL. */
async function restrictedDataset(name: string, region: string) {
  const provider = await registerOrganization(f.call, region, `${name}局`);
  const resourceId = await publishResource(f.call, provider, region, { openAttribute: 'RESTRICTED', openCondition: '经申请审核后通过接口开放' });
  const staff = agency(provider, region);
  const id = (
    await f.must(staff, `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, { input: { resourceId, accessMethods: ['API', 'MODEL'] } })
  ).proposeOpenDataset.id as string;
  await f.must(authority(region), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id });
  return { id, provider, staff };
}

/** The agreement `user` holds on `d` once its application is approved. */
async function agreement(user: { actor: Actor }, d: { id: string; staff: Actor }): Promise<string> {
  const applied = (
    await f.must(user.actor, `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }`, {
      id: d.id,
      input: { scenario: '农产品质量研究', storageCapability: '本单位机房', processingCapability: '专职人员', securityCapability: '访问控制与日志', creditLevel: 'A' },
    })
  ).applyForOpenData;
  return (await f.must(d.staff, `mutation($id: ID!) { approveOpenDataApplication(id: $id, input: { termMonths: 12 }) { agreement { id } } }`, { id: applied.id }))
    .approveOpenDataApplication.agreement.id;
}

/** What the data plane sends: signed as SYSTEM for the opening subgraph of `nodeId`. */
async function dataPlane(nodeId: string, uses: unknown[], actor: Actor = SYSTEM_ACTOR) {
  const res = await internalPost<UsesRecorded>({
    node: nodeOf(nodeId).node,
    subgraph: 'opening',
    path: `${INTERNAL_PREFIX}open-data-uses`,
    actor,
    body: JSON.stringify({ uses }),
    secret: TEST_SECRET,
    timeoutMs: 10_000,
  });
  return res;
}

const use = (agreementId: string, datasetId: string, over: Record<string, unknown> = {}) => ({
  agreementId,
  datasetId,
  method: 'API',
  operation: 'GET /inspections?town=碧湖镇',
  rowsReturned: 40,
  // A moment ago, but never before today (Chinese time), when the agreement's term began.
  usedAt: new Date(Math.max(Date.now() - 60_000, new Date(`${todayInChina()}T00:00:00+08:00`).getTime())).toISOString(),
  ...over,
});

const usesOn = async (agreementId: string) =>
  (await sql<{ n: number }>('liandu', 'select count(*)::int as n from "opening".open_data_use where agreement_id = ?', [agreementId]))[0]!.n;
const auditOf = (nodeId: string, action: string) =>
  sql<{ actor_sub: string; entity_id: string; data: string }>(nodeId, 'select actor_sub, entity_id, data from "opening".audit_event where action = ? order by id', [action]);

const USES = `query($a: ID, $d: ID) { openDataUses(agreementId: $a, datasetId: $d, first: 100) { totalCount edges { node { id method operation rowsReturned usedAt recordedAt holderAccount agreementId dataset { id } } } } }`;
const AGREEMENT = `query($id: ID!) { openDataAgreement(id: $id) { id status useCount suspension { violations rectification rectifyBy } terminatedAt sanctionSteps { kind note rectifyBy } } }`;
const COUNTS = `query($id: ID!) { openDataset(id: $id) { useCounts { method uses rowsReturned } } }`;
const CHECK = `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { allowed decision agreementId } }`;
const HOLDERS = `{ restrictedOpenDataHolders(first: 100) { edges { node { id } } } }`;
const SUSPEND = `mutation($id: ID!, $input: SuspendOpenDataAgreementInput!) { suspendOpenDataAgreement(id: $id, input: $input) { id status suspension { violations rectification rectifyBy suspendedAt } } }`;
const RESTORE = `mutation($id: ID!, $note: String!) { restoreOpenDataAgreement(id: $id, note: $note) { id status suspension { rectifyBy } sanctionSteps { kind } } }`;
const TERMINATE = `mutation($id: ID!, $note: String!) { terminateOpenDataAgreement(id: $id, note: $note) { id status terminatedAt suspension { rectifyBy } sanctionSteps { kind } } }`;
const CREDIT = `query($account: ID) { openDataCreditRecords(accountId: $account, first: 100) { totalCount edges { node { id holderAccount holderName agreementId datasetId datasetTitle violations rectification rectifyBy terminatedAt note provider { id } } } } }`;

const demand = (days = 30) => ({
  violations: ['BEYOND_AGREED_SCOPE'],
  rectification: '停止将数据用于约定范围外的商业分析，提交整改报告',
  rectifyBy: addDays(todayInChina(), days),
});
const held = async (agreementId: string) => (await f.must(null, HOLDERS)).restrictedOpenDataHolders.edges.some((e: any) => e.node.id === agreementId);

describe('use records, written by the data plane on the dataset’s node [OPN-7, Z §28, Z §34 (四)]', () => {
  test('a signed batch is recorded against its agreement with one audit event; a batch with one bad record writes nothing and names it [Z §34 (四), Z §20]', async () => {
    const user = await register('周一');
    const d = await restrictedDataset('莲都区农业农村（利用）', LIANDU);
    const other = await restrictedDataset('莲都区林业（利用）', LIANDU);
    const g = await agreement(user, d);
    expect(regionOf(g)).toBe(LIANDU);

    const ok = await dataPlane('liandu', [use(g, d.id), use(g, d.id, { rowsReturned: 0 }), use(g, d.id, { method: 'MODEL', operation: '聚类模型：按乡镇统计', rowsReturned: 12 })]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ recorded: 3, problems: [] });
    expect(ok.body.ids.map(regionOf)).toEqual([LIANDU, LIANDU, LIANDU]);
    const events = (await auditOf('liandu', 'openDataUse.record')).filter((e) => e.entity_id === ok.body.ids[0]);
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_sub).toBe('SYSTEM');
    expect(JSON.parse(events[0]!.data)).toEqual({ count: 3, lastId: ok.body.ids[2], byAgreement: { [g]: 3 } });

    // Whole or nothing: a DOWNLOAD, a dataset the agreement does not cover, an agreement of another platform.
    const bad = await dataPlane('liandu', [use(g, d.id), use(g, d.id, { method: 'DOWNLOAD' })]);
    expect(bad.body).toMatchObject({ recorded: 0, ids: [], problems: [{ index: 1, field: 'method', code: 'BAD_USER_INPUT' }] });
    const uncovered = await dataPlane('liandu', [use(g, d.id), use(g, other.id)]);
    expect(uncovered.body.problems).toEqual([expect.objectContaining({ index: 1, field: 'datasetId', code: 'CONFLICT' })]);
    const elsewhere = await dataPlane('lishui', [use(g, d.id)]);
    expect(elsewhere.body.problems).toEqual([expect.objectContaining({ index: 0, field: 'agreementId', code: 'NOT_FOUND' })]);
    expect(await usesOn(g)).toBe(3);

    // Only the platform itself, signed as SYSTEM: not a client's actor, not an unsigned call.
    const asAuthority = await dataPlane('liandu', [use(g, d.id)], authority(LIANDU));
    expect(asAuthority.status).toBe(403);
    const unsigned = await fetch(serviceUrl(nodeOf('liandu').node, 'opening', `${INTERNAL_PREFIX}open-data-uses`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uses: [use(g, d.id)] }),
    });
    expect(unsigned.status).toBe(401);
    expect(await usesOn(g)).toBe(3);
  });

  test('uses are listed for the opening agency, the overseers and the holder, with counts per agreement and per method; never for another user or agency [OPN-7, Z §28]', async () => {
    const user = await register('吴二');
    const stranger = await register('郑三');
    const d = await restrictedDataset('莲都区水利（利用）', LIANDU);
    const g = await agreement(user, d);
    const recorded = await dataPlane('liandu', [use(g, d.id, { rowsReturned: 10 }), use(g, d.id, { rowsReturned: 5 }), use(g, d.id, { method: 'MODEL', rowsReturned: 7 })]);
    expect(recorded.body.recorded).toBe(3);

    for (const reader of [d.staff, authority(LIANDU), authority(CITY), auditor(CITY), user.actor]) {
      const page = (await f.must(reader, USES, { a: g })).openDataUses;
      expect(page.totalCount).toBe(3);
      expect(page.edges[0].node).toMatchObject({ agreementId: g, holderAccount: user.id, dataset: { id: d.id } });
    }
    expect((await f.must(d.staff, USES, { d: d.id })).openDataUses.totalCount).toBe(3);
    const otherAgency = agency(await registerOrganization(f.call, LIANDU, '莲都区统计局（利用）'), LIANDU);
    for (const outsider of [stranger.actor, otherAgency, authority('331181')]) expect((await f.must(outsider, USES, { a: g })).openDataUses.totalCount).toBe(0);
    expect(code(await f.gql(null, USES, { a: g }))).toBe('UNAUTHENTICATED');
    const badFilter = await f.gql(d.staff, USES, { a: 'not-an-id' });
    expect(badFilter.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agreementId' });

    expect((await f.must(d.staff, AGREEMENT, { id: g })).openDataAgreement.useCount).toBe(3);
    expect((await f.must(user.actor, AGREEMENT, { id: g })).openDataAgreement.useCount).toBe(3);
    const counts = [
      { method: 'API', uses: 2, rowsReturned: 15 },
      { method: 'MODEL', uses: 1, rowsReturned: 7 },
    ];
    expect((await f.must(d.staff, COUNTS, { id: d.id })).openDataset.useCounts).toEqual(counts);
    expect((await f.must(authority(CITY), COUNTS, { id: d.id })).openDataset.useCounts).toEqual(counts);
    for (const outsider of [null, user.actor, otherAgency]) expect((await f.must(outsider, COUNTS, { id: d.id })).openDataset.useCounts).toBeNull();

    // Non-public reads are audited on the dataset's node [Z §34 (三)].
    const reads = await sql<{ entity_type: string }>('liandu', `select entity_type from "opening".audit_event where kind = 'READ' and entity_id in (?, ?)`, [
      recorded.body.ids[0],
      d.id,
    ]);
    expect(reads.map((r) => r.entity_type)).toEqual(expect.arrayContaining(['OpenDataUse', 'OpenDataUseCount']));
  });

  test("the agreements' use counts cost the same statements for 2 agreements as for 6 (one batched count, no N+1) [Z §28]", async () => {
    const d = await restrictedDataset('莲都区交通（计数）', LIANDU);
    const agreements: string[] = [];
    for (let i = 0; i < 6; i++) agreements.push(await agreement(await register(`计数用户${i}`), d));
    const recorded = await dataPlane(
      'liandu',
      agreements.flatMap((g, i) => Array.from({ length: i + 1 }, () => use(g, d.id))),
    );
    expect(recorded.body.recorded).toBe(21);
    const LIST = `query($n: Int) { openDataAgreements(first: $n, scope: { regionCode: "${LIANDU}", includeSubRegions: false }) { edges { node { id useCount } } } }`;
    const statementsFor = async (n: number) => {
      const from = lianduOpening.length;
      const page = (await f.must(d.staff, LIST, { n })).openDataAgreements.edges;
      expect(page).toHaveLength(n);
      const statements = lianduOpening.slice(from);
      return { count: statements.length, useCounts: statements.filter((s) => s.includes('"open_data_use"')).length, counts: page.map((e: any) => e.node.useCount) };
    };
    const small = await statementsFor(2);
    const large = await statementsFor(6);
    expect(large.counts.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(large.count).toBe(small.count);
    expect(large.useCounts).toBe(1);
  });
});

describe('sanctions: suspension with a rectification demand, restoration, termination into the credit file [OPN-7, Z §39]', () => {
  test('a suspension closes access at once and drops the holder from the public list; a restored agreement allows again [Z §39, Z §16]', async () => {
    const user = await register('王四');
    const d = await restrictedDataset('莲都区市场监管（处置）', LIANDU);
    const g = await agreement(user, d);
    const checks = { c: [{ datasetId: d.id, method: 'API', userAccount: user.id }] };
    expect((await f.must(user.actor, CHECK, checks)).openAccessChecks).toEqual([{ allowed: true, decision: 'ALLOWED', agreementId: g }]);
    expect(await held(g)).toBe(true);

    // Bad input is refused naming the field, before anything changes.
    for (const [input, field] of [
      [{ ...demand(), violations: [] }, 'input.violations'],
      [{ ...demand(), rectification: '  ' }, 'input.rectification'],
      [demand(0), 'input.rectifyBy'],
      [demand(91), 'input.rectifyBy'],
      [{ ...demand(), rectifyBy: '2026-02-30' }, 'input.rectifyBy'],
    ] as const) {
      const r = await f.gql(d.staff, SUSPEND, { id: g, input });
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Who may: the opening agency or the authority acting on the region; not the city supervising the district, the holder or another agency.
    expect(code(await f.gql(authority(CITY), SUSPEND, { id: g, input: demand() }))).toBe('FORBIDDEN');
    expect(code(await f.gql(user.actor, SUSPEND, { id: g, input: demand() }))).toBe('FORBIDDEN');
    expect(code(await f.gql(agency(await registerOrganization(f.call, LIANDU, '莲都区民政局（处置）'), LIANDU), SUSPEND, { id: g, input: demand() }))).toBe('NOT_FOUND');
    expect((await f.must(user.actor, AGREEMENT, { id: g })).openDataAgreement.status).toBe('ACTIVE');

    const suspended = (await f.must(d.staff, SUSPEND, { id: g, input: { ...demand(), violations: ['OTHER_SERIOUS_BREACH', 'BEYOND_AGREED_SCOPE'] } })).suspendOpenDataAgreement;
    expect(suspended).toMatchObject({
      status: 'SUSPENDED',
      suspension: { violations: ['BEYOND_AGREED_SCOPE', 'OTHER_SERIOUS_BREACH'], rectification: demand().rectification, rectifyBy: demand().rectifyBy },
    });
    expect(code(await f.gql(d.staff, SUSPEND, { id: g, input: demand() }))).toBe('CONFLICT');
    // At once: the check refuses, the public list drops it, the data plane may not record against it, and the user may not apply anew.
    expect((await f.must(user.actor, CHECK, checks)).openAccessChecks).toEqual([{ allowed: false, decision: 'AGREEMENT_SUSPENDED', agreementId: null }]);
    expect(await held(g)).toBe(false);
    expect((await dataPlane('liandu', [use(g, d.id)])).body.problems).toEqual([expect.objectContaining({ field: 'agreementId', code: 'CONFLICT' })]);
    const again = await f.gql(user.actor, `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id } }`, {
      id: d.id,
      input: { scenario: '再次申请', storageCapability: '机房', processingCapability: '人员', securityCapability: '控制', creditLevel: 'A' },
    });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('[Z §39]');
    // Before the deadline there is nothing to terminate.
    const early = await f.gql(d.staff, TERMINATE, { id: g, note: '未整改' });
    expect(code(early)).toBe('CONFLICT');
    expect(early.errors![0]!.message).toContain(demand().rectifyBy);

    expect(code(await f.gql(d.staff, RESTORE, { id: g, note: ' ' }))).toBe('BAD_USER_INPUT');
    const restored = (await f.must(d.staff, RESTORE, { id: g, note: '已停止超范围使用并提交整改报告' })).restoreOpenDataAgreement;
    expect(restored).toMatchObject({ status: 'ACTIVE', suspension: null, sanctionSteps: [{ kind: 'SUSPENDED' }, { kind: 'RESTORED' }] });
    expect(code(await f.gql(d.staff, RESTORE, { id: g, note: '再次恢复' }))).toBe('CONFLICT');
    expect((await f.must(user.actor, CHECK, checks)).openAccessChecks).toEqual([{ allowed: true, decision: 'ALLOWED', agreementId: g }]);
    expect(await held(g)).toBe(true);
    expect((await auditOf('liandu', 'openDataAgreement.suspend')).filter((e) => e.entity_id === g)).toHaveLength(1);
    expect((await auditOf('liandu', 'openDataAgreement.restore')).filter((e) => e.entity_id === g)).toHaveLength(1);
  });

  test('not rectified by the deadline, the agreement is terminated and the credit file records it; the file is merged across nodes for the authorities and the user, never for other users or agencies [Z §39]', async () => {
    const user = await register('冯五');
    const stranger = await register('陈六');
    const district = await restrictedDataset('莲都区卫生健康（失信）', LIANDU);
    const city = await restrictedDataset('丽水市自然资源（失信）', CITY);
    const gDistrict = await agreement(user, district);
    const gCity = await agreement(user, city);

    // The district's authority acts on its region; the city's staff on its own data.
    await f.must(authority(LIANDU), SUSPEND, { id: gDistrict, input: { ...demand(1), violations: ['MINING_SECRETS_OR_PRIVACY'] } });
    await f.must(city.staff, SUSPEND, { id: gCity, input: { ...demand(1), violations: ['SAFEGUARDS_NOT_IMPLEMENTED'] } });
    expect(code(await f.gql(district.staff, TERMINATE, { id: gDistrict, note: '逾期未整改' }))).toBe('CONFLICT');
    // The deadline passes unrectified.
    const passed = addDays(todayInChina(), -1);
    await sql('liandu', 'update "opening".open_data_agreement set rectify_by = ? where id = ?', [passed, gDistrict]);
    await sql('lishui', 'update "opening".open_data_agreement set rectify_by = ? where id = ?', [passed, gCity]);

    expect(code(await f.gql(user.actor, TERMINATE, { id: gDistrict, note: '逾期未整改' }))).toBe('FORBIDDEN');
    expect(code(await f.gql(district.staff, TERMINATE, { id: gDistrict, note: '' }))).toBe('BAD_USER_INPUT');
    const terminated = (await f.must(district.staff, TERMINATE, { id: gDistrict, note: '逾期未提交整改报告' })).terminateOpenDataAgreement;
    expect(terminated).toMatchObject({ status: 'TERMINATED', suspension: { rectifyBy: passed }, sanctionSteps: [{ kind: 'SUSPENDED' }, { kind: 'TERMINATED' }] });
    expect(typeof terminated.terminatedAt).toBe('string');
    expect(code(await f.gql(district.staff, TERMINATE, { id: gDistrict, note: '再次终止' }))).toBe('CONFLICT');
    await f.must(city.staff, TERMINATE, { id: gCity, note: '逾期未落实安全措施' });

    const checks = {
      c: [
        { datasetId: district.id, method: 'API', userAccount: user.id },
        { datasetId: city.id, method: 'MODEL', userAccount: user.id },
      ],
    };
    expect((await f.must(user.actor, CHECK, checks)).openAccessChecks.map((c: any) => c.decision)).toEqual(['AGREEMENT_TERMINATED', 'AGREEMENT_TERMINATED']);
    expect(await held(gDistrict)).toBe(false);

    // The credit record was written with the termination, in its transaction.
    const [event] = (await auditOf('liandu', 'openDataAgreement.terminate')).filter((e) => e.entity_id === gDistrict);
    const creditRecordId = JSON.parse(event!.data).creditRecordId as string;
    expect(regionOf(creditRecordId)).toBe(LIANDU);

    // The city authority reads the user's whole file, from both nodes; so do the user and the city's auditor.
    const file = (await f.must(authority(CITY), CREDIT, { account: user.id })).openDataCreditRecords;
    expect(file.totalCount).toBe(2);
    const districtRecord = file.edges.find((e: any) => e.node.agreementId === gDistrict).node;
    expect(districtRecord).toMatchObject({
      id: creditRecordId,
      holderAccount: user.id,
      holderName: '冯五',
      datasetId: district.id,
      datasetTitle: expect.any(String),
      violations: ['MINING_SECRETS_OR_PRIVACY'],
      rectification: demand().rectification,
      rectifyBy: passed,
      note: '逾期未提交整改报告',
      provider: { id: district.provider },
    });
    expect((await f.must(user.actor, CREDIT, { account: user.id })).openDataCreditRecords.totalCount).toBe(2);
    expect((await f.must(user.actor, CREDIT, {})).openDataCreditRecords.totalCount).toBe(2);
    expect((await f.must(auditor(CITY), CREDIT, { account: user.id })).openDataCreditRecords.totalCount).toBe(2);
    // The district's authority oversees the district record only: the user and the city record are the city's.
    expect((await f.must(authority(LIANDU), CREDIT, { account: user.id })).openDataCreditRecords.edges.map((e: any) => e.node.id)).toEqual([creditRecordId]);
    // Never another user, nor any agency, the sanctioning ones included.
    for (const outsider of [stranger.actor, district.staff, city.staff, authority('331181')]) {
      expect((await f.must(outsider, CREDIT, { account: user.id })).openDataCreditRecords.totalCount).toBe(0);
    }
    expect(code(await f.gql(null, CREDIT, { account: user.id }))).toBe('UNAUTHENTICATED');
    // Reads of the file are audited where the record lives.
    const reads = await sql<{ actor_sub: string }>('liandu', `select actor_sub from "opening".audit_event where kind = 'READ' and entity_id = ?`, [creditRecordId]);
    expect(reads.map((r) => r.actor_sub)).toEqual(expect.arrayContaining([authority(CITY).sub, user.actor.sub]));
  });
});

describe("an agency's opening evaluation, read across nodes [OPN-9, Z §38]", () => {
  test('the city authority reads a district agency’s applications, agreements and recorded uses; another district agency reads null', async () => {
    const d = await restrictedDataset('莲都区统计评价', LIANDU);
    const user = await register('评价用户');
    const agreementId = await agreement(user, d);
    expect((await dataPlane('liandu', [use(agreementId, d.id), use(agreementId, d.id)])).body.recorded).toBe(2);
    const EVALUATION = `query($id: ID!) { organization(id: $id) { openingEvaluation { openDatasets restrictedDatasets applicationsReceived agreementsInForce restrictedUses downloads } } }`;
    const expected = { openDatasets: 1, restrictedDatasets: 1, applicationsReceived: 1, agreementsInForce: 1, restrictedUses: 2, downloads: 0 };
    expect((await f.must(authority(CITY), EVALUATION, { id: d.provider })).organization.openingEvaluation).toEqual(expected);
    expect((await f.must(d.staff, EVALUATION, { id: d.provider })).organization.openingEvaluation).toEqual(expected);
    const neighbour = await registerOrganization(f.call, LIANDU, '莲都区评价邻局');
    expect((await f.must(agency(neighbour, LIANDU), EVALUATION, { id: d.provider })).organization.openingEvaluation).toBeNull();
  });
});
