import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { newId } from '../schema/ids.js';
import { addDays, todayInChina } from '../subgraphs/kit/rules/calendar.js';
import { auditor } from './support/access.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { startTestFederation } from './support/federation.js';
import { agency, authority } from './support/node.js';

/**
 * What a front-end relies on, through the gateway: who the caller is (`viewer`), one answer for the
 * public on lists that need a caller, dates as `LocalDate`, one share-mode enum, enums for region
 * levels and revision states, JSON values as JSON.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const QINGTIAN = '331121';
const LIANDU = '331102';
const LONGQUAN = '331181';
const NOWHERE_ID = '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV';

beforeAll(async () => {
  f = await startTestFederation('api_conv');
}, 300_000);
afterAll(async () => f?.federation.stop());

const VIEWER = `{ viewer { signedIn subject roles organization { id name } region { code level } regions { code } actingRegions { code } } }`;
const codes = (regions: { code: string }[]) => regions.map((r) => r.code).sort();

describe('viewer: who the caller is, answered by its own platform [SEC-1, J §9, B §17, L §9]', () => {
  test('the public is a viewer that is not signed in, with no roles, organization or regions', async () => {
    const r = await f.gql(null, VIEWER);
    expect(r.errors).toBeUndefined();
    expect(r.data!.viewer).toEqual({ signedIn: false, subject: null, roles: [], organization: null, region: null, regions: [], actingRegions: [] });
  });

  test("the city authority oversees the city and every county below it, and acts on those its own platform hosts; a district's authority on its own", async () => {
    const city = (await f.gql(authority(CITY), VIEWER)).data!.viewer;
    expect(city).toMatchObject({ signedIn: true, subject: `authority-${CITY}`, roles: ['AUTHORITY'], organization: null, region: { code: CITY, level: 'CITY' } });
    expect(codes(city.regions)).toEqual(expect.arrayContaining([CITY, QINGTIAN, LIANDU, LONGQUAN]));
    // 莲都区 and 龙泉市 run platforms of their own: there the city supervises, it does not act [J §9, B §17].
    expect(codes(city.actingRegions)).toContain(QINGTIAN);
    expect(codes(city.actingRegions)).toContain(CITY);
    expect(codes(city.actingRegions)).not.toContain(LIANDU);
    expect(codes(city.actingRegions)).not.toContain(LONGQUAN);

    const district = (await f.gql(authority(LIANDU), VIEWER)).data!.viewer;
    expect(district).toMatchObject({ region: { code: LIANDU, level: 'COUNTY' }, regions: [{ code: LIANDU }], actingRegions: [{ code: LIANDU }] });
    const audit = (await f.gql(auditor(CITY), VIEWER)).data!.viewer;
    expect(codes(audit.regions)).toEqual(codes(city.regions));
    expect(audit.actingRegions).toEqual([]);
  });

  test('agency staff see their organization, which lives on their platform, and oversee no region [SEC-1]', async () => {
    const org = await registerOrganization(f.call, LIANDU, '丽水市莲都区统计局');
    const r = await f.gql(agency(org, LIANDU), VIEWER);
    expect(r.errors).toBeUndefined();
    expect(r.data!.viewer).toMatchObject({ roles: ['AGENCY'], organization: { id: org, name: '丽水市莲都区统计局' }, region: { code: LIANDU }, regions: [], actingRegions: [] });
  });

  test("asked together with a list every platform answers, the viewer is still its own platform's answer", async () => {
    const r = await f.gql(authority(LIANDU), `{ viewer { actingRegions { code } } dataResources(first: 1) { totalCount } }`);
    expect(r.errors).toBeUndefined();
    // The city's platform would answer no acting region for 莲都区's authority.
    expect(r.data!.viewer.actingRegions).toEqual([{ code: LIANDU }]);
  });
});

/** Lists the public may read [CAT-8, OPN-1, OPN-3, Z §10, Z §16, B §31]; every other list needs a caller. */
const PUBLIC_LISTS = [
  'dataResources',
  'organizations',
  'regions',
  'openDatasets',
  'operators',
  'restrictedOpenDataHolders',
  'dataProducts',
  'guidedPriceRanges',
  'openDatasetRecords',
];
/** Public lists of one object's contents: asked for an ID no platform knows, they answer NOT_FOUND, never UNAUTHENTICATED. */
const PUBLIC_LISTS_OF_ONE = ['openDatasetRecords'];

interface IntrospectedField {
  name: string;
  args: { name: string; defaultValue: string | null; type: { kind: string } }[];
  type: { kind: string; name: string | null; ofType: { kind: string; name: string | null } | null };
}

describe('one rule for the public: a list that needs a caller answers UNAUTHENTICATED, never an empty page [SEC-1, D §5, J §28]', () => {
  test('every root list of the graph, the audit log included, either is public or tells the public to sign in', async () => {
    const fields = (await f.gql(null, `{ __schema { queryType { fields { name args { name defaultValue type { kind } } type { kind name ofType { kind name } } } } } }`)).data!
      .__schema.queryType.fields as IntrospectedField[];
    const inner = (t: IntrospectedField['type']) => (t.kind === 'NON_NULL' ? t.ofType! : t);
    const lists = fields.filter((x) => inner(x.type).kind === 'LIST' || inner(x.type).name?.endsWith('Connection'));
    expect(lists.map((x) => x.name)).toEqual(expect.arrayContaining([...PUBLIC_LISTS, 'shareRequests', 'dataObjections', 'auditEvents']));
    const args: Record<string, string> = {
      regionCode: '"331100"',
      checks: '[]',
      year: '2026',
      id: `"${newId('331100')}"`,
      organizationId: `"${newId('331100')}"`,
      scenario: '"x"',
    };
    for (const list of lists) {
      const required = list.args.filter((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null).map((a) => `${a.name}: ${args[a.name]}`);
      const query = `{ ${list.name}${required.length ? `(${required.join(', ')})` : ''} { __typename } }`;
      const r = await f.gql(null, query);
      if (PUBLIC_LISTS_OF_ONE.includes(list.name)) {
        expect({ list: list.name, codes: r.errors?.map((e) => e.extensions?.code) }).toEqual({ list: list.name, codes: ['NOT_FOUND'] });
      } else if (PUBLIC_LISTS.includes(list.name)) {
        expect({ list: list.name, errors: r.errors }).toEqual({ list: list.name, errors: undefined });
      } else {
        // Once, however many platforms the list fanned out to.
        expect({ list: list.name, codes: r.errors?.map((e) => e.extensions?.code), data: r.data?.[list.name] ?? null }).toEqual({
          list: list.name,
          codes: ['UNAUTHENTICATED'],
          data: null,
        });
      }
    }
  });

  test('a signed-in caller who may see none of a list gets an empty page, not an error', async () => {
    const org = await registerOrganization(f.call, CITY, '丽水市气象局');
    const r = await f.gql(agency(org, CITY), `{ shareCoordinationQueue { totalCount } dataObjections { totalCount } shareSanctions { totalCount } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ shareCoordinationQueue: { totalCount: 0 }, dataObjections: { totalCount: 0 }, shareSanctions: { totalCount: 0 } });
  });
});

describe('dates are LocalDate (YYYY-MM-DD); a malformed one is bad input naming the field [SEC-6, B §28, D §10]', () => {
  const LICENSE = `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { agreementSignedAt termStart termEnd } }`;
  const license = (over: Record<string, unknown>, organizationId = NOWHERE_ID) => ({
    input: {
      organizationId,
      agreementNo: `LS-${Math.random().toString(36).slice(2, 10)}`,
      agreementSignedAt: todayInChina(),
      termStart: todayInChina(),
      scope: '文旅数据开发利用',
      ...over,
    },
  });

  test('in variables: a wrong form, an impossible day and a number are each refused with the field and the format', async () => {
    for (const [termStart, shown] of [
      ['2024/03/01', '"2024/03/01"'],
      ['2025-02-30', '"2025-02-30"'],
      [20250301, '20250301'],
    ] as const) {
      const r = await f.gql(authority(CITY), LICENSE, license({ termStart }));
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termStart' });
      expect(r.errors![0].message).toContain(`input.termStart 的值 ${shown}`);
      expect(r.errors![0].message).toMatch(/YYYY-MM-DD.* \/ .*YYYY-MM-DD/);
    }
  });

  test('written into the query, and as an argument rather than an input field, the same', async () => {
    const r = await f.gql(
      authority(CITY),
      `mutation { suspendShareGrant(id: "${NOWHERE_ID}", reason: "违规使用", rectificationDemand: "整改", rectificationDeadline: "2025-13-01") { id } }`,
    );
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rectificationDeadline' });
  });

  test("a valid date is kept as written and answered as YYYY-MM-DD; 'after today' is still the rule's own check [B §28]", async () => {
    const operator = await registerOrganization(f.call, CITY, '丽水市文旅数据运营有限公司', 'ENTERPRISE');
    const signed = addDays(todayInChina(), -10);
    const r = await f.gql(authority(CITY), LICENSE, license({ agreementSignedAt: signed }, operator));
    expect(r.errors).toBeUndefined();
    expect(r.data!.createOperator).toMatchObject({ agreementSignedAt: signed, termStart: todayInChina() });
    expect(r.data!.createOperator.termEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const provider = await registerOrganization(f.call, CITY, '丽水市市场监督管理局（日期）');
    const requester = await registerOrganization(f.call, CITY, '丽水市税务局（日期）');
    const resourceId = await publishResource(f.call, provider, CITY);
    const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { shareMode endDate } }`;
    const ask = (endDate: string) => ({
      input: { resourceId, requesterId: requester, scenario: '纳税信用核验', purpose: '核验登记状态', legalDuty: '税收征管职责', itemNames: ['企业名称'], endDate },
    });
    const past = await f.gql(agency(requester, CITY), REQUEST, ask(todayInChina()));
    expect(past.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
    const end = addDays(todayInChina(), 90);
    const ok = await f.gql(agency(requester, CITY), REQUEST, ask(end));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.requestShare).toEqual({ shareMode: 'API', endDate: end });
  });
});

describe('types a client can generate code from', () => {
  const TYPE = `query($name: String!) { __type(name: $name) { kind enumValues { name } fields { name type { kind name ofType { kind name ofType { name } } } } inputFields { name type { kind name ofType { name } } } } }`;
  const typeOf = async (name: string) => (await f.gql(null, TYPE, { name })).data!.__type;
  const fieldType = (t: any, field: string) => {
    const x = [...(t.fields ?? []), ...(t.inputFields ?? [])].find((y: any) => y.name === field)!.type;
    return x.kind === 'NON_NULL' ? x.ofType.name : x.name;
  };

  test('one ShareMode for the mode an entry offers and the mode a request asks for [SHR-6, L §17]', async () => {
    expect(await typeOf('ShareDeliveryMode')).toBeNull();
    expect((await typeOf('ShareMode')).enumValues.map((v: any) => v.name)).toEqual(['API', 'BULK_COPY', 'OFFLINE']);
    expect(fieldType(await typeOf('DataResource'), 'shareMode')).toBe('ShareMode');
    expect(fieldType(await typeOf('ShareRequest'), 'shareMode')).toBe('ShareMode');
    expect(fieldType(await typeOf('RequestShareInput'), 'shareMode')).toBe('ShareMode');
  });

  test('every field described as YYYY-MM-DD is a LocalDate', async () => {
    const all = (
      await f.gql(
        null,
        `{ __schema { types { name fields { name description type { name ofType { name } } args { name description type { name ofType { name } } } } inputFields { name description type { name ofType { name } } } } } }`,
      )
    ).data!.__schema.types as any[];
    const described = all.flatMap((t) =>
      [...(t.fields ?? []), ...(t.fields ?? []).flatMap((x: any) => x.args), ...(t.inputFields ?? [])]
        .filter((x: any) => /YYYY-MM-DD/.test(x.description ?? ''))
        .map((x: any) => ({ where: `${t.name}.${x.name}`, type: x.type.name ?? x.type.ofType?.name })),
    );
    expect(described.length).toBeGreaterThan(15);
    expect(described.filter((d) => d.type !== 'LocalDate')).toEqual([]);
  });

  test("a region's level and a revision's status are enums; a version's content and a change's values are JSON [CAT-5, B §18]", async () => {
    expect((await typeOf('RegionLevel')).enumValues.map((v: any) => v.name)).toEqual(['PROVINCE', 'CITY', 'COUNTY']);
    expect(fieldType(await typeOf('Region'), 'level')).toBe('RegionLevel');
    expect((await typeOf('CatalogRevisionStatus')).enumValues.map((v: any) => v.name)).toEqual(['DRAFT', 'SUBMITTED', 'RETURNED']);
    expect(fieldType(await typeOf('DataResourceRevision'), 'status')).toBe('CatalogRevisionStatus');

    const org = await registerOrganization(f.call, QINGTIAN, '青田县文化和广电旅游体育局');
    const id = await publishResource(f.call, org, QINGTIAN, { relatedCodes: ['QT-1'] });
    const staff = agency(org, QINGTIAN);
    const changed = await f.gql(
      staff,
      `mutation($id: ID!) { updateDataResource(id: $id, input: { relatedCodes: ["QT-1", "QT-2"], name: "青田县景区信息" }) { pendingRevision { status changes { field before after } } } }`,
      {
        id,
      },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateDataResource.pendingRevision).toEqual({
      status: 'DRAFT',
      changes: expect.arrayContaining([
        { field: 'name', before: '企业登记信息', after: '青田县景区信息' },
        { field: 'relatedCodes', before: ['QT-1'], after: ['QT-1', 'QT-2'] },
      ]),
    });
    const h = await f.gql(staff, `query($id: ID!) { dataResource(id: $id) { region { level } history { content } } }`, { id });
    expect(h.data!.dataResource.region.level).toBe('COUNTY');
    const created = h.data!.dataResource.history.at(-1).content;
    expect(created.fields).toMatchObject({ name: '企业登记信息', relatedCodes: ['QT-1'], desensitized: true });
    expect(created.items.map((i: any) => i.name)).toEqual(['统一社会信用代码', '企业名称', '登记状态']);
  });
});
