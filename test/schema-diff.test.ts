import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DatabaseSchema, SchemaComparator, type MikroORM, type SchemaDifference } from '@mikro-orm/postgresql';
import { MODULES } from '../runtime/modules.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/topology.js';
import { initORM } from '../subgraphs/kit/server/orm.js';
import { provisionTestDatabases } from './support/env.js';

/**
 * Tables the kit owns in every subgraph schema, written by raw SQL (audit chain, idempotency
 * records, outbox and receipts, the migrator's own table): no entity maps them.
 */
const KIT_TABLES = new Set(['audit_event', 'idempotent_mutation', 'outbox_event', 'outbox_consumer', 'event_receipt', 'event_dead_letter', 'mikro_orm_migrations']);

/**
 * The data plane's records (catalog `records/store.ts`): rows of an entry's own items in jsonb,
 * written and read by SQL in batches, never as entities; hash-partitioned, so the partitions too.
 */
const RECORD_TABLES = /^data_record(_p\d+)?$/;

/**
 * What the database may have beyond the entities: the hand-written migrations make it stricter
 * than the ORM can express (foreign keys between string ID columns, CHECK constraints, partial and
 * expression indexes, and column defaults for rows written by SQL). These never change what the
 * ORM reads or writes. Everything else — a table, a column, its type or nullability — must match.
 */
const DATABASE_ONLY_COLUMN_PROPERTIES = new Set(['default', 'enumItems']);

/** The differences between the migrated schema and the entities that matter to the ORM, one line each. */
function structuralProblems(schema: string, diff: SchemaDifference): string[] {
  const own = (table: string) => table.startsWith(`${schema}.`);
  const bare = (table: string) => table.slice(schema.length + 1);
  const problems: string[] = [];
  for (const t of Object.keys(diff.newTables).filter(own)) problems.push(`${t}: an entity's table that no migration creates`);
  for (const t of Object.keys(diff.removedTables).filter(own))
    if (!KIT_TABLES.has(bare(t)) && !RECORD_TABLES.test(bare(t))) problems.push(`${t}: a table no entity and no kit module owns`);
  for (const [t, d] of Object.entries(diff.changedTables).filter(([t]) => own(t))) {
    for (const c of Object.keys(d.addedColumns)) problems.push(`${t}.${c}: an entity's column that no migration creates`);
    for (const c of Object.keys(d.removedColumns)) problems.push(`${t}.${c}: a column no entity maps`);
    for (const c of Object.keys(d.renamedColumns)) problems.push(`${t}.${c}: a column named differently than its entity property`);
    for (const [c, cd] of Object.entries(d.changedColumns)) {
      const changed = [...cd.changedProperties].filter((p) => !DATABASE_ONLY_COLUMN_PROPERTIES.has(p));
      // A default or a CHECK list the entity does not declare is the database being stricter; one the entity declares differently is a mismatch.
      if (cd.changedProperties.has('default') && cd.column.default != null) changed.push('default');
      if (cd.changedProperties.has('enumItems') && cd.column.enumItems?.length) changed.push('enumItems');
      if (changed.length)
        problems.push(
          `${t}.${c}: ${changed.join(', ')} differ (database ${cd.fromColumn.type}${cd.fromColumn.nullable ? ' null' : ' not null'}, entity ${cd.column.type}${cd.column.nullable ? ' null' : ' not null'})`,
        );
    }
    // Entity-declared indexes and uniques must exist; their names may differ (migrations name them).
    const existing = Object.values(d.fromTable.getIndexes()).map((i) => `${i.unique ? 'unique' : 'index'}(${i.columnNames.join(',')})`);
    for (const i of Object.values(d.addedIndexes)) {
      const key = `${i.unique ? 'unique' : 'index'}(${i.columnNames.join(',')})`;
      if (!existing.includes(key)) problems.push(`${t}: the entity's ${key} is missing`);
    }
    for (const f of Object.values(d.addedForeignKeys)) problems.push(`${t}: the entity's foreign key ${f.columnNames.join(',')} → ${f.referencedTableName} is missing`);
  }
  return problems;
}

async function diffOf(orm: MikroORM, schema: string): Promise<SchemaDifference> {
  const platform = orm.em.getPlatform();
  const current = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, schema, [schema]);
  return new SchemaComparator(platform).compare(current, orm.getSchemaGenerator().getTargetSchema(schema));
}

describe("after all migrations, each subgraph's database matches its entities", () => {
  let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
  const orms = new Map<SubgraphName, MikroORM>();

  beforeAll(async () => {
    dbs = await provisionTestDatabases('schema_diff');
    for (const name of SUBGRAPH_NAMES) {
      const mod = MODULES[name];
      orms.set(name, await initORM({ clientUrl: dbs.urls[name], schema: name, entities: mod.entities, migrations: mod.migrations, poolMax: 1 }));
    }
  }, 300_000);

  afterAll(async () => {
    for (const orm of orms.values()) await orm.close(true);
    await dbs?.stop();
  });

  test.each(SUBGRAPH_NAMES)('%s: every table, column, type and nullability of the entities is what the migrations built', async (name) => {
    expect(structuralProblems(name, await diffOf(orms.get(name)!, name))).toEqual([]);
  });

  test('no database extension is left that nothing uses (pg_trgm went with the trigram index)', async () => {
    const rows = await orms.get('catalog')!.em.getConnection().execute<{ extname: string }[]>('select extname from pg_extension order by extname');
    expect(rows.map((r) => r.extname)).toEqual(['plpgsql']);
  });

  test('a column no entity maps, and a nullability the entity does not declare, are found', async () => {
    const sql = orms.get('operation')!.em.getConnection();
    await sql.execute('alter table "operation"."operator" add column stray text');
    await sql.execute('alter table "operation"."operator" alter column scope drop not null');
    try {
      expect(structuralProblems('operation', await diffOf(orms.get('operation')!, 'operation'))).toEqual([
        'operation.operator.stray: a column no entity maps',
        'operation.operator.scope: nullable differ (database text null, entity text not null)',
      ]);
    } finally {
      await sql.execute('alter table "operation"."operator" drop column stray');
      await sql.execute('alter table "operation"."operator" alter column scope set not null');
    }
  });
});
