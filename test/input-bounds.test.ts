import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANONYMOUS } from '../schema/auth.js';
import { SUBGRAPH_NAMES } from '../schema/topology.js';
import { publishResource, registerOrganization, resourceInput, uniqueCreditCode } from './support/catalog-fixtures.js';
import { agency, authority, nodeConfig, startTestNode } from './support/node.js';
import type { GqlResult } from './support/subgraph-client.js';
import { MODULES } from '../runtime/modules.js';
import { Arg, Ctx, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import { Bound, DEFAULT_MAX, inputBoundsPlan } from '../subgraphs/kit/server/input-bounds.js';
import { buildTypeSchema } from '../subgraphs/kit/server/federation.js';
import { moduleInputBounds } from '../subgraphs/kit/server/subgraph.js';

/**
 * Lists allowed past 500 entries, each with its reason. The batched load of records takes 1,000 a
 * call: small objects, each checked against the entry's items, the whole request still within the
 * gateway's 1 MiB body; larger files go by upload [issue 19 item 1].
 */
const LARGER_LISTS: Record<string, number> = { 'LoadEntryRecordsInput.records': 1000 };

describe('every input of every subgraph is bounded', () => {
  test('code-like inputs (IDs, codes, numbers, dates, cursors, receipt tokens) are validated as codes, everything else as text', async () => {
    const codeLike = /(^id$|Id$|Ids$|^code$|Code$|Codes$|No$|Number$|Date$|On$|At$|Start$|^after$|Token$)/;
    for (const name of SUBGRAPH_NAMES) {
      const inputs = await moduleInputBounds(MODULES[name]);
      const strings = inputs.filter((i) => /\b(String|ID)\b/.test(i.type));
      expect(strings.length).toBeGreaterThan(0);
      for (const i of strings) {
        const field = i.coordinate
          .replace(/\(|:\)/g, '.')
          .replace(/\.$/, '')
          .split('.')
          .pop()!;
        expect({ coordinate: i.coordinate, code: i.kind === 'code' }).toEqual({ coordinate: i.coordinate, code: codeLike.test(field) });
        expect(i.max).toBeLessThanOrEqual(DEFAULT_MAX.text);
      }
      for (const list of inputs.filter((i) => i.type.startsWith('[')))
        expect({ list: list.coordinate, fits: list.maxItems <= (LARGER_LISTS[list.coordinate] ?? 500) }).toEqual({ list: list.coordinate, fits: true });
    }
  });

  test('a bound on no input of the schema, or on one it cannot apply to, is a start-up error, not a silently missing rule', async () => {
    // Declared here, so that only these schemas see them.
    @InputType()
    class NotAField {
      @Field(() => String) name!: string;
      @Bound({ kind: 'text' }) nmae?: string;
    }
    @Resolver()
    class NotAFieldResolver {
      @Query(() => String) notAField(@Arg('input', () => NotAField) input: NotAField): string {
        return input.name;
      }
    }
    @InputType()
    class Misfit {
      @Field(() => Int) @Bound({ maxItems: 5 }) count!: number;
    }
    @Resolver()
    class MisfitResolver {
      @Query(() => String) misfit(@Arg('input', () => Misfit) input: Misfit): string {
        return String(input.count);
      }
    }
    @Resolver()
    class NotAnArgResolver {
      @Query(() => String) notAnArg(@Ctx() @Bound({ kind: 'text' }) ctx: unknown): string {
        return String(ctx);
      }
    }
    const plan = async (resolver: new () => object) => {
      const schema = await buildTypeSchema({ resolvers: [resolver] });
      return () => inputBoundsPlan(schema, [resolver]);
    };
    expect(await plan(NotAFieldResolver)).toThrow(/NotAField\.nmae/);
    expect(await plan(MisfitResolver)).toThrow(/Misfit\.count/);
    expect(await plan(NotAnArgResolver)).toThrow(/NotAnArgResolver\.notAnArg/);
  });
});

let t: Awaited<ReturnType<typeof startTestNode>>;
let provider: string;
const REGION = '331100';

beforeAll(async () => {
  t = await startTestNode('bounds', nodeConfig('lishui', [REGION, '331121']));
  provider = await registerOrganization(t.call, REGION, '丽水市市场监督管理局');
}, 300_000);
afterAll(async () => t?.stop());

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id name } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;

function refusal(r: GqlResult) {
  expect(r.errors).toHaveLength(1);
  const { code, field } = r.errors![0]!.extensions ?? {};
  return { code, field, message: r.errors![0]!.message };
}

const createEntry = (over: Record<string, unknown>) => t.call('catalog', agency(provider, REGION), CREATE, { input: resourceInput(provider, REGION, over) });

describe('lengths, counted in characters', () => {
  test('a name of 200 Chinese characters is accepted, one of 201 is refused naming input.name', async () => {
    const ok = await createEntry({ name: '数'.repeat(200) });
    expect(ok.errors).toBeUndefined();
    // 200 characters outside the BMP are 400 UTF-16 units, and still 200 characters.
    expect((await createEntry({ name: '𠀀'.repeat(200) })).errors).toBeUndefined();
    const r = refusal(await createEntry({ name: '数'.repeat(201) }));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(r.message).toContain('at most 200 characters');
  });

  test('a field deep in a list is named by its path; lists have a maximum length', async () => {
    const items = [0, 1, 2, 3].map((i) => ({ name: i === 3 ? 'x'.repeat(201) : `项${i}`, dataType: 'STRING' }));
    expect(refusal(await createEntry({ items }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items.3.name' });
    const related = Array.from({ length: 101 }, (_, i) => `331100/${i}`);
    const r = refusal(await createEntry({ relatedCodes: related }));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.relatedCodes' });
    expect(r.message).toContain('at most 100 entries, got 101');
  });

  test('free text takes 2000 characters, not more', async () => {
    expect((await createEntry({ summary: '摘'.repeat(2000) })).errors).toBeUndefined();
    expect(refusal(await createEntry({ summary: '摘'.repeat(2001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
  });

  test('keyword search keeps its bound of 50 characters', async () => {
    const r = await t.call('catalog', ANONYMOUS, `query($f: DataResourceFilter) { dataResources(filter: $f) { totalCount } }`, { f: { keyword: '词'.repeat(51) } });
    expect(refusal(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.keyword' });
  });
});

describe('characters that are refused instead of failing inside the database', () => {
  test('a NUL byte or another control character in a name', async () => {
    expect(refusal(await createEntry({ name: '企业\u0000登记' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(refusal(await createEntry({ name: '企业\u001b[31m登记' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const r = refusal(await createEntry({ items: [{ name: '姓\u0000名', dataType: 'STRING' }] }));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items.0.name' });
    expect(r.message).toContain('character 2 is U+0000');
  });

  test('a name is one line; free text may hold line breaks and tabs but no other control character', async () => {
    expect(refusal(await createEntry({ name: '企业\n登记' }))).toMatchObject({ field: 'input.name' });
    expect(refusal(await createEntry({ name: '企业\u202e登记' }))).toMatchObject({ field: 'input.name' });
    expect((await createEntry({ summary: '第一行\r\n第二行\t说明' })).errors).toBeUndefined();
    expect(refusal(await createEntry({ summary: '说明\u0000' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
  });

  test('a lone surrogate (text that is not Unicode) in any field', async () => {
    expect(refusal(await createEntry({ name: '企业\ud800登记' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(refusal(await createEntry({ summary: '\udc00' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
  });

  test('codes and IDs take no white space, bidi, zero-width or other format characters [J §11, B §12]', async () => {
    const code = uniqueCreditCode(REGION);
    for (const bad of [`${code.slice(0, 9)}\u202e${code.slice(9)}`, `${code}\u200b`, ` ${code}`, `${code.slice(0, 9)}\u3000${code.slice(9)}`]) {
      const r = await t.call('catalog', authority(REGION), CREATE_ORG, { input: { regionCode: REGION, name: '某单位', creditCode: bad, kind: 'AGENCY' } });
      expect(refusal(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    }
    const region = await t.call('catalog', authority(REGION), CREATE_ORG, { input: { regionCode: '3311\u200d00', name: '某单位', creditCode: code, kind: 'AGENCY' } });
    expect(refusal(region)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    const id = await t.call('catalog', ANONYMOUS, `query($id: ID!) { dataResource(id: $id) { id } }`, { id: `${provider}\u202e` });
    expect(refusal(id)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const nul = await t.call('catalog', ANONYMOUS, `query($id: ID!) { organization(id: $id) { id } }`, { id: `${provider}\u0000` });
    expect(refusal(nul)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(refusal(await createEntry({ code: '331100/ 01' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  test('a reason of several lines is accepted', async () => {
    const id = await publishResource(t.call, provider, REGION);
    const r = await t.call('catalog', authority(REGION), `mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id status } }`, {
      id,
      reason: '数据已由新条目替代。\n详见新条目。',
    });
    expect(r.errors).toBeUndefined();
  });
});

describe('the same rules in the other subgraphs', () => {
  test('sharing, opening and operation refuse unbounded or malformed input naming the field', async () => {
    const resourceId = await publishResource(t.call, provider, REGION);
    const share = await t.call('sharing', agency(provider, REGION), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }`, {
      input: { resourceId, requesterId: provider, scenario: '场景', purpose: '用途'.repeat(1001), legalDuty: '职责', itemNames: ['企业名称'], endDate: '2099-01-01' },
    });
    expect(refusal(share)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
    const items = await t.call('sharing', agency(provider, REGION), `mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }`, {
      input: {
        resourceId,
        requesterId: provider,
        scenario: '场景',
        purpose: '用途',
        legalDuty: '依法履行市场监管职责',
        itemNames: Array(501).fill('企业名称'),
        endDate: '2099-01-01',
      },
    });
    expect(refusal(items)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemNames' });
    const open = await t.call('opening', authority(REGION), `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, {
      input: { resourceId, title: '标题\u0000', accessMethods: ['DOWNLOAD'] },
    });
    expect(refusal(open)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const methods = await t.call('opening', authority(REGION), `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`, {
      input: { resourceId, accessMethods: Array(101).fill('DOWNLOAD') },
    });
    expect(refusal(methods)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessMethods' });
    const operator = await t.call('operation', authority(REGION), `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
      input: { organizationId: provider, agreementNo: 'LS-2026\u202e-001', agreementSignedAt: '2026-01-01', termStart: '2026-01-01', scope: '范围' },
    });
    expect(refusal(operator)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agreementNo' });
    const revoke = await t.call('operation', authority(REGION), `mutation($id: ID!, $reason: String!) { revokeOperator(id: $id, reason: $reason) { id } }`, {
      id: `${REGION}:01ARZ3NDEKTSV4RRFFQ69G5FAV`,
      reason: '理'.repeat(2001),
    });
    expect(refusal(revoke)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
