import { expect } from '@jest/globals';
import { makeCreditCode } from '../../subgraphs/kit/rules/credit-code.js';
import type { SubgraphSettings } from '../../subgraphs/kit/server/settings.js';
import { TEST_SETTINGS } from './env.js';
import { agency, authority } from './node.js';
import type { Call } from './subgraph-client.js';

export type { Call } from './subgraph-client.js';

let counter = 0;
/** A valid, unique unified social credit code for the region (GB 32100 check character included). */
export function uniqueCreditCode(region: string, prefix = '11'): string {
  counter += 1;
  const body = `${Date.now().toString(36).toUpperCase().slice(-5)}${String(counter).padStart(4, '0')}`.replace(/[IOSVZ]/g, '0');
  return makeCreditCode(`${prefix}${region}${body}`);
}

/** Registers an organization through the catalog as that region's authority; returns its ID. */
export async function registerOrganization(call: Call, region: string, name: string, kind = 'AGENCY'): Promise<string> {
  const r = await call('catalog', authority(region), `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
    input: { regionCode: region, name, creditCode: uniqueCreditCode(region, kind === 'ENTERPRISE' ? '91' : '11'), kind },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.createOrganization.id;
}

export interface ResourceOverrides {
  [field: string]: unknown;
}

export const resourceInput = (providerId: string, region: string, over: ResourceOverrides = {}) => ({
  providerId,
  code: `${region}/${Math.random().toString().slice(2, 7)}/${String(++counter).padStart(4, '0')}`,
  name: '企业登记信息',
  summary: '企业设立、变更、注销登记信息',
  library: 'LEGAL_PERSON',
  format: 'DATABASE',
  updateFrequency: 'DAILY',
  securityGrade: 'GENERAL',
  shareAttribute: 'UNCONDITIONAL',
  openAttribute: 'UNCONDITIONAL',
  desensitized: true,
  items: [
    { name: '统一社会信用代码', dataType: 'STRING', identifier: true },
    { name: '企业名称', dataType: 'STRING' },
    { name: '登记状态', dataType: 'STRING' },
  ],
  ...over,
});

/** Creates, submits and publishes an entry for the provider (as its staff, then the authority); returns its ID. */
export async function publishResource(call: Call, providerId: string, region: string, over: ResourceOverrides = {}): Promise<string> {
  const staff = agency(providerId, region);
  const created = await call('catalog', staff, `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
    input: resourceInput(providerId, region, over),
  });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createDataResource.id as string;
  const submitted = await call('catalog', staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id });
  expect(submitted.errors).toBeUndefined();
  const published = await call('catalog', authority(region), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id });
  expect(published.errors).toBeUndefined();
  return id;
}

/**
 * Runs `work` with the catalog counting exactly only up to `bound` matches: the subgraphs started
 * with `settings` read their count bound at each search.
 */
export async function withCountBound<T>(bound: number, work: () => Promise<T>, settings: SubgraphSettings = TEST_SETTINGS): Promise<T> {
  const before = settings.catalogCountBound;
  settings.catalogCountBound = bound;
  try {
    return await work();
  } finally {
    settings.catalogCountBound = before;
  }
}
