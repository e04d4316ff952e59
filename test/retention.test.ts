import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { internalHeaders, type Actor } from '../schema/auth.js';
import { loadTopology } from '../platform/env.js';
import { schemaFile } from '../platform/paths.js';
import { TopologyIndex, type SubgraphName } from '../schema/topology.js';
import { MODULES } from '../runtime/modules.js';
import { DATA_RESOURCE_CHANGED, type DeliveredEvent } from '../schema/events.js';
import { appendOutbox, deliverEvent, EventConsumer, outboxConsumers, readOutbox, type EventHandler } from '../subgraphs/kit/server/events.js';
import { handleCatalogEvent as openingHandler } from '../subgraphs/opening/catalog-events.js';
import { handleCatalogEvent as sharingHandler } from '../subgraphs/sharing/catalog-events.js';
import { publishResource, registerOrganization, uniqueCreditCode } from './support/catalog-fixtures.js';
import { TEST_SECRET } from './support/env.js';
import { agency, authority, nodeConfig, startTestNode } from './support/node.js';

/**
 * Nothing grows forever (issue 16, item 6; subgraphs/kit/server/retention.ts): outbox events go once every
 * consumer has acknowledged them or once past the retention, receipts past the retention except
 * each source's newest, idempotency records past the retry window; and an event whose handler keeps
 * failing goes to the dead-letter table instead of blocking its stream. One node with its four
 * subgraphs on fresh databases; the pruner and the consumers are driven by calling them, and "past
 * the retention" is made by moving a row's time back, never by waiting.
 */

const CITY = '331100';
const node = nodeConfig('lishui', [CITY]);
let t: Awaited<ReturnType<typeof startTestNode>>;

beforeAll(async () => {
  t = await startTestNode('retention', node);
}, 180_000);
afterAll(async () => t?.stop());

const sub = (name: SubgraphName) => t.running.subgraphs[name]!;
const sql = <T = Record<string, any>>(name: SubgraphName, query: string, params: unknown[] = []) => sub(name).orm.em.fork().getConnection().execute<T[]>(query, params);

/** Every running consumer of the node pulls until its source has nothing more for it, and once more: its publisher then has its cursor. */
async function settle(): Promise<void> {
  for (let round = 0; round < 2; round += 1) for (const s of Object.values(t.running.subgraphs)) for (const c of s!.consumers) await c.poll();
}

const RETIRE = `mutation($id: ID!, $reason: String!) { retireDataResource(id: $id, reason: $reason) { id status } }`;

/** A published entry, retired: the catalog writes one event for it. Returns the entry and the event. */
async function retiredEntry(name: string): Promise<{ resourceId: string; event: DeliveredEvent }> {
  const provider = await registerOrganization(t.call, CITY, `丽水市${name}局`);
  const resourceId = await publishResource(t.call, provider, CITY, { name: `${name}信息` });
  const r = await t.call('catalog', authority(CITY), RETIRE, { id: resourceId, reason: '数据源已停止采集' });
  expect(r.errors).toBeUndefined();
  return { resourceId, event: await outboxEventOf(resourceId) };
}

async function outboxEventOf(resourceId: string): Promise<DeliveredEvent> {
  const [{ id }] = await sql<{ id: string }>('catalog', 'select id::text as id from "catalog".outbox_event where entity_id = ? order by id desc limit 1', [resourceId]);
  const [event] = await readOutbox(sub('catalog').orm.em.fork(), 'catalog', String(BigInt(id) - 1n), 1);
  return event!;
}

const inOutbox = async (id: string) => (await sql('catalog', 'select 1 from "catalog".outbox_event where id = ?', [id])).length === 1;
const acknowledgements = () =>
  sql<{ consumer: string; acknowledged: string }>('catalog', 'select consumer, acknowledged::text as acknowledged from "catalog".outbox_consumer order by consumer');
const receipts = async (name: SubgraphName) =>
  (await sql<{ event_id: string }>(name, `select event_id::text as event_id from "${name}".event_receipt where source = 'catalog' order by event_id`)).map((r) => r.event_id);
const backdate = (name: SubgraphName, table: string, column: string, hours: number, where: string, params: unknown[]) =>
  sql(name, `update "${name}".${table} set ${column} = ${column} - make_interval(hours => ?) where ${where}`, [hours, ...params]);

describe('who reads an outbox', () => {
  test("the catalog's is read by sharing, opening and operation of its node and by operation on every node above and below (data products [D §21]); sharing's by sharing on every node below (sanctions [B §49])", () => {
    const demo = loadTopology(schemaFile('../seeds/topology.demo.json'));
    const index = new TopologyIndex(demo);
    const at = (id: string) => demo.nodes.find((n) => n.id === id)!;
    const modules = Object.values(MODULES);
    expect(outboxConsumers('catalog', at('lishui'), index, modules)).toEqual(['opening@lishui', 'operation@liandu', 'operation@lishui', 'operation@longquan', 'sharing@lishui']);
    expect(outboxConsumers('catalog', at('liandu'), index, modules)).toEqual(['opening@liandu', 'operation@liandu', 'operation@lishui', 'sharing@liandu']);
    expect(outboxConsumers('sharing', at('lishui'), index, modules)).toEqual(['sharing@liandu', 'sharing@longquan']);
    expect(outboxConsumers('sharing', at('liandu'), index, modules)).toEqual([]);
  });
});

describe('the outbox is pruned once no consumer needs an event', () => {
  let first: { resourceId: string; event: DeliveredEvent };

  test('an event every consumer has handled is pruned; their cursors reached the catalog with their pulls', async () => {
    first = await retiredEntry('留存甲');
    await settle();
    const acks = await acknowledgements();
    expect(acks.map((a) => a.consumer)).toEqual(['opening@lishui', 'operation@lishui', 'sharing@lishui']);
    for (const a of acks) expect(BigInt(a.acknowledged)).toBeGreaterThanOrEqual(BigInt(first.event.id));
    const report = await sub('catalog').prune();
    expect(report.outboxEvents).toBeGreaterThanOrEqual(1);
    expect(report.unacknowledged).toBeNull();
    expect(await inOutbox(first.event.id)).toBe(false);
  });

  test('an event one consumer has not handled yet stays until it has', async () => {
    await t.running.stopSubgraph!('opening');
    let second: { resourceId: string; event: DeliveredEvent };
    try {
      second = await retiredEntry('留存乙');
      await settle();
      expect(await receipts('sharing')).toContain(second.event.id);
      expect((await sub('catalog').prune()).outboxEvents).toBe(0);
      expect(await inOutbox(second.event.id)).toBe(true);
    } finally {
      await t.running.startSubgraph!('opening');
    }
    await settle();
    expect(await receipts('opening')).toContain(second.event.id);
    expect((await sub('catalog').prune()).outboxEvents).toBe(1);
    expect(await inOutbox(second.event.id)).toBe(false);
  });

  test('an event past the retention (168 h by default) is pruned even though a consumer never acknowledged it, and the run names that consumer', async () => {
    await t.running.stopSubgraph!('opening');
    try {
      const { event } = await retiredEntry('留存丙');
      await settle();
      await backdate('catalog', 'outbox_event', 'occurred_at', 169, 'id = ?', [event.id]);
      const report = await sub('catalog').prune();
      expect(report.outboxEvents).toBe(1);
      expect(report.unacknowledged).toEqual({ through: event.id, consumers: ['opening@lishui'] });
      expect(await inOutbox(event.id)).toBe(false);
    } finally {
      await t.running.startSubgraph!('opening');
    }
    await settle();
  });

  test('receipts past the retention are pruned except the newest of each source, and an old event delivered again is still recognized as handled [B §49]', async () => {
    const ids = await receipts('sharing');
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const newest = ids.at(-1)!;
    // Only the oldest receipt is past the retention: it alone goes.
    await backdate('sharing', 'event_receipt', 'handled_at', 169, 'event_id = ?', [ids[0]]);
    expect((await sub('sharing').prune()).receipts).toBe(1);
    expect(await receipts('sharing')).toEqual(ids.slice(1));
    // All are past it: the newest stays, as the cursor.
    await backdate('sharing', 'event_receipt', 'handled_at', 169, 'true', []);
    expect((await sub('sharing').prune()).receipts).toBe(ids.length - 2);
    expect(await receipts('sharing')).toEqual([newest]);
    // The first event's receipt is gone, and so is the event from the outbox; delivered again all the same, it changes nothing.
    expect(ids).toContain(first.event.id);
    const audits = async () => (await sql<{ n: string }>('sharing', 'select count(*)::text as n from "sharing".audit_event'))[0]!.n;
    const before = await audits();
    const here = { node, source: node };
    expect(await deliverEvent(sub('sharing').orm, sub('sharing').audit, 'catalog', first.event, sharingHandler, here)).toBe(false);
    expect(await receipts('sharing')).toEqual([newest]);
    expect(await audits()).toBe(before);
    // The cursor is unchanged: the next pull asks for what comes after the newest receipt.
    await settle();
    expect((await acknowledgements()).find((a) => a.consumer === 'sharing@lishui')!.acknowledged).toBe(newest);
  });
});

describe('idempotency records are pruned after the retry window', () => {
  const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
  async function createWithKey(actor: Actor, key: string, name: string) {
    const body = JSON.stringify({ query: CREATE_ORG, variables: { input: { regionCode: CITY, name, creditCode: uniqueCreditCode(CITY), kind: 'AGENCY' } } });
    const res = await fetch(node.subgraphs.catalog, { method: 'POST', headers: internalHeaders(actor, body, TEST_SECRET, { subgraph: 'catalog', node: node.id }, key), body });
    const r = (await res.json()) as { errors?: unknown };
    expect(r.errors).toBeUndefined();
  }
  const recorded = async (key: string) =>
    (await sql('catalog', 'select 1 from "catalog".idempotent_mutation where actor_sub = ? and idempotency_key = ?', [authority(CITY).sub, key])).length === 1;

  test('a record older than 24 h goes, one within the window stays', async () => {
    await createWithKey(authority(CITY), 'retention-old', '丽水市幂等过期局');
    await createWithKey(authority(CITY), 'retention-recent', '丽水市幂等有效局');
    await backdate('catalog', 'idempotent_mutation', 'created_at', 25, 'idempotency_key = ?', ['retention-old']);
    await backdate('catalog', 'idempotent_mutation', 'created_at', 23, 'idempotency_key = ?', ['retention-recent']);
    expect((await sub('catalog').prune()).idempotencyRecords).toBe(1);
    expect(await recorded('retention-old')).toBe(false);
    expect(await recorded('retention-recent')).toBe(true);
  });
});

describe('an event whose handler keeps failing goes to the dead-letter table', () => {
  const PROPOSE = `mutation($input: ProposeOpenDatasetInput!) { proposeOpenDataset(input: $input) { id } }`;
  const APPROVE = `mutation($id: ID!) { approveOpenDatasetProposal(id: $id) { id status } }`;
  const DATASET = `query($id: ID!) { openDataset(id: $id) { id status catalogEventId } }`;
  const deadLetters = () =>
    sql<{ source: string; event_id: string; type: string; entity_id: string; data: unknown; error: string; attempts: number; first_failed_at: Date; last_failed_at: Date }>(
      'opening',
      'select source, event_id::text as event_id, type, entity_id, data, error, attempts, first_failed_at, last_failed_at from "opening".event_dead_letter order by event_id',
    );
  const datasetOf = async (id: string) => {
    const r = await t.call<{ openDataset: { status: string; catalogEventId: string | null } }>('opening', authority(CITY), DATASET, { id });
    expect(r.errors).toBeUndefined();
    return r.data!.openDataset;
  };
  const deadLetterMetric = async () => {
    const text = await (await fetch(node.subgraphs.opening.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith('pdf_event_dead_letters_total{') && l.includes('subgraph="opening"') && l.includes('source="catalog"'));
    return Number(line?.split(' ').at(-1) ?? Number.NaN);
  };

  /** A published entry with an open dataset, whose catalog events opening has handled so far; then opening's own consumers stop, so only the test's consumer polls. */
  async function openDatasetWithQuietConsumers(name: string) {
    const provider = await registerOrganization(t.call, CITY, `丽水市${name}局`);
    const resourceId = await publishResource(t.call, provider, CITY, { name: `${name}信息` });
    const proposed = await t.call<{ proposeOpenDataset: { id: string } }>('opening', agency(provider, CITY), PROPOSE, { input: { resourceId, accessMethods: ['API'] } });
    expect(proposed.errors).toBeUndefined();
    const opened = await t.call<{ approveOpenDatasetProposal: { id: string; status: string } }>('opening', authority(CITY), APPROVE, { id: proposed.data!.proposeOpenDataset.id });
    expect(opened.errors).toBeUndefined();
    await settle();
    await Promise.all(sub('opening').consumers.map((c) => c.stop()));
    return { resourceId, datasetId: opened.data!.approveOpenDatasetProposal.id };
  }

  const consumerWith = (handle: EventHandler, maxAttempts: number) =>
    new EventConsumer({ orm: sub('opening').orm, chain: sub('opening').audit, node, source: 'catalog', secret: TEST_SECRET, handle, maxAttempts });

  test('after 3 failures (EVENT_MAX_ATTEMPTS) the event is set aside with its error, counted in /metrics, and the event after it is delivered [Z §35]', async () => {
    const { resourceId, datasetId } = await openDatasetWithQuietConsumers('死信');
    // A poisoned event, written as the catalog writes its events, with data no handler can read.
    await sub('catalog')
      .orm.em.fork()
      .transactional((em) => appendOutbox(em, 'catalog', [{ type: DATA_RESOURCE_CHANGED, entityId: resourceId, regionCode: CITY, data: {} }]));
    const poisoned = await outboxEventOf(resourceId);
    const retired = await t.call('catalog', authority(CITY), RETIRE, { id: resourceId, reason: '数据源已停止采集' });
    expect(retired.errors).toBeUndefined();
    const good = await outboxEventOf(resourceId);
    const counted = await deadLetterMetric();

    const consumer = consumerWith(openingHandler, 3);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await consumer.poll();
      // Blocked: the retirement after the poisoned event waits, and nothing is set aside yet.
      expect(await deadLetters()).toEqual([]);
      expect((await datasetOf(datasetId)).status).toBe('OPEN');
    }
    await consumer.poll();
    const [letter] = await deadLetters();
    expect(letter).toMatchObject({ source: 'catalog', event_id: poisoned.id, type: DATA_RESOURCE_CHANGED, entity_id: resourceId, data: {}, attempts: 3 });
    expect(letter!.error).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(new Date(letter!.first_failed_at).getTime()).toBeLessThanOrEqual(new Date(letter!.last_failed_at).getTime());
    expect(await receipts('opening')).toContain(poisoned.id);
    expect(await datasetOf(datasetId)).toMatchObject({ status: 'SUSPENDED', catalogEventId: good.id });
    expect((await deadLetterMetric()) - counted).toBe(1);
    await consumer.stop();
  });

  test('the source unreachable, or the database, does not count against an event: it is delivered once they answer again [Z §35]', async () => {
    const { resourceId, datasetId } = await openDatasetWithQuietConsumers('瞬断');
    const retired = await t.call('catalog', authority(CITY), RETIRE, { id: resourceId, reason: '数据源已停止采集' });
    expect(retired.errors).toBeUndefined();
    // The database drops every connection in the middle of the handler, more times than an event may fail.
    let outages = 4;
    let failed = 0;
    const handle: EventHandler = async (em, event, ctx) => {
      if (outages > 0) {
        outages -= 1;
        failed += 1;
        await t.dbs.refuseConnections();
        await em.getConnection().execute('select 1', [], 'all', em.getTransactionContext());
      }
      return openingHandler(em, event, ctx);
    };
    const consumer = consumerWith(handle, 3);

    await t.running.stopSubgraph!('catalog');
    try {
      for (let i = 0; i < 4; i += 1) await consumer.poll();
    } finally {
      await t.running.startSubgraph!('catalog');
    }
    expect(failed).toBe(0);
    for (let i = 0; i < 20 && (await datasetOf(datasetId).catch(() => ({ status: 'unknown' }))).status !== 'SUSPENDED'; i += 1) {
      await consumer.poll();
      await t.dbs.acceptConnections();
    }
    expect(failed).toBe(4);
    expect((await datasetOf(datasetId)).status).toBe('SUSPENDED');
    expect((await deadLetters()).map((d) => d.entity_id)).not.toContain(resourceId);
    await consumer.stop();
  });
});
