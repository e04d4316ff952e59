import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization, resourceInput, uniqueCreditCode } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * Issue 15 items 7, 10 and 11, through a three-node federation: what a client reads when part of
 * an answer cannot be had. A reference that cannot be resolved answers null with an error naming
 * it (never a blank page); an error every node answers is reported once; an audit log that
 * cannot be written answers a classified error, and the node goes on serving what needs none.
 */
let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const LIANDU = '331102';
const LONGQUAN = '331181';
let provider: string;
let requester: string;

beforeAll(async () => {
  f = await startTestFederation('gw_errors');
  provider = await registerOrganization(f.call, CITY, '丽水市市场监督管理局');
  requester = await registerOrganization(f.call, LIANDU, '丽水市莲都区综合行政执法局');
}, 300_000);
afterAll(async () => f?.federation.stop());

/** A pending cross-node request: 莲都区's agency asks for city data; it lives on the city's node. */
async function pendingRequest(): Promise<string> {
  const resourceId = await publishResource(f.call, provider, CITY, { shareAttribute: 'CONDITIONAL', shareCondition: '仅限执法核验', shareReason: '含经营信息' });
  const r = await f.must(agency(requester, LIANDU), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }`, {
    input: {
      resourceId,
      requesterId: requester,
      scenario: `跨区域企业监管${Math.random().toString(36).slice(2, 6)}`,
      purpose: '核验异地企业登记状态',
      legalDuty: '《市场主体登记管理条例》规定的监管职责',
      itemNames: ['企业名称'],
      endDate: addDays(todayInChina(), 180),
    },
  });
  return r.requestShare.id;
}
/** Points a request's reference at an entity that does not exist, as a row written before its entity was lost would. */
async function dangle(requestId: string, column: 'resource_id' | 'requester_id', to: string) {
  const sharing = f.federation.nodes.get('lishui')!.subgraphs.sharing!.orm.em.getConnection();
  await sharing.execute(`update "sharing".share_request set ${column} = ? where id = ?`, [to, requestId]);
}

describe('a reference that cannot be resolved answers null with an error naming it [issue 15 item 10]', () => {
  const PAGE = `{ shareRequests(first: 100) { edges { node { id status resource { id name } requester { id name } } } } }`;

  test('a request whose entry no longer exists: its resource is null, the error gives the path and UNRESOLVED_REFERENCE, the rest of the page stays', async () => {
    const kept = await pendingRequest();
    const lost = await pendingRequest();
    await dangle(lost, 'resource_id', newId(CITY));
    const r = await f.gql(authority(CITY), PAGE);
    const nodes = r.data!.shareRequests.edges.map((e: any) => e.node);
    const at = nodes.findIndex((n: any) => n.id === lost);
    expect(nodes[at]).toMatchObject({ id: lost, status: 'PENDING', resource: null, requester: { id: requester } });
    expect(nodes.find((n: any) => n.id === kept)).toMatchObject({ resource: { name: expect.any(String) }, requester: { name: '丽水市莲都区综合行政执法局' } });
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: ['shareRequests', 'edges', at, 'node', 'resource', 'name'],
        message: expect.stringMatching(/could not be resolved.*DataResource\.name/),
        extensions: { code: 'UNRESOLVED_REFERENCE' },
      }),
    ]);
    expect((r as { extensions?: Record<string, unknown> }).extensions?.valueCompletion).toBeUndefined();
  });

  test('a request whose requester no longer exists: never `data: null` without an error — the error names Organization.name and where', async () => {
    const lost = await pendingRequest();
    await dangle(lost, 'requester_id', newId(LIANDU));
    const r = await f.gql(authority(CITY), PAGE);
    // What survives depends on which fields above it may be null; the client is told either way.
    expect(r.errors).toContainEqual(
      expect.objectContaining({ path: expect.arrayContaining(['shareRequests', 'requester', 'name']), extensions: { code: 'UNRESOLVED_REFERENCE' } }),
    );
    expect(r.errors!.find((e) => e.extensions?.code === 'UNRESOLVED_REFERENCE')!.message).toMatch(/Organization\.name/);
  });
});

describe('an error every node answers is reported once, naming the nodes [issue 15 item 11]', () => {
  test('the public asking for the review queue everywhere gets one UNAUTHENTICATED, not one per node', async () => {
    const r = await f.gql(null, `{ catalogReviewQueue(first: 5) { totalCount } }`);
    const unauthenticated = r.errors!.filter((e) => e.extensions?.code === 'UNAUTHENTICATED');
    expect(unauthenticated).toHaveLength(1);
    expect([...unauthenticated[0].extensions!.nodes].sort()).toEqual(['liandu', 'lishui', 'longquan']);
    expect(r.errors).toHaveLength(1);
  });

  test('an argument every node refuses is one BAD_USER_INPUT naming the field', async () => {
    const r = await f.gql(authority(CITY), `{ dataResources(first: 5, filter: { keyword: "${'数'.repeat(201)}" }) { totalCount } }`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nodes: expect.arrayContaining(['lishui', 'liandu', 'longquan']) });
  });
});

describe('an audit log that cannot be written answers AUDIT_UNAVAILABLE, not an internal error [issue 15 item 7]', () => {
  const catalog = () => f.federation.nodes.get('longquan')!.subgraphs.catalog!.orm.em.getConnection();
  const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
  const orgInput = (name: string) => ({ input: { regionCode: LONGQUAN, name, creditCode: uniqueCreditCode(LONGQUAN), kind: 'AGENCY' } });
  const orgNamed = async (name: string) =>
    (await f.must(authority(LONGQUAN), `{ organizations(first: 100, scope: { regionCode: "${LONGQUAN}" }) { edges { node { name } } } }`)).organizations.edges.some(
      (e: any) => e.node.name === name,
    );

  test('its table missing: a change is refused and not made, a non-public read is refused, public reads go on, the node stays up; back once it is restored', async () => {
    const staffOrg = await registerOrganization(f.call, LONGQUAN, '龙泉市林业局');
    const draft = (
      await f.must(agency(staffOrg, LONGQUAN), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
        input: resourceInput(staffOrg, LONGQUAN),
      })
    ).createDataResource.id as string;
    await catalog().execute('alter table "catalog".audit_event rename to audit_event_moved');
    try {
      const change = await f.gql(authority(LONGQUAN), CREATE_ORG, orgInput('龙泉市档案馆'));
      expect(change.status).toBe(200);
      expect(change.errors).toEqual([expect.objectContaining({ path: ['createOrganization'], extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }) })]);
      expect(change.errors![0].message).toMatch(/audit log .* nothing was done/);

      const read = await f.gql(agency(staffOrg, LONGQUAN), `query($id: ID!) { dataResource(id: $id) { id name } }`, { id: draft });
      expect(read.data).toEqual({ dataResource: null });
      expect(read.errors!.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);

      // Organizations are public registry data: no audit needed, still served.
      expect(await orgNamed('龙泉市林业局')).toBe(true);
      const view = (await (await fetch(`${f.federation.gateway.url}/health`)).json()) as { nodes: { id: string; subgraphs: Record<string, unknown> }[] };
      expect(view.nodes.find((n) => n.id === 'longquan')!.subgraphs.catalog).toEqual({ status: 'up' });

      // An auditor checking the chain learns the log cannot be read there, with the code, not an HTTP 500.
      const chains = (await f.must(auditor(LONGQUAN), `{ auditChainVerification(regionCode: "${LONGQUAN}") { subgraph ok unavailable } }`)).auditChainVerification;
      const chain = chains.find((c: any) => c.subgraph === 'catalog');
      expect(chain.ok).toBe(false);
      expect(chain.unavailable).toMatch(/HTTP 503 .*audit log/);
      expect(chain.unavailable).not.toMatch(/HTTP 500|internal error/i);
    } finally {
      await catalog().execute('alter table "catalog".audit_event_moved rename to audit_event');
    }
    expect(await orgNamed('龙泉市档案馆')).toBe(false);
    expect((await f.must(authority(LONGQUAN), CREATE_ORG, orgInput('龙泉市档案馆'))).createOrganization.name).toBe('龙泉市档案馆');
    expect((await f.must(agency(staffOrg, LONGQUAN), `query($id: ID!) { dataResource(id: $id) { id } }`, { id: draft })).dataResource.id).toBe(draft);
  });

  test('its table altered: a non-public read is refused with AUDIT_UNAVAILABLE', async () => {
    const staffOrg = await registerOrganization(f.call, LONGQUAN, '龙泉市水利局');
    const draft = (
      await f.must(agency(staffOrg, LONGQUAN), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
        input: resourceInput(staffOrg, LONGQUAN),
      })
    ).createDataResource.id as string;
    await catalog().execute('alter table "catalog".audit_event rename column prev_hash to prev_hash_moved');
    try {
      const read = await f.gql(agency(staffOrg, LONGQUAN), `query($id: ID!) { dataResource(id: $id) { id } }`, { id: draft });
      expect(read.errors!.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
    } finally {
      await catalog().execute('alter table "catalog".audit_event rename column prev_hash_moved to prev_hash');
    }
  });
});

describe('subgraphs answer with nosniff too [issue 15 item 7]', () => {
  test('readiness, and a refusal of an unsigned request', async () => {
    const url = f.federation.topology.nodes.find((n) => n.id === 'lishui')!.subgraphs.sharing;
    const ready = await fetch(url.replace(/\/graphql$/, '/ready'));
    expect(ready.headers.get('x-content-type-options')).toBe('nosniff');
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
