import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mintToken } from '../gateway/auth.js';
import type { Actor } from '../schema/auth.js';
import { publishResource, registerOrganization, resourceInput } from './support/catalog-fixtures.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { agency } from './support/node.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
let provider: string;
const REGION = '331100';
const tag = `界限${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  f = await startTestFederation('bounds');
  provider = await registerOrganization(f.call, REGION, '丽水市市场监督管理局');
  await publishResource(f.call, provider, REGION, { name: `${tag}企业登记信息` });
}, 180_000);
afterAll(async () => f?.federation.stop());

/** One request through the gateway, timed from sending the body to the parsed answer. */
async function timed(actor: Actor, query: string, variables: Record<string, unknown>) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(actor, TEST_JWT_SECRET, '10m')}` };
  const body = JSON.stringify({ query, variables });
  const started = performance.now();
  const res = await fetch(`${f.federation.gateway.url}/graphql`, { method: 'POST', headers, body });
  const json = (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  return { ms: performance.now() - started, status: res.status, ...json };
}

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`;
const SEARCH = `query($f: DataResourceFilter) { dataResources(filter: $f, first: 20) { totalCount edges { node { name } } } }`;

describe('bounded work for every request', () => {
  test('a name of 1,000,000 characters is refused naming input.name in under 100 ms, while a search answers normally', async () => {
    const staff = agency(provider, REGION);
    const huge = { input: resourceInput(provider, REGION, { name: 'a'.repeat(1_000_000) }) };
    // The first requests plan the operation and warm the code paths up.
    for (let i = 0; i < 2; i++) await timed(staff, CREATE, huge);

    const [refusals, search] = await Promise.all([
      (async () => {
        const runs = [];
        for (let i = 0; i < 5; i++) runs.push(await timed(staff, CREATE, huge));
        return runs;
      })(),
      timed(staff, SEARCH, { f: { keyword: tag } }),
    ]);
    for (const r of refusals) {
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', maxLength: 200 });
    }
    // The fastest of five: what the refusal costs the server, not the pauses of a machine whose
    // other test files run at the same time (the quadratic indexing it guards against took hours).
    const fastest = Math.min(...refusals.map((r) => r.ms));
    expect(fastest).toBeLessThan(100);
    expect(search.errors).toBeUndefined();
    expect(search.data.dataResources.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([`${tag}企业登记信息`]);
  });

  test('ten names of 120,000 characters at once cost nothing: the catalog stays searchable and nothing is stored', async () => {
    const staff = agency(provider, REGION);
    const attack = Array.from({ length: 10 }, (_, i) => timed(staff, CREATE, { input: resourceInput(provider, REGION, { name: `${tag}攻击${i}${'字'.repeat(120_000)}` }) }));
    const started = performance.now();
    const search = await timed(staff, SEARCH, { f: { keyword: tag } });
    const answers = await Promise.all(attack);
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const r of answers) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(search.errors).toBeUndefined();
    const after = await timed(staff, SEARCH, { f: { keyword: `${tag}攻击` } });
    expect(after.data.dataResources.totalCount).toBe(0);
  });
});
