import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Actor } from '../schema/auth.js';
import { regionOf } from '../schema/ids.js';
import { citizenIdCheckChar } from '../subgraphs/kit/rules/citizen-id.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization, uniqueCreditCode } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Public data users and their applications for restricted open data across the federation: the
 * city node 331100 and the district node 莲都区 331102 [OPN-3, B §3, Z §16-17].
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';

beforeAll(async () => {
  f = await startTestFederation('opening_applications');
});
afterAll(async () => f?.federation.stop());

let serial = 100;
/** A valid citizen ID number (GB 11643), a new one each call. */
const citizenId = (region = LIANDU) => {
  const first17 = `${region}19880506${++serial}`;
  return first17 + citizenIdCheckChar(first17);
};

const REGISTER = `mutation($input: RegisterOpenDataUserInput!) { registerOpenDataUser(input: $input) { id name kind identifierMasked contact status regionCode } }`;
const USER = `query($id: ID!) { openDataUser(id: $id) { id name identifierMasked status } }`;
const APPLY = `mutation($id: ID!, $input: ApplyForOpenDataInput!) { applyForOpenData(id: $id, input: $input) { id status applicantName applicantKind steps { kind } } }`;
const APPROVE = `mutation($id: ID!, $months: Int!) { approveOpenDataApplication(id: $id, input: { termMonths: $months }) { id status agreement { id status termMonths termStart termEnd filedWithAuthorityAt filingAcknowledgedAt clauses { kind article } holderAccount } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectOpenDataApplication(id: $id, reason: $reason) { id status rejectionReason steps { kind note } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawOpenDataApplication(id: $id) { id status steps { kind } } }`;
const APPLICATION = `query($id: ID!) { openDataApplication(id: $id) { id status scenario steps { kind note } agreement { id } dataset { id } } }`;
const HOLDERS = `query($first: Int) { restrictedOpenDataHolders(first: $first) { totalCount edges { node { id holderName holderKind termStart termEnd dataset { id title } } } } }`;
const CHECKS = `query($c: [OpenAccessCheckInput!]!) { openAccessChecks(checks: $c) { datasetId method allowed decision agreementId } }`;

const application = {
  scenario: '农产品质量安全研究：分析辖区农药残留变化趋势',
  storageCapability: '数据存放于本单位机房，独立服务器，异地备份',
  processingCapability: '专职数据分析人员三名，使用统计软件处理',
  securityCapability: '访问控制、传输加密、操作日志留存六个月',
  creditLevel: 'A',
};

/** A public data user's token: the role USER acting as its registered account, in the account's region. */
const userActor = (account: string): Actor => ({ sub: `user-${account}`, orgId: null, region: regionOf(account), roles: ['USER'], account });

async function register(name: string, region: string, kind = 'NATURAL_PERSON', idNumber = kind === 'NATURAL_PERSON' ? citizenId() : uniqueCreditCode(region, '91')) {
  const u = (await f.must(null, REGISTER, { input: { regionCode: region, name, kind, idNumber, contact: '13905780000' } })).registerOpenDataUser;
  return { ...u, actor: userActor(u.id), idNumber };
}

/** An OPEN dataset of a RESTRICTED entry of a new provider of `region`, offered by API. */
async function restrictedDataset(name: string, region: string, openAttribute = 'RESTRICTED') {
  const provider = await registerOrganization(f.call, region, `${name}局`);
  const resourceId = await publishResource(f.call, provider, region, openAttribute === 'RESTRICTED' ? { openAttribute, openCondition: '经申请审核后通过接口开放' } : {});
  const staff = agency(provider, region);
  const id = (await f.must(staff, `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, { input: { resourceId, accessMethods: ['API'] } }))
    .proposeOpenDataset.id as string;
  await f.must(authority(region), `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id } }`, { id });
  return { id, provider, staff };
}

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('public data users register on the platform of their region [B §3, Z §16]', () => {
  test('a natural person and a company register; an identifier registers once per platform; the record is kept from everyone but the user, its authority and auditors [B §3, Z §16]', async () => {
    const idNumber = citizenId();
    const person = await register('张三', CITY, 'NATURAL_PERSON', idNumber);
    expect(regionOf(person.id)).toBe(CITY);
    expect(person).toMatchObject({ name: '张三', kind: 'NATURAL_PERSON', status: 'ACTIVE', regionCode: CITY });
    expect(person.identifierMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    const again = await f.gql(null, REGISTER, { input: { regionCode: CITY, name: '张三', kind: 'NATURAL_PERSON', idNumber, contact: '13905780001' } });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('already registered');
    // Another platform keeps its own users.
    expect(regionOf((await register('张三', LIANDU, 'NATURAL_PERSON', idNumber)).id)).toBe(LIANDU);

    const company = await register('丽水某某数据科技有限公司', CITY, 'LEGAL_PERSON');
    expect(company).toMatchObject({ kind: 'LEGAL_PERSON', status: 'ACTIVE' });

    expect((await f.must(person.actor, USER, { id: person.id })).openDataUser).toMatchObject({ id: person.id, name: '张三', identifierMasked: person.identifierMasked });
    expect((await f.must(authority(CITY), USER, { id: person.id })).openDataUser?.id).toBe(person.id);
    expect((await f.must(auditor(CITY), USER, { id: person.id })).openDataUser?.id).toBe(person.id);
    for (const other of [company.actor, null, authority(LIANDU), agency(await registerOrganization(f.call, CITY, '丽水市统计局'), CITY)]) {
      expect((await f.must(other, USER, { id: person.id })).openDataUser).toBeNull();
    }
  });

  test('a wrong identifier is refused naming the field, and registers nothing [B §3, Z §16]', async () => {
    const good = citizenId();
    const wrongCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    const refused = await f.gql(null, REGISTER, { input: { regionCode: CITY, name: '李四', kind: 'NATURAL_PERSON', idNumber: wrongCheck, contact: '13905780002' } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(refused.errors![0]!.message).toContain('check character');
    const codeForPerson = await f.gql(null, REGISTER, { input: { regionCode: CITY, name: '李四', kind: 'LEGAL_PERSON', idNumber: good, contact: '13905780002' } });
    expect(codeForPerson.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    const province = await f.gql(null, REGISTER, { input: { regionCode: '330000', name: '李四', kind: 'NATURAL_PERSON', idNumber: good, contact: '13905780002' } });
    expect(province.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    // Nothing was written: the identifier still registers.
    expect((await register('李四', CITY, 'NATURAL_PERSON', good)).status).toBe('ACTIVE');
  });
});

describe('restricted-open applications and agreements across nodes [OPN-3, Z §16-17]', () => {
  test('a city user applies for a district dataset; the application lives on the district node; the agency approves into an agreement with the six clauses, filed with the district authority; access checks allow it [Z §16-17, J §19]', async () => {
    const user = await register('王五', CITY);
    const other = await register('赵六', CITY);
    const d = await restrictedDataset('莲都区农业农村', LIANDU);

    const applied = (await f.must(user.actor, APPLY, { id: d.id, input: application })).applyForOpenData;
    expect(regionOf(applied.id)).toBe(LIANDU);
    expect(applied).toMatchObject({ status: 'PENDING', applicantName: '王五', applicantKind: 'NATURAL_PERSON', steps: [{ kind: 'SUBMITTED' }] });
    expect(code(await f.gql(user.actor, APPLY, { id: d.id, input: application }))).toBe('CONFLICT');

    // Seen by the applicant, the agency and the district's overseers; never by another user.
    expect((await f.must(user.actor, APPLICATION, { id: applied.id })).openDataApplication).toMatchObject({
      id: applied.id,
      scenario: application.scenario,
      dataset: { id: d.id },
    });
    expect((await f.must(d.staff, APPLICATION, { id: applied.id })).openDataApplication?.id).toBe(applied.id);
    expect((await f.must(authority(LIANDU), APPLICATION, { id: applied.id })).openDataApplication?.id).toBe(applied.id);
    expect((await f.must(authority(CITY), APPLICATION, { id: applied.id })).openDataApplication?.id).toBe(applied.id);
    expect((await f.must(other.actor, APPLICATION, { id: applied.id })).openDataApplication).toBeNull();
    expect((await f.must(other.actor, `{ openDataApplications(first: 100) { totalCount } }`)).openDataApplications.totalCount).toBe(0);
    const mine = (await f.must(user.actor, `{ openDataApplications(first: 100, status: PENDING) { edges { node { id } } } }`)).openDataApplications.edges.map(
      (e: any) => e.node.id,
    );
    expect(mine).toEqual([applied.id]);

    // Only the opening agency decides; the authority receives the filing.
    expect(code(await f.gql(authority(LIANDU), APPROVE, { id: applied.id, months: 12 }))).toBe('FORBIDDEN');
    expect(code(await f.gql(user.actor, APPROVE, { id: applied.id, months: 12 }))).toBe('FORBIDDEN');
    const bad = await f.gql(d.staff, APPROVE, { id: applied.id, months: 48 });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termMonths' });
    const approved = (await f.must(d.staff, APPROVE, { id: applied.id, months: 12 })).approveOpenDataApplication;
    const agreement = approved.agreement;
    expect(approved.status).toBe('APPROVED');
    expect(agreement).toMatchObject({ status: 'ACTIVE', termMonths: 12, holderAccount: user.id, filingAcknowledgedAt: null });
    expect(regionOf(agreement.id)).toBe(LIANDU);
    expect(agreement.clauses.map((c: any) => c.kind)).toEqual(['USE_FEEDBACK', 'NO_USE_BEYOND_SCOPE', 'NO_REDISTRIBUTION', 'CITE_SOURCE', 'SECURITY_DUTIES', 'ACCEPT_INSPECTION']);
    expect(typeof agreement.filedWithAuthorityAt).toBe('string');
    expect(code(await f.gql(d.staff, REJECT, { id: applied.id, reason: '能力不足' }))).toBe('CONFLICT');

    // Filed with the authority of the dataset's region, which lists and acknowledges it; the city only supervises.
    const ACK = `mutation($id: ID!) { acknowledgeOpenDataAgreementFiling(id: $id) { id filingAcknowledgedAt } }`;
    const pendingFilings = (await f.must(authority(LIANDU), `{ openDataAgreements(first: 100, filingAcknowledged: false) { edges { node { id } } } }`)).openDataAgreements.edges;
    expect(pendingFilings.map((e: any) => e.node.id)).toContain(agreement.id);
    expect(code(await f.gql(authority(CITY), ACK, { id: agreement.id }))).toBe('FORBIDDEN');
    expect(code(await f.gql(d.staff, ACK, { id: agreement.id }))).toBe('FORBIDDEN');
    expect(code(await f.gql(other.actor, ACK, { id: agreement.id }))).toBe('NOT_FOUND');
    expect((await f.must(authority(LIANDU), ACK, { id: agreement.id })).acknowledgeOpenDataAgreementFiling.filingAcknowledgedAt).not.toBeNull();
    expect(code(await f.gql(authority(LIANDU), ACK, { id: agreement.id }))).toBe('CONFLICT');
    expect((await f.must(user.actor, `query($id: ID!) { openDataAgreement(id: $id) { id } }`, { id: agreement.id })).openDataAgreement?.id).toBe(agreement.id);
    expect((await f.must(other.actor, `query($id: ID!) { openDataAgreement(id: $id) { id } }`, { id: agreement.id })).openDataAgreement).toBeNull();

    // The data plane's check: the holder is allowed under its agreement; another user is not [Z §17].
    const checks = [
      { datasetId: d.id, method: 'API', userAccount: user.id },
      { datasetId: d.id, method: 'DOWNLOAD', userAccount: user.id },
    ];
    const answered = (await f.must(user.actor, CHECKS, { c: checks })).openAccessChecks;
    expect(answered).toEqual([
      { datasetId: d.id, method: 'API', allowed: true, decision: 'ALLOWED', agreementId: agreement.id },
      { datasetId: d.id, method: 'DOWNLOAD', allowed: false, decision: 'DOWNLOAD_OF_RESTRICTED', agreementId: null },
    ]);
    const others = (await f.must(other.actor, CHECKS, { c: [{ datasetId: d.id, method: 'API', userAccount: other.id }] })).openAccessChecks;
    expect(others).toEqual([{ datasetId: d.id, method: 'API', allowed: false, decision: 'NO_AGREEMENT', agreementId: null }]);
    expect(code(await f.gql(other.actor, CHECKS, { c: [{ datasetId: d.id, method: 'API', userAccount: user.id }] }))).toBe('FORBIDDEN');

    // Who holds restricted data is public: anonymous, merged across nodes, a person by surname only [Z §16].
    const holders = (await f.must(null, HOLDERS, { first: 100 })).restrictedOpenDataHolders;
    const held = holders.edges.find((e: any) => e.node.id === agreement.id)?.node;
    expect(held).toEqual({
      id: agreement.id,
      holderName: '王*',
      holderKind: 'NATURAL_PERSON',
      termStart: agreement.termStart,
      termEnd: agreement.termEnd,
      dataset: { id: d.id, title: expect.any(String) },
    });
    expect(JSON.stringify(holders)).not.toContain(user.id);
    expect(JSON.stringify(holders)).not.toContain(user.identifierMasked);
    expect(JSON.stringify(holders)).not.toContain('王五');
  });

  test('a refusal needs a reason that is not a discriminatory condition; the applicant sees it, and may withdraw a pending application [Z §16]', async () => {
    const user = await register('丽水某某环保协会', CITY, 'OTHER_ORGANIZATION');
    const d = await restrictedDataset('丽水市生态环境', CITY);
    const first = (await f.must(user.actor, APPLY, { id: d.id, input: { ...application, creditLevel: 'C' } })).applyForOpenData;
    const discriminatory = await f.gql(d.staff, REJECT, { id: first.id, reason: '申请人为外地组织，不予开放' });
    expect(discriminatory.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(discriminatory.errors![0]!.message).toContain('[Z §16]');
    expect(code(await f.gql(d.staff, REJECT, { id: first.id, reason: '  ' }))).toBe('BAD_USER_INPUT');
    expect((await f.must(user.actor, APPLICATION, { id: first.id })).openDataApplication.status).toBe('PENDING');
    const reason = '数据安全保护能力说明不足：未说明访问控制措施';
    const rejected = (await f.must(d.staff, REJECT, { id: first.id, reason })).rejectOpenDataApplication;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: reason });
    expect((await f.must(user.actor, APPLICATION, { id: first.id })).openDataApplication.steps).toEqual([
      { kind: 'SUBMITTED', note: null },
      { kind: 'REJECTED', note: reason },
    ]);

    const second = (await f.must(user.actor, APPLY, { id: d.id, input: application })).applyForOpenData;
    expect(code(await f.gql(d.staff, WITHDRAW, { id: second.id }))).toBe('FORBIDDEN');
    expect(code(await f.gql((await register('钱七', CITY)).actor, WITHDRAW, { id: second.id }))).toBe('NOT_FOUND');
    expect((await f.must(user.actor, WITHDRAW, { id: second.id })).withdrawOpenDataApplication).toMatchObject({
      status: 'WITHDRAWN',
      steps: [{ kind: 'SUBMITTED' }, { kind: 'WITHDRAWN' }],
    });
    expect(code(await f.gql(user.actor, WITHDRAW, { id: second.id }))).toBe('CONFLICT');
    const listed = async (status: string) =>
      (
        await f.must(user.actor, `query($s: OpenDataApplicationStatus) { openDataApplications(first: 100, status: $s) { edges { node { id } } } }`, { s: status })
      ).openDataApplications.edges.map((e: any) => e.node.id);
    expect(await listed('REJECTED')).toEqual([first.id]);
    expect(await listed('WITHDRAWN')).toEqual([second.id]);
    expect(await listed('PENDING')).toEqual([]);
  });

  test('only a registered user applies, for RESTRICTED data only, with every capability shown; a refused application writes nothing [Z §14, Z §16, Z §27]', async () => {
    const user = await register('孙八', LIANDU);
    const restricted = await restrictedDataset('莲都区市场监管', LIANDU);
    const unconditional = await restrictedDataset('莲都区气象', LIANDU, 'UNCONDITIONAL');
    const free = await f.gql(user.actor, APPLY, { id: unconditional.id, input: application });
    expect(free.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(free.errors![0]!.message).toContain('no application');
    expect(code(await f.gql(null, APPLY, { id: restricted.id, input: application }))).toBe('UNAUTHENTICATED');
    expect(code(await f.gql(restricted.staff, APPLY, { id: restricted.id, input: application }))).toBe('FORBIDDEN');
    const blank = await f.gql(user.actor, APPLY, { id: restricted.id, input: { ...application, securityCapability: ' ' } });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.securityCapability' });
    // A token naming an account nobody registered: the gateway refuses it before any node acts (gateway/standing.ts).
    const ghost = userActor(`${LIANDU}:01J00000000000000000000000`);
    const refused = await f.gql(ghost, APPLY, { id: restricted.id, input: application });
    expect({ status: refused.status, code: code(refused) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(
      (await f.must(authority(LIANDU), `{ openDataApplications(first: 100) { edges { node { dataset { id } } } } }`)).openDataApplications.edges.map(
        (e: any) => e.node.dataset?.id,
      ),
    ).not.toContain(restricted.id);
  });
});
