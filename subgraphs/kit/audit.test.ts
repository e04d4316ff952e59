import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { verifyAuditChain } from './audit.js';
import { nodeConfig, startTestNode } from '../../test/support/node.js';
import { registerOrganization } from '../../test/support/catalog-fixtures.js';

let t: Awaited<ReturnType<typeof startTestNode>>;
const em = () => t.running.subgraphs.catalog!.orm.em.fork();
const exec = (sql: string) => em().getConnection().execute(sql);

beforeAll(async () => {
  t = await startTestNode('audit', nodeConfig('lishui', ['331100']));
  for (const name of ['丽水市民政局', '丽水市医疗保障局', '丽水市住房和城乡建设局']) await registerOrganization(t.call, '331100', name);
});
afterAll(async () => t?.stop());

describe('audit log [SEC-2, D §24-25, J §28]', () => {
  test('every change writes an event with who, what and when, and the chain verifies', async () => {
    const rows = await exec(`select action, entity_type, actor_sub from "catalog".audit_event order by id`);
    expect(rows.map((r: any) => r.action)).toEqual(['organization.create', 'organization.create', 'organization.create']);
    expect(rows[0].actor_sub).toBe('authority-331100');
    expect(await verifyAuditChain(em(), 'catalog')).toEqual({ ok: true, checked: 3 });
  });

  test('UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
    await expect(exec(`update "catalog".audit_event set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(exec(`delete from "catalog".audit_event`)).rejects.toThrow(/append-only/);
    await expect(exec(`truncate "catalog".audit_event`)).rejects.toThrow(/append-only/);
  });

  test('the verifier reports the first broken link after a row is altered behind the triggers', async () => {
    const [second] = await exec(`select id from "catalog".audit_event order by id offset 1 limit 1`);
    // A superuser can switch triggers off; the hash chain still exposes the change.
    await em().transactional(async (tx) => {
      await tx.getConnection().execute(`set local session_replication_role = replica`, [], 'run', tx.getTransactionContext());
      await tx.getConnection().execute(`update "catalog".audit_event set data = '{"name":"篡改"}' where id = ${second.id}`, [], 'run', tx.getTransactionContext());
    });
    const result = await verifyAuditChain(em(), 'catalog');
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(String(second.id));
    expect(result.checked).toBe(1);
  });
});
