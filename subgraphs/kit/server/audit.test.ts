import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { auditHead, verifyAuditChain } from './audit.js';
import { isValidCheckpoint, type AuditCheckpoint } from '../../../schema/audit.js';
import { nodeConfig, startTestNode } from '../../../test/support/node.js';
import { registerOrganization } from '../../../test/support/catalog-fixtures.js';
import { TEST_AUDIT_SECRET } from '../../../test/support/env.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const catalog = () => t.running.subgraphs.catalog!;
const em = () => catalog().orm.em.fork();
const exec = (sql: string, params: unknown[] = []) => em().getConnection().execute(sql, params);
/** What a database superuser can do: switch the append-only triggers off for one transaction. */
const asSuperuser = (...statements: [string, unknown[]?][]) =>
  em().transactional(async (tx) => {
    const trx = tx.getTransactionContext();
    await tx.getConnection().execute(`set local session_replication_role = replica`, [], 'run', trx);
    for (const [sql, params] of statements) await tx.getConnection().execute(sql, params ?? [], 'run', trx);
  });
const ids = async () => (await exec(`select id from "catalog".audit_event order by id`)).map((r: any) => String(r.id));
const verify = (checkpoints: AuditCheckpoint[]) => verifyAuditChain(em(), catalog().audit, checkpoints);

let checkpoint: AuditCheckpoint;

beforeAll(async () => {
  t = await startTestNode('audit', nodeConfig('lishui', ['331100']));
});
afterAll(async () => t?.stop());

/** Each tampering attempt starts from a fresh log of five events, anchored by a checkpoint kept outside the database. */
beforeEach(async () => {
  await asSuperuser([`truncate "catalog".audit_event restart identity`]);
  for (const name of ['丽水市民政局', '丽水市医疗保障局', '丽水市住房和城乡建设局', '丽水市水利局', '丽水市林业局'])
    await registerOrganization(t.call, '331100', `${name}${Math.random().toString(36).slice(2, 6)}`);
  checkpoint = await auditHead(em(), catalog().audit);
});

describe('audit log [D §24-25, Z §34, J §28]', () => {
  test('every change writes a keyed event with who, what, when and region; the chain and its checkpoint verify [D §24]', async () => {
    const rows = await exec(`select action, kind, keying, seq, region_code, actor_sub from "catalog".audit_event order by id`);
    expect(rows.map((r: any) => r.action)).toEqual(Array(5).fill('organization.create'));
    expect(rows[0]).toMatchObject({ kind: 'CHANGE', keying: 'HMAC', region_code: '331100', actor_sub: 'authority-331100' });
    expect(rows.map((r: any) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(isValidCheckpoint(TEST_AUDIT_SECRET, checkpoint)).toBe(true);
    expect(isValidCheckpoint('another-secret-0123456789abcdef0123', checkpoint)).toBe(false);
    expect(checkpoint).toMatchObject({ node: 'lishui', subgraph: 'catalog', count: 5 });
    expect(await verify([checkpoint])).toMatchObject({ ok: true, checked: 5, legacy: 0, checkpoints: 1 });
  });

  test('UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
    await expect(exec(`update "catalog".audit_event set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(exec(`delete from "catalog".audit_event`)).rejects.toThrow(/append-only/);
    await expect(exec(`truncate "catalog".audit_event`)).rejects.toThrow(/append-only/);
  });

  describe('a superuser behind the triggers cannot tamper unnoticed: each of 7 attempts is found and located [Z §34, D §25]', () => {
    test('1. deleting a middle event', async () => {
      const [, , third, fourth] = await ids();
      await asSuperuser([`delete from "catalog".audit_event where id = ?`, [third]]);
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: fourth, reason: expect.stringMatching(/prev_hash/) });
    });

    test('2. deleting the tail', async () => {
      const all = await ids();
      await asSuperuser([`delete from "catalog".audit_event where id >= ?`, [all[3]]]);
      // The remaining chain is internally consistent: only the checkpoint kept outside shows the cut.
      expect(await verify([])).toMatchObject({ ok: true, checked: 3 });
      expect(await verify([checkpoint])).toMatchObject({
        ok: false,
        brokenAt: all[4],
        reason: expect.stringMatching(/missing: the log was cut after event \d+ \(3 events remain\)/),
      });
    });

    test('3. truncating the log', async () => {
      await asSuperuser([`truncate "catalog".audit_event`]);
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: checkpoint.lastId, reason: expect.stringMatching(/missing/) });
    });

    test('4. altering an event', async () => {
      const [, second] = await ids();
      await asSuperuser([`update "catalog".audit_event set data = '{"name":"篡改"}' where id = ?`, [second]]);
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: second, checked: 1, reason: expect.stringMatching(/keyed hash/) });
    });

    /** Rewrites every event from `from` on with the given hash function and keying, relinking the chain as a forger would. */
    async function rehash(from: string, keying: string, hashOf: (fields: unknown[]) => string) {
      const rows = await exec(`select * from "catalog".audit_event order by id`);
      let prev = '0'.repeat(64);
      const statements: [string, unknown[]][] = [];
      for (const r of rows as any[]) {
        if (BigInt(r.id) >= BigInt(from)) {
          const data = BigInt(r.id) === BigInt(from) ? '{"name":"篡改"}' : r.data;
          const hash = hashOf([prev, new Date(r.at).toISOString(), r.actor_sub, r.actor_org, r.action, r.entity_type, r.entity_id, data]);
          statements.push([`update "catalog".audit_event set data = ?, prev_hash = ?, hash = ?, keying = ? where id = ?`, [data, prev, hash, keying, r.id]]);
          prev = hash;
        } else prev = r.hash;
      }
      await asSuperuser(...statements);
    }

    test('5. altering and re-hashing with plain SHA-256 (as the old log allowed)', async () => {
      const [, second] = await ids();
      await rehash(second, 'SHA256', (f) => createHash('sha256').update(JSON.stringify(f)).digest('hex'));
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: second, reason: expect.stringMatching(/unkeyed event follows keyed ones/) });
      // Even rewriting the whole log as "legacy" does not escape the checkpoint.
      const [first] = await ids();
      await rehash(first, 'SHA256', (f) => createHash('sha256').update(JSON.stringify(f)).digest('hex'));
      expect(await verify([])).toMatchObject({ ok: true, legacy: 5 });
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: checkpoint.lastId, reason: expect.stringMatching(/rewritten/) });
    });

    test('6. re-hashing with a guessed key', async () => {
      const [, second] = await ids();
      await rehash(second, 'HMAC', (f) => createHmac('sha256', 'audit-secret').update(JSON.stringify(f)).digest('hex'));
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: second, reason: expect.stringMatching(/keyed hash/) });
    });

    test('7. inserting a forged event between two others (reordering the chain)', async () => {
      const [, second, third] = await ids();
      const [row] = await exec(`select * from "catalog".audit_event where id = ?`, [second]);
      // The forged row copies a genuine one's links and takes an id between two events.
      await asSuperuser(
        [`delete from "catalog".audit_event where id = ?`, [third]],
        [
          `insert into "catalog".audit_event (id, at, kind, keying, seq, actor_sub, actor_org, action, entity_type, entity_id, region_code, data, prev_hash, hash)
          values (?, ?, 'CHANGE', 'HMAC', 3, 'intruder', null, 'organization.create', 'Organization', '331100:forged', '331100', 'null', ?, ?)`,
          [third, row.at, row.hash, row.hash],
        ],
      );
      expect(await verify([checkpoint])).toMatchObject({ ok: false, brokenAt: third, reason: expect.stringMatching(/keyed hash/) });
    });
  });

  test('legacy events (plain SHA-256, before the chain was keyed) still verify when they precede every keyed one', async () => {
    await asSuperuser([`truncate "catalog".audit_event restart identity`]);
    let prev = '0'.repeat(64);
    const statements: [string, unknown[]][] = [];
    for (let i = 0; i < 2; i++) {
      const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      const hash = createHash('sha256')
        .update(JSON.stringify([prev, at, 'old', null, 'organization.create', 'Organization', `331100:legacy${i}`, 'null']))
        .digest('hex');
      statements.push([
        `insert into "catalog".audit_event (at, actor_sub, actor_org, action, entity_type, entity_id, data, prev_hash, hash) values (?, 'old', null, 'organization.create', 'Organization', ?, 'null', ?, ?)`,
        [at, `331100:legacy${i}`, prev, hash],
      ]);
      prev = hash;
    }
    await asSuperuser(...statements);
    await registerOrganization(t.call, '331100', '丽水市统计局');
    const head = await auditHead(em(), catalog().audit);
    expect(head.count).toBe(3);
    expect(await verify([head])).toMatchObject({ ok: true, checked: 3, legacy: 2 });
  });
});
