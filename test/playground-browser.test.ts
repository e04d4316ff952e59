import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { mintToken } from '../gateway/auth.js';
import { EXAMPLE_OPERATIONS } from '../gateway/playground-examples.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { TEST_JWT_SECRET } from './support/env.js';
import { startTestFederation } from './support/federation.js';
import { authority } from './support/node.js';

/**
 * The playground as a person on an offline government network uses it: Debian's Chromium loads
 * /playground from a real gateway, and a click on GraphiQL's run button sends the first example
 * with the demo header and shows the answer. CI (.ci/run) installs Chromium, so there the test
 * never skips; elsewhere it skips, saying so, only when the browser is missing.
 */

const CHROMIUM = '/usr/bin/chromium';
// No sandbox: CI runs as root. The rest keeps Chromium from calling home, so any request seen is the page's own.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HAS_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
if (!HAS_CHROMIUM && !IN_CI) console.log(`${CHROMIUM} not found: skipping the playground browser test (.ci/run installs Debian's chromium)`);
const browserTest = HAS_CHROMIUM || IN_CI ? test : test.skip;

const REGION = '331100';
const operationName = (query: string) => /^(?:query|mutation) (\w+)/m.exec(query)?.[1];

let f: Awaited<ReturnType<typeof startTestFederation>>;
let browser: Browser | undefined;
let token: string;
let resourceId: string;

beforeAll(async () => {
  token = await mintToken(authority(REGION), TEST_JWT_SECRET);
  f = await startTestFederation('browser', 3000, { playgroundHeaders: JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) });
  const provider = await registerOrganization(f.call, REGION, '丽水市市场监督管理局');
  resourceId = await publishResource(f.call, provider, REGION);
});

afterAll(async () => {
  await browser?.close();
  await f?.federation.stop();
});

describe('the playground in a real browser', () => {
  browserTest(
    'loads offline, runs the first example with the demo header and shows its data',
    async () => {
      if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium); run it, or install chromium, before the tests`);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
      const page = await browser.newPage();
      const origin = new URL(f.federation.gateway.url).origin;
      const requested: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });

      const loaded = await page.goto(`${origin}/playground`);
      expect(loaded?.status()).toBe(200);
      const run = page.locator('.graphiql-execute-button');
      await run.waitFor({ state: 'visible' });
      // Every example is a tab, named after its operation.
      const tabs = await page.locator('.graphiql-tab').allTextContents();
      for (const example of EXAMPLE_OPERATIONS) {
        const name = operationName(example.query);
        if (name) expect(tabs.join(' ')).toContain(name);
      }

      const first = operationName(EXAMPLE_OPERATIONS[0]!.query)!;
      const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes(first));
      await run.click();
      const response = await answered;
      expect(response.request().headers().authorization).toBe(`Bearer ${token}`);
      const body = (await response.json()) as { data?: { dataResources?: { totalCount: number; edges: { node: { id: string } }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.dataResources?.edges.map((e) => e.node.id)).toEqual([resourceId]);

      // What the person sees: the answer in the result pane.
      const pane = page.locator('.graphiql-response');
      await pane.filter({ hasText: resourceId }).waitFor();
      const shown = (await pane.textContent()) ?? '';
      expect(shown).toContain('"dataResources"');
      expect(shown).toContain('"totalCount": 1');
      expect(shown).toContain('企业登记信息');
      expect(shown).not.toContain('"errors"');

      // Offline: the page, its assets and its GraphQL calls all come from the gateway itself.
      expect(requested).toContain(`${origin}/playground`);
      expect(requested.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
