import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditVerify, formatReport } from '../gateway/audit-verify.js';
import type { Actor } from '../schema/auth.js';
import { startTestFederation } from './support/federation.js';
import { registerOrganization, resourceInput } from './support/catalog-fixtures.js';
import { TEST_AUDIT_SECRET, TEST_SECRET } from './support/env.js';
import { agency } from './support/node.js';

let f: Awaited<ReturnType<typeof startTestFederation>>;
const cityAuthority: Actor = { sub: 'authority-331100', orgId: null, region: '331100', roles: ['AUTHORITY'] };
const cityAuditor: Actor = { sub: 'auditor-331100', orgId: null, region: '331100', roles: ['AUDITOR'] };
const lianduAuditor: Actor = { sub: 'auditor-331102', orgId: null, region: '331102', roles: ['AUDITOR'] };
let cityOrg: string;
let lianduOrg: string;
let lianduDraft: string;

beforeAll(async () => {
  f = await startTestFederation('audit');
  cityOrg = await registerOrganization(f.call, '331100', '丽水市数据局');
  lianduOrg = await registerOrganization(f.call, '331102', '丽水市莲都区数据局');
  const r = await f.gql(agency(lianduOrg, '331102'), `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, {
    input: resourceInput(lianduOrg, '331102', { name: '莲都草稿' }),
  });
  expect(r.errors).toBeUndefined();
  lianduDraft = r.data!.createDataResource.id;
  // The city auditor reads the district's draft: a READ event on the district node.
  expect((await f.gql(cityAuditor, `query($id: ID!) { dataResource(id: $id) { id } }`, { id: lianduDraft })).data!.dataResource.id).toBe(lianduDraft);
}, 300_000);
afterAll(async () => f?.federation.stop());

const EVENTS = `query($scope: AuditScopeInput, $filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(scope: $scope, filter: $filter, first: $first, after: $after) {
    edges { cursor node { id node subgraph at kind actor actorOrganizationId action entityType entityId regionCode } }
    pageInfo { hasNextPage endCursor } unavailableNodes } }`;
const VERIFY = `query($r: String!) { auditChainVerification(regionCode: $r) { node subgraph ok checked legacy checkpoints brokenAt reason unavailable } }`;

describe('the audit log through the gateway [D §5, J §28]', () => {
  test('an auditor lists changes and reads of every node in its region, newest first, paged [D §5, J §28]', async () => {
    const r = await f.gql(cityAuditor, EVENTS, { first: 50 });
    expect(r.errors).toBeUndefined();
    const events = r.data!.auditEvents.edges.map((e: any) => e.node);
    expect(new Set(events.map((e: any) => e.node))).toEqual(new Set(['lishui', 'liandu']));
    expect(events.map((e: any) => e.at)).toEqual([...events.map((e: any) => e.at)].sort().reverse());
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'READ', actor: 'auditor-331100', entityType: 'DataResource', entityId: lianduDraft, regionCode: '331102', node: 'liandu' }),
    );
    expect(events).toContainEqual(expect.objectContaining({ kind: 'CHANGE', action: 'organization.create', entityId: cityOrg, node: 'lishui' }));
    // Page by page gives the same events as one page.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await f.gql(cityAuditor, EVENTS, { first: 2, after });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.auditEvents.edges.map((e: any) => e.node.id));
      after = page.data.auditEvents.pageInfo.hasNextPage ? page.data.auditEvents.pageInfo.endCursor : null;
    } while (after);
    expect(seen.slice(0, events.length)).toEqual(events.map((e: any) => e.id));
  });

  test('filters by actor, organization, object and time [D §5]', async () => {
    const byObject = await f.gql(cityAuthority, EVENTS, { filter: { entityId: lianduDraft } });
    expect(byObject.data!.auditEvents.edges.map((e: any) => [e.node.kind, e.node.action])).toEqual([
      ['READ', 'read'],
      ['CHANGE', 'dataResource.create'],
    ]);
    expect(byObject.data!.auditEvents.edges.every((e: any) => e.node.entityId === lianduDraft)).toBe(true);
    const byActor = await f.gql(cityAuditor, EVENTS, { filter: { actor: 'auditor-331100', kind: 'READ' } });
    expect(byActor.data!.auditEvents.edges.length).toBeGreaterThan(0);
    expect(byActor.data!.auditEvents.edges.every((e: any) => e.node.actor === 'auditor-331100')).toBe(true);
    const byOrg = await f.gql(cityAuditor, EVENTS, { filter: { organizationId: lianduOrg } });
    expect(byOrg.data!.auditEvents.edges.length).toBeGreaterThan(0);
    expect(byOrg.data!.auditEvents.edges.every((e: any) => e.node.actorOrganizationId === lianduOrg)).toBe(true);
    const future = await f.gql(cityAuditor, EVENTS, { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.data!.auditEvents.edges).toEqual([]);
  });

  test('each sees only its own region subtree; agencies and the public not at all [D §5, J §28]', async () => {
    const district = await f.gql(lianduAuditor, EVENTS, { first: 100 });
    expect(district.errors).toBeUndefined();
    expect(district.data!.auditEvents.edges.length).toBeGreaterThan(0);
    expect(district.data!.auditEvents.edges.every((e: any) => e.node.regionCode === '331102')).toBe(true);
    const above = await f.gql(lianduAuditor, EVENTS, { scope: { regionCode: '331100' } });
    expect(above.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await f.gql(agency(cityOrg, '331100'), EVENTS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await f.gql(null, EVENTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await f.gql(lianduAuditor, VERIFY, { r: '331100' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test("the gateway anchors every chain it saw grow, and verifies a node's chains against those checkpoints [Z §34, D §25]", async () => {
    expect(f.federation.gateway.anchors.latest('liandu', 'catalog')).toBeDefined();
    const ok = await f.gql(cityAuditor, VERIFY, { r: '331102' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.auditChainVerification).toHaveLength(4);
    expect(ok.data!.auditChainVerification.every((c: any) => c.ok)).toBe(true);
    expect(ok.data!.auditChainVerification.find((c: any) => c.subgraph === 'catalog').checkpoints).toBeGreaterThan(0);

    // A superuser on the district's database cuts the last event off behind the triggers.
    const catalog = f.federation.nodes.get('liandu')!.subgraphs.catalog!;
    await catalog.orm.em.fork().transactional(async (tx) => {
      const trx = tx.getTransactionContext();
      await tx.getConnection().execute(`set local session_replication_role = replica`, [], 'run', trx);
      await tx.getConnection().execute(`delete from "catalog".audit_event where id = (select max(id) from "catalog".audit_event)`, [], 'run', trx);
    });
    const broken = await f.gql(cityAuditor, VERIFY, { r: '331102' });
    const report = broken.data!.auditChainVerification.find((c: any) => c.subgraph === 'catalog');
    expect(report).toMatchObject({
      node: 'liandu',
      ok: false,
      brokenAt: f.federation.gateway.anchors.latest('liandu', 'catalog')!.lastId,
      reason: expect.stringMatching(/missing/),
    });

    // `npm run audit:verify` finds it too, from the anchor file.
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const anchorFile = join(dir, 'anchors.jsonl');
    writeFileSync(
      anchorFile,
      ['liandu', 'lishui', 'longquan']
        .flatMap((n) => ['catalog', 'sharing', 'opening', 'operation'].flatMap((s) => f.federation.gateway.anchors.checkpoints(n, s)))
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const topologyFile = join(dir, 'topology.json');
    writeFileSync(topologyFile, JSON.stringify(f.federation.topology));
    const { reports, ok: allOk } = await auditVerify([], {
      topologyFile,
      auditAnchorFile: anchorFile,
      auditSecret: TEST_AUDIT_SECRET,
      internalSecret: TEST_SECRET,
      nodeTimeoutMs: 10_000,
    });
    expect(allOk).toBe(false);
    const lines = reports.map(formatReport);
    expect(lines).toHaveLength(12);
    expect(lines).toContainEqual(expect.stringMatching(/^ok {3}lishui\/catalog: \d+ events, [1-9]\d* checkpoints$/));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL liandu\/catalog: broken at event \d+: .*missing/));
    expect(lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(1);
  });
});
