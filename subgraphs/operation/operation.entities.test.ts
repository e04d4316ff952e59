import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import type { SubgraphName } from '../../schema/topology.js';
import { registerOrganization } from '../../test/support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { addDays, todayInChina } from '../kit/rules/calendar.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const AUTH = authority('331100');
const UNKNOWN = '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV';
let operatorQueries = 0;

const CREATE = `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`;
let n = 0;
async function license(orgId: string, over: Record<string, unknown> = {}): Promise<string> {
  const today = todayInChina();
  const r = await t.call('operation', AUTH, CREATE, {
    input: { organizationId: orgId, agreementNo: `ENT-${Date.now().toString(36)}-${++n}`, agreementSignedAt: today, termStart: today, scope: '交通领域数据开发', ...over },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.createOperator.id;
}
const change = (name: string, id: string, reason = '违规使用公共数据') =>
  name === 'suspendOperator'
    ? t.call(
        'operation',
        AUTH,
        `mutation($id: ID!, $reason: String!, $by: LocalDate!) { suspendOperator(id: $id, input: { violations: [MISUSE_OF_DATA], rectification: $reason, rectifyBy: $by }) { id } }`,
        { id, reason, by: addDays(todayInChina(), 15) },
      )
    : t.call('operation', AUTH, `mutation($id: ID!, $reason: String!) { ${name}(id: $id, reason: $reason) { id } }`, { id, reason });

beforeAll(async () => {
  t = await startTestNode('operation_entities', nodeConfig('lishui', ['331100', '331121']), (subgraph: SubgraphName, sql: string) => {
    if (subgraph === 'operation' && /from "operation"\."operator"/.test(sql)) operatorQueries += 1;
  });
});
afterAll(async () => t?.stop());

describe('_entities contract', () => {
  test('Operator: one result per representation, in order; null for unknown, malformed and (for the public) not-in-force ones', async () => {
    const active = await license(await registerOrganization(t.call, '331100', '丽水数字产业集团', 'ENTERPRISE'));
    const suspended = await license(await registerOrganization(t.call, '331100', '丽水文旅数据公司', 'ENTERPRISE'));
    expect((await change('suspendOperator', suspended)).errors).toBeUndefined();
    const pending = await license(await registerOrganization(t.call, '331100', '丽水交通数据公司', 'ENTERPRISE'), { termStart: addDays(todayInChina(), 20) });
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { id status agreementNo organization { id } } } }`;
    const reps = [active, UNKNOWN, suspended, 'garbage', pending, active].map((id) => ({ __typename: 'Operator', id }));

    const asAnon = await t.call('operation', ANONYMOUS, Q, { r: reps });
    expect(asAnon.errors).toBeUndefined();
    expect(asAnon.data!._entities.map((e: any) => e?.id ?? null)).toEqual([active, null, null, null, null, active]);
    expect(asAnon.data!._entities[0].status).toBe('ACTIVE');

    const dept = await registerOrganization(t.call, '331100', '丽水市交通运输局', 'AGENCY');
    const asAgency = await t.call('operation', agency(dept, '331100'), Q, { r: reps });
    expect(asAgency.data!._entities.map((e: any) => e?.status ?? null)).toEqual(['ACTIVE', null, 'SUSPENDED', null, 'PENDING', 'ACTIVE']);
  });

  test('Organization.operator: the current authorization per organization, batched into one query', async () => {
    const withActive = await registerOrganization(t.call, '331100', '丽水大数据运营公司', 'ENTERPRISE');
    const old = await license(withActive, { agreementSignedAt: '2019-01-01', termStart: '2019-01-01', termYears: 3 });
    const revoked = await license(withActive, { agreementSignedAt: '2022-01-01', termStart: '2022-01-01', termYears: 10 });
    expect((await change('revokeOperator', revoked)).errors).toBeUndefined();
    const current = await license(withActive);
    const renewal = await license(withActive, { termStart: addDays(todayInChina(), 3 * 366 + 1) });
    const withSuspended = await registerOrganization(t.call, '331100', '丽水水务集团', 'PUBLIC_SERVICE');
    const suspended = await license(withSuspended);
    expect((await change('suspendOperator', suspended)).errors).toBeUndefined();
    const onlyRevoked = await registerOrganization(t.call, '331100', '丽水能源数据公司', 'ENTERPRISE');
    const lastRevoked = await license(onlyRevoked);
    expect((await change('revokeOperator', lastRevoked)).errors).toBeUndefined();
    const none = await registerOrganization(t.call, '331100', '丽水市民政局', 'AGENCY');
    expect([old, renewal]).toHaveLength(2);

    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id operator { id status } } } }`;
    const ids = [withActive, withSuspended, onlyRevoked, none, UNKNOWN];
    const reps = ids.map((id) => ({ __typename: 'Organization', id }));

    operatorQueries = 0;
    const asAuthority = await t.call('operation', AUTH, Q, { r: reps });
    expect(asAuthority.errors).toBeUndefined();
    expect(operatorQueries).toBe(1);
    expect(asAuthority.data!._entities.map((e: any) => e.id)).toEqual(ids);
    expect(asAuthority.data!._entities.map((e: any) => e.operator?.id ?? null)).toEqual([current, suspended, lastRevoked, null, null]);
    expect(asAuthority.data!._entities[2].operator.status).toBe('REVOKED');

    const asAnon = await t.call('operation', ANONYMOUS, Q, { r: reps });
    expect(asAnon.data!._entities.map((e: any) => e.operator?.id ?? null)).toEqual([current, null, null, null, null]);
  });
});
