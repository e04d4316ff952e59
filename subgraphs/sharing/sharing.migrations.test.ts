import { describe, expect, test } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { newId, parseId } from '../../schema/ids.js';
import { provisionTestDatabases } from '../../test/support/env.js';
import { ormConfig } from '../kit/server/orm.js';
import { sharingModule } from './index.js';

const CITY = '331100';

describe('Migration20261128020000: every share request names its decision rule', () => {
  test('rows written before it get the rule their own columns imply; CORE and IMPORTANT rows must wait for the authority [SHR-2, J §7, B §10, Z §9]', async () => {
    const dbs = await provisionTestDatabases('sharing_rule');
    try {
      const orm = await MikroORM.init(ormConfig({ clientUrl: dbs.urls.sharing, schema: 'sharing', entities: sharingModule.entities, migrations: sharingModule.migrations }));
      try {
        const sql = orm.em.getConnection();
        await sql.execute('create schema if not exists "sharing"');
        await orm.getMigrator().up({ migrations: sharingModule.migrations.filter((m) => m.name < 'Migration20261128020000').map((m) => m.name) });
        const insert = async (status: string, shareAttribute: string, mode: string, authority: boolean, decidedBy: string | null) => {
          const id = newId(CITY);
          await sql.execute(
            `insert into "sharing".share_request (id, seq, region_code, resource_id, requester_id, provider_id, share_attribute, scenario, purpose, item_names, share_mode,
               end_date, authority_approval_required, status, decision_reason, decided_at, decided_by, created_at)
             values (?, ?, ?, ?, ?, ?, ?, '场景', '用途', array['企业名称'], ?, '2099-12-31', ?, ?, ?, ?, ?, now())`,
            [
              id,
              parseId(id)!.ulid,
              CITY,
              newId(CITY),
              newId(CITY),
              newId(CITY),
              shareAttribute,
              mode,
              authority,
              status,
              decidedBy ? '理由' : null,
              decidedBy ? new Date() : null,
              decidedBy,
            ],
          );
          return id;
        };
        const auto = await insert('GRANTED', 'UNCONDITIONAL', 'API', false, 'SYSTEM');
        const bulk = await insert('PENDING', 'UNCONDITIONAL', 'BULK_COPY', true, null);
        const conditional = await insert('GRANTED', 'CONDITIONAL', 'API', false, 'staff-1');
        await orm.getMigrator().up();
        const rows = await sql.execute<{ id: string; decision_rule: string; security_grade: string | null }[]>(
          'select id, decision_rule, security_grade from "sharing".share_request',
        );
        const rule = new Map(rows.map((r) => [r.id, r.decision_rule]));
        expect([rule.get(auto), rule.get(bulk), rule.get(conditional)]).toEqual(['UNCONDITIONAL_AUTO_GRANT', 'MODE_REQUIRES_AUTHORITY', 'CONDITIONAL_PROVIDER_DECISION']);
        expect(rows.every((r) => r.security_grade === null)).toBe(true);
        // The database itself refuses a CORE request the provider could decide alone.
        await expect(sql.execute(`update "sharing".share_request set security_grade = 'CORE' where id = ?`, [conditional])).rejects.toThrow(/share_request_grade_authority/);
      } finally {
        await orm.close();
      }
    } finally {
      await dbs.stop();
    }
  }, 120_000);
});
