import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../../schema/auth.js';
import { agency, authority, nodeConfig, startTestNode } from '../../test/support/node.js';
import { publishResource, registerOrganization, resourceInput } from '../../test/support/catalog-fixtures.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
let org: string;
let open: string;
let closed: string;
let draft: string;

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Region { code name }
  ... on Organization { id name }
  ... on DataResource { id name }
} }`;

beforeAll(async () => {
  t = await startTestNode('entities', nodeConfig('lishui', ['331100', '331121']));
  org = await registerOrganization(t.call, '331100', '丽水市自然资源和规划局');
  open = await publishResource(t.call, org, '331100', { name: '地名地址信息' });
  closed = await publishResource(t.call, org, '331100', { name: '不动产登记信息', openAttribute: 'PROHIBITED' });
  const d = await t.call('catalog', agency(org, '331100'), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
    input: resourceInput(org, '331100', { name: '草稿条目' }),
  });
  draft = d.data!.createDataResource.id;
});
afterAll(async () => t?.stop());

describe("_entities contract for the catalog's keys", () => {
  test('one result per representation, in order; null for unknown and malformed keys', async () => {
    const r = await t.call('catalog', authority('331100'), ENTITIES, {
      r: [
        { __typename: 'DataResource', id: open },
        { __typename: 'Region', code: '331121' },
        { __typename: 'Organization', id: org },
        { __typename: 'DataResource', id: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV' },
        { __typename: 'Region', code: '999999' },
        { __typename: 'Organization', id: 'nonsense' },
        { __typename: 'Region', code: '330000' },
      ],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([
      { id: open, name: '地名地址信息' },
      { code: '331121', name: '青田县' },
      { id: org, name: '丽水市自然资源和规划局' },
      null,
      null,
      null,
      { code: '330000', name: '浙江省' },
    ]);
  });

  test("authorization holds inside _entities: the public gets null for closed and draft entries, agencies for others' drafts", async () => {
    const reps = [open, closed, draft].map((id) => ({ __typename: 'DataResource', id }));
    const pub = await t.call('catalog', ANONYMOUS, ENTITIES, { r: reps });
    expect(pub.data!._entities).toEqual([{ id: open, name: '地名地址信息' }, null, null]);
    const other = await registerOrganization(t.call, '331100', '丽水市民政局');
    const otherStaff = await t.call('catalog', agency(other, '331100'), ENTITIES, { r: reps });
    expect(otherStaff.data!._entities.map((e: any) => e?.id ?? null)).toEqual([open, closed, null]);
    const ownStaff = await t.call('catalog', agency(org, '331100'), ENTITIES, { r: reps });
    expect(ownStaff.data!._entities.map((e: any) => e?.id ?? null)).toEqual([open, closed, draft]);
  });
});
