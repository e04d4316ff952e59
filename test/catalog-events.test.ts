import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { internalHeaders, type Actor } from '../schema/auth.js';
import type { DeliveredEvent } from '../schema/events.js';
import { serviceUrl } from '../schema/topology.js';
import { internalPost } from '../platform/internal.js';
import { deliverEvent, EVENTS_PATH, SYSTEM_ACTOR } from '../subgraphs/kit/server/events.js';
import { handleCatalogEvent } from '../subgraphs/sharing/catalog-events.js';
import { agency, authority } from './support/node.js';
import { publishResource, registerOrganization } from './support/catalog-fixtures.js';
import { TEST_SECRET } from './support/env.js';
import { eventually } from './support/eventually.js';
import { startTestFederation } from './support/federation.js';

/**
 * Catalog changes reach the subgraphs that depend on them (SHR-5, SHR-10, OPN-6): through the
 * gateway on the three-node federation, with the sharing subgraph stopped and restarted, and with
 * an event delivered twice.
 */

let f: Awaited<ReturnType<typeof startTestFederation>>;
const CITY = '331100';
const lishui = () => f.federation.nodes.get('lishui')!;
const endDate = `${new Date().getFullYear() + 1}-06-30`;

beforeAll(async () => {
  // Consumers poll once when they start and then only when nudged (kit/events.ts): an event that
  // takes effect below was delivered by the nudge its commit sent, or at a restart, never by a
  // poll that would have come anyway.
  f = await startTestFederation('events', undefined, { eventPollMs: 3_600_000 });
});
afterAll(async () => f?.federation.stop());

const REQUEST = `mutation($input: RequestShareInput!) { requestShare(input: $input) { id status } }`;
const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id status } }`;
const GRANT = `query($id: ID!) { shareRequest(id: $id) { id status active decisionReason decidedBy suspendedAt suspensionReason catalogEventId authorityApprovalRequired version } }`;
const DATASET = `query($id: ID!) { openDataset(id: $id) { id status suspendedAt suspensionReason catalogEventId } }`;
const PUBLIC_PAGE = `query { openDatasets(first: 100) { totalCount edges { node { id status title resource { id name } } } } }`;

async function ok<T = Record<string, any>>(actor: Actor | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await f.gql<T>(actor, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** A published GENERAL entry with a granted request, a pending (offline) request and an open dataset. */
async function grantedAndOpen(name: string) {
  const provider = await registerOrganization(f.call, CITY, `丽水市${name}局`);
  const requester = await registerOrganization(f.call, '331102', `莲都区${name}中心`);
  const other = await registerOrganization(f.call, '331181', `龙泉市${name}中心`);
  const resourceId = await publishResource(f.call, provider, CITY, { name: `${name}信息`, shareAttribute: 'UNCONDITIONAL', openAttribute: 'UNCONDITIONAL' });
  const ask = (org: string, region: string, shareMode: string) =>
    ok<{ requestShare: { id: string; status: string } }>(agency(org, region), REQUEST, {
      input: {
        resourceId,
        requesterId: org,
        scenario: '一件事联办',
        purpose: '核验登记状态',
        legalDuty: '依法履行市场监管职责',
        itemNames: ['企业名称'],
        endDate,
        shareMode,
        offlineReason: shareMode === 'OFFLINE' ? '龙泉市业务系统未接入共享平台' : null,
      },
    });
  const granted = (await ask(requester, '331102', 'API')).requestShare;
  expect(granted.status).toBe('GRANTED');
  const pending = (await ask(other, '331181', 'OFFLINE')).requestShare;
  expect(pending.status).toBe('PENDING');
  const proposed = (await ok<{ proposeOpenDataset: { id: string } }>(agency(provider, CITY), PROPOSE, { input: { resourceId, accessMethods: ['API'] } })).proposeOpenDataset;
  const dataset = (await ok<{ approveOpenDatasetProposal: { id: string; status: string } }>(authority(CITY), APPROVE, { id: proposed.id })).approveOpenDatasetProposal;
  expect(dataset.status).toBe('OPEN');
  return { provider, resourceId, grantId: granted.id, pendingId: pending.id, datasetId: dataset.id };
}

const grant = async (id: string) => (await ok<{ shareRequest: Record<string, any> }>(authority(CITY), GRANT, { id })).shareRequest;
const dataset = async (id: string) => (await ok<{ openDataset: Record<string, any> }>(authority(CITY), DATASET, { id })).openDataset;

/** The bound only ends a test whose event never arrives: with the poll off, nothing else would deliver it. */
const NUDGE_BOUND_MS = 60_000;

const retire = (id: string, reason = '数据源已停止采集') =>
  ok(authority(CITY), `mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id status } }`, { id, reason });

/** An approved revision of a published entry, as the provider drafts it and the authority publishes it. */
async function revise(provider: string, id: string, input: Record<string, unknown>) {
  const staff = agency(provider, CITY);
  await ok(staff, `mutation($id: ID!, $input: UpdateDataResourceInput!) { updateDataResource(id: $id, input: $input) { id } }`, { id, input });
  await ok(staff, `mutation($id: ID!) { submitDataResource(id: $id) { id } }`, { id });
  await ok(authority(CITY), `mutation($id: ID!) { publishDataResource(id: $id) { id } }`, { id });
}

const sharingSql = <T = Record<string, any>>(sql: string, params: unknown[] = []) => lishui().subgraphs.sharing!.orm.em.fork().getConnection().execute<T[]>(sql, params);
const sharingAudit = (entityId: string) =>
  sharingSql<{ action: string; actor_sub: string; data: string }>(
    'select action, actor_sub, data from "sharing".audit_event where entity_id = ? and kind = \'CHANGE\' order by id',
    [entityId],
  );

describe('catalog changes reach sharing and opening through the outbox', () => {
  test('retiring an entry suspends its grant and its open dataset as soon as the nudge arrives, rejects its pending request, and audits as SYSTEM [B §26, B §49, Z §35]', async () => {
    const s = await grantedAndOpen('退役');
    await retire(s.resourceId);
    const g = await eventually(
      () => grant(s.grantId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(g).toMatchObject({ status: 'SUSPENDED', active: false });
    expect(g.suspensionReason).toContain('数据源已停止采集');
    expect(g.suspensionReason).toContain('[B §26, B §49]');
    expect(g.catalogEventId).toMatch(/^\d+$/);
    expect(d).toMatchObject({ status: 'SUSPENDED', catalogEventId: g.catalogEventId });
    expect(d.suspensionReason).toContain('[Z §35]');
    const p = await eventually(
      () => grant(s.pendingId),
      (v) => v.status === 'REJECTED',
      NUDGE_BOUND_MS,
    );
    expect(p).toMatchObject({ status: 'REJECTED', decidedBy: 'SYSTEM', catalogEventId: g.catalogEventId });
    expect(p.decisionReason).toContain('[B §26]');
    const audit = await sharingAudit(s.grantId);
    expect(audit.at(-1)).toMatchObject({ action: 'shareRequest.suspend', actor_sub: 'SYSTEM' });
    // The provider's statistics no longer count the grant.
    const stats = await ok<{ dataResource: { sharing: { grantedCount: number; pendingCount: number } } }>(
      authority(CITY),
      `query($id: ID!) { dataResource(id: $id) { sharing { grantedCount pendingCount } } }`,
      { id: s.resourceId },
    );
    expect(stats.dataResource.sharing).toEqual({ grantedCount: 0, pendingCount: 0 });
  });

  test('an approved revision making the entry NOT_SHARED suspends the grant but leaves the open dataset open [B §26, B §49]', async () => {
    const s = await grantedAndOpen('不共享');
    await revise(s.provider, s.resourceId, { shareAttribute: 'NOT_SHARED', legalBasis: '《中华人民共和国统计法》第二十五条' });
    const g = await eventually(
      () => grant(s.grantId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(g.status).toBe('SUSPENDED');
    expect(g.suspensionReason).toContain('NOT_SHARED');
    expect((await grant(s.pendingId)).status).toBe('REJECTED');
    expect((await dataset(s.datasetId)).status).toBe('OPEN');
  });

  test('an approved revision making the entry PROHIBITED suspends the open dataset but not the grant [Z §35, Z §12]', async () => {
    const s = await grantedAndOpen('禁开');
    await revise(s.provider, s.resourceId, { openAttribute: 'PROHIBITED' });
    const d = await eventually(
      () => dataset(s.datasetId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(d.status).toBe('SUSPENDED');
    expect(d.suspensionReason).toContain('PROHIBITED');
    expect((await grant(s.grantId)).status).toBe('GRANTED');
    expect((await grant(s.pendingId)).status).toBe('PENDING');
  });

  test('an approved revision grading the entry IMPORTANT suspends grant and dataset; pending requests wait for the authority [J §7, B §10, B §49, Z §35]', async () => {
    const s = await grantedAndOpen('重要');
    await revise(s.provider, s.resourceId, { securityGrade: 'IMPORTANT', openAttribute: 'PROHIBITED' });
    const g = await eventually(
      () => grant(s.grantId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(g.suspensionReason).toContain('IMPORTANT');
    expect(
      (
        await eventually(
          () => dataset(s.datasetId),
          (v) => v.status === 'SUSPENDED',
          NUDGE_BOUND_MS,
        )
      ).status,
    ).toBe('SUSPENDED');
    expect(await grant(s.pendingId)).toMatchObject({ status: 'PENDING', authorityApprovalRequired: true });
  });

  test('a revision that closes nothing writes no event [B §49]', async () => {
    const s = await grantedAndOpen('摘要');
    const catalog = lishui().subgraphs.catalog!.orm.em.fork().getConnection();
    const count = async () => Number((await catalog.execute<{ n: string }[]>('select count(*) as n from "catalog".outbox_event where entity_id = ?', [s.resourceId]))[0]!.n);
    await revise(s.provider, s.resourceId, { summary: '更新后的摘要' });
    expect(await count()).toBe(0);
    expect((await grant(s.grantId)).status).toBe('GRANTED');
  });
});

describe('delivery survives restarts and repeats', () => {
  test('sharing stopped while the entry is retired: after it starts again the grant is suspended; the public page answers meanwhile [B §26, B §49, Z §35]', async () => {
    const s = await grantedAndOpen('重启');
    const node = lishui();
    await node.stopSubgraph!('sharing');
    // Opening keeps serving the public but consumes nothing until it is restarted below.
    await Promise.all(node.subgraphs.opening!.consumers.map((c) => c.stop()));
    try {
      await retire(s.resourceId);
      // The dataset is still listed (opening has not consumed the event), but its entry is hidden
      // from the public now: the page answers, with that dataset's resource null, not `data: null`,
      // and an error names the reference that could not be resolved (issue 15 item 10).
      const page = await f.gql<{ openDatasets: { edges: { node: { id: string; resource: { id: string } | null } }[] } }>(null, PUBLIC_PAGE);
      const at = page.data!.openDatasets.edges.findIndex((e) => e.node.id === s.datasetId);
      expect(page.data!.openDatasets.edges[at]).toMatchObject({ node: { status: 'OPEN', resource: null } });
      expect(page.errors).toEqual([expect.objectContaining({ path: ['openDatasets', 'edges', at, 'node', 'resource', 'name'], extensions: { code: 'UNRESOLVED_REFERENCE' } })]);
    } finally {
      await node.stopSubgraph!('opening');
      await node.startSubgraph!('opening');
      await node.startSubgraph!('sharing');
    }
    // The gateway finds the restarted services up at its next probe; until then their part answers NODE_UNAVAILABLE.
    const g = await eventually(
      () => grant(s.grantId).catch(() => null),
      (v) => v?.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(g).toMatchObject({ status: 'SUSPENDED', active: false });
    await eventually(
      () => dataset(s.datasetId).catch(() => null),
      (v) => v?.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    const page = await f.gql<{ openDatasets: { edges: { node: { id: string } }[] } }>(null, PUBLIC_PAGE);
    expect(page.errors).toBeUndefined();
    expect(page.data!.openDatasets.edges.map((e) => e.node.id)).not.toContain(s.datasetId);
  });

  test('an event delivered by racing consumers, and again later, takes effect once and is audited once [B §49]', async () => {
    const s = await grantedAndOpen('重复');
    await retire(s.resourceId);
    const catalog = lishui().subgraphs.catalog!.orm.em.fork().getConnection();
    const [{ id }] = await catalog.execute<{ id: string }[]>('select id::text as id from "catalog".outbox_event where entity_id = ?', [s.resourceId]);
    // Fetch the very event from the catalog's internal endpoint, as the consumer does.
    const body = JSON.stringify({ after: String(Number(id) - 1), limit: 1 });
    const res = await internalPost<{ events: DeliveredEvent[] }>({
      node: lishui().node,
      subgraph: 'catalog',
      path: EVENTS_PATH,
      actor: SYSTEM_ACTOR,
      body,
      secret: TEST_SECRET,
      timeoutMs: 5000,
    });
    const { events } = res.body;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id, entityId: s.resourceId, type: 'dataResource.changed' });
    const { orm, audit: chain } = lishui().subgraphs.sharing!;
    // Two deliveries race each other and the running consumer: at most one of them wins.
    const here = { node: lishui().node, source: lishui().node };
    const racing = await Promise.all([0, 1].map(() => deliverEvent(orm, chain, 'catalog', events[0], handleCatalogEvent, here)));
    expect(racing.filter(Boolean).length).toBeLessThanOrEqual(1);
    const first = await eventually(
      () => grant(s.grantId),
      (v) => v.status === 'SUSPENDED',
      NUDGE_BOUND_MS,
    );
    expect(first.catalogEventId).toBe(id);
    const auditBefore = await sharingAudit(s.grantId);
    expect(auditBefore.filter((a) => a.action === 'shareRequest.suspend')).toHaveLength(1);
    // A later re-delivery (e.g. after a crash between the consumer's commit and its next cursor read) is a no-op.
    expect(await deliverEvent(orm, chain, 'catalog', events[0], handleCatalogEvent, here)).toBe(false);
    expect(await grant(s.grantId)).toEqual(first);
    expect(await sharingAudit(s.grantId)).toEqual(auditBefore);
  });

  test('the outbox endpoint answers only signed SYSTEM callers', async () => {
    const url = serviceUrl(lishui().node, 'catalog', EVENTS_PATH);
    const body = JSON.stringify({ after: '0' });
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const asAuthority = await fetch(url, { method: 'POST', headers: internalHeaders(authority(CITY), body, TEST_SECRET, { subgraph: 'catalog', node: 'lishui' }), body });
    expect(asAuthority.status).toBe(403);
  });
});
