import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { publishResource, registerOrganization, resourceInput } from './support/catalog-fixtures.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { agency, isBackgroundStatement } from './support/node.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
let provider: string;
const REGION = '331100';
const tag = `界限${Math.random().toString(36).slice(2, 6)}`;
/** Every statement the city node's catalog sent its database for a request, in order. */
const catalogStatements: string[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  f = await startTestFederation('bounds', undefined, {
    onQuery: (node, subgraph, sql) => {
      if (node === 'lishui' && subgraph === 'catalog' && !isBackgroundStatement(sql)) catalogStatements.push(sql);
    },
    // Nothing else reaches the catalog's database while a test watches it: consumers act on
    // nudges only, and the gateway anchors the audit chains at start-up only.
    eventPollMs: HOUR,
    auditAnchorIntervalMs: HOUR,
  });
  provider = await registerOrganization(f.call, REGION, '丽水市市场监督管理局');
  await publishResource(f.call, provider, REGION, { name: `${tag}企业登记信息` });
}, 180_000);
afterAll(async () => f?.federation.stop());

async function send(actor: Actor | null, query: string, variables: Record<string, unknown>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers.authorization = `Bearer ${await mintToken(actor, TEST_JWT_SECRET, '10m')}`;
  const res = await fetch(`${f.federation.gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }) };
}

/** The statements the catalog sent its database while `work` ran: the bounds are checked before the idempotency look-up too. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const from = catalogStatements.length;
  await work();
  return catalogStatements.slice(from);
}

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`;
const SEARCH = `query($f: DataResourceFilter) { dataResources(filter: $f, first: 20) { totalCount edges { node { name } } } }`;
const names = (r: { data?: any }) => r.data.dataResources.edges.map((e: { node: { name: string } }) => e.node.name);

describe('bounded work for every request', () => {
  test('an entry whose name is within bounds is written: such a request shows in the statements the tests below watch', async () => {
    const statements = await statementsDuring(async () => {
      const created = await send(agency(provider, REGION), CREATE, { input: resourceInput(provider, REGION, { name: `${tag}界内名称` }) });
      expect(created.errors).toBeUndefined();
    });
    expect(statements.some((sql) => sql.includes('insert into "catalog"."data_resource"'))).toBe(true);
  });

  test('a name of 1,000,000 characters is refused naming input.name before the request reaches any table, and searches answer meanwhile', async () => {
    const staff = agency(provider, REGION);
    const huge = { input: resourceInput(provider, REGION, { name: 'a'.repeat(1_000_000) }) };
    const statements = await statementsDuring(async () => {
      const refusal = await send(staff, CREATE, huge);
      expect(refusal.data ?? null).toBeNull();
      expect(refusal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', maxLength: 200 });
    });
    expect(statements).toEqual([]);

    const [refusals, search] = await Promise.all([Promise.all(Array.from({ length: 3 }, () => send(staff, CREATE, huge))), send(null, SEARCH, { f: { keyword: tag } })]);
    for (const r of refusals) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(search.errors).toBeUndefined();
    expect(names(search)).toEqual([`${tag}企业登记信息`]);
  });

  test('ten names of 120,000 characters at once cost nothing: none reaches any table, the catalog stays searchable and nothing is stored', async () => {
    const staff = agency(provider, REGION);
    const statements = await statementsDuring(async () => {
      const attack = await Promise.all(
        Array.from({ length: 10 }, (_, i) => send(staff, CREATE, { input: resourceInput(provider, REGION, { name: `${tag}攻击${i}${'字'.repeat(120_000)}` }) })),
      );
      for (const r of attack) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    });
    expect(statements).toEqual([]);
    const search = await send(null, SEARCH, { f: { keyword: tag } });
    expect(search.errors).toBeUndefined();
    expect(names(search)).toEqual([`${tag}企业登记信息`]);
    // The provider's staff see its drafts too: not one of the ten was stored.
    const after = await send(staff, SEARCH, { f: { keyword: `${tag}攻击` } });
    expect(after.data.dataResources.totalCount).toBe(0);
  });
});
