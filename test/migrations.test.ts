import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { MikroORM, type AbstractSqlDriver } from '@mikro-orm/postgresql';
import { MODULES } from '../runtime/modules.js';
import { ROOT } from '../platform/paths.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/topology.js';
import { ormConfig } from '../subgraphs/kit/server/orm.js';
import { provisionTestDatabases, TEST_DATABASE_URL } from './support/env.js';

/**
 * Landed migrations are frozen. A production database has already run each of them, so a change
 * to one never reaches it: a change is a new migration. Three records hold them still:
 *  - `test/fixtures/migrations.sql.json`: per subgraph and registered name, the file, its sha256
 *    and every statement its `up()` hands the migrator (on a fresh database, in registration
 *    order). The statements of the 16 migrations that used to build their SQL from application
 *    code (the kit's audit, outbox, receipt and idempotency DDL, the catalog's search columns)
 *    were recorded from that code before it was written into the files, so the files now say
 *    byte for byte what production databases ran;
 *  - `test/fixtures/migrations.schema.json`: what a fresh database built by all of them holds in
 *    each subgraph's schema (tables, columns, constraints, indexes, functions, triggers, …), first
 *    taken on databases built by the old, importing files;
 *  - the files themselves import nothing but the migrator, and (after the last of the landed
 *    unnamed ones) carry a descriptive slug, registered under their file name.
 * A new migration is recorded with `MIGRATIONS_LOCK=1 npm test -- test/migrations.test.ts`, which
 * adds it to both fixtures and refuses to change what is recorded; commit the fixtures with it.
 */

const SQL_FIXTURE = 'test/fixtures/migrations.sql.json';
const SCHEMA_FIXTURE = 'test/fixtures/migrations.schema.json';
const LOCK = process.env.MIGRATIONS_LOCK === '1';
const HOW_TO_LOCK = `record a new migration with MIGRATIONS_LOCK=1 npm test -- test/migrations.test.ts and commit ${SQL_FIXTURE} and ${SCHEMA_FIXTURE}`;

/** Migrations dated after this one name what they do (`Migration<date>_<slug>.ts`); the landed ones before it keep their bare names. */
const LAST_UNNAMED = 'Migration20261128200000';

interface Recorded {
  file: string;
  sha256: string;
  sql: string[];
}
type SqlFixture = Record<SubgraphName, Record<string, Recorded>>;
type SchemaFixture = Record<SubgraphName, string[]>;

const readJson = <T>(file: string): T | undefined => (existsSync(join(ROOT, file)) ? (JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T) : undefined);
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, file)))
    .digest('hex');

/** Every migration file of every subgraph, with the class(es) it exports. */
async function migrationFiles(): Promise<{ subgraph: SubgraphName; file: string; name: string; exported: unknown[] }[]> {
  const out: { subgraph: SubgraphName; file: string; name: string; exported: unknown[] }[] = [];
  for (const subgraph of SUBGRAPH_NAMES) {
    const dir = join(ROOT, 'subgraphs', subgraph, 'migrations');
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.ts')) continue;
      const name = entry.slice(0, -3);
      out.push({ subgraph, file: `subgraphs/${subgraph}/migrations/${entry}`, name, exported: Object.values(await import(join(dir, entry))) });
    }
  }
  return out;
}

/** The file a registered migration class comes from. */
async function fileOf(subgraph: SubgraphName, migrationClass: unknown): Promise<string | undefined> {
  return (await migrationFiles()).find((f) => f.subgraph === subgraph && f.exported.includes(migrationClass))?.file;
}

/** A statement as the migrator runs it (a knex builder or raw as its SQL). */
const sqlOf = (q: ReturnType<Migration['getQueries']>[number]) => (typeof q === 'string' ? q : q.toQuery());

type MigrationClass = new (driver: AbstractSqlDriver, config: Configuration) => Migration;

/**
 * Migrates a fresh schema one registered migration at a time, as the migrator does at start-up,
 * recording what each one's `up()` hands it: built like the migrator builds it, on the database
 * as it is at that point (a migration may read it).
 */
async function migrateRecording(url: string, subgraph: SubgraphName): Promise<Record<string, string[]>> {
  const mod = MODULES[subgraph];
  const orm = await MikroORM.init(ormConfig({ clientUrl: url, schema: subgraph, entities: mod.entities, migrations: mod.migrations, poolMax: 1 }));
  try {
    await orm.em.getConnection().execute(`create schema if not exists "${subgraph}"`);
    const statements: Record<string, string[]> = {};
    for (const m of mod.migrations) {
      const migration = new (m.class as MigrationClass)(orm.em.getDriver(), orm.config);
      await migration.up();
      statements[m.name] = migration.getQueries().map(sqlOf);
      await orm.getMigrator().up({ migrations: [m.name] });
    }
    return statements;
  } finally {
    await orm.close(true);
  }
}

/**
 * What a subgraph's schema holds, one line per object, from the system catalogs: tables, columns
 * (type, collation, nullability, default, identity, generation), constraints, indexes, sequences,
 * functions and triggers with their definitions, views, rules, types, comments, rows per table, and
 * the database's extensions.
 */
async function fingerprint(url: string, schema: string): Promise<string[]> {
  const orm = await MikroORM.init(ormConfig({ clientUrl: url, schema, entities: [], migrations: [], poolMax: 1 }));
  try {
    const q = <T>(sql: string, params: unknown[] = [schema]) => orm.em.getConnection().execute<T[]>(sql, params);
    const lines: string[] = [];
    const ns = `(select oid from pg_namespace where nspname = ?)`;
    const tables = await q<{ name: string; kind: string; rls: boolean; comment: string | null }>(
      `select relname as name, relkind as kind, relrowsecurity as rls, obj_description(oid, 'pg_class') as comment
         from pg_class where relnamespace = ${ns} and relkind in ('r', 'p', 'v', 'm', 'S', 'f') order by relname`,
    );
    for (const t of tables) lines.push(`relation ${t.name} kind=${t.kind}${t.rls ? ' rls' : ''}${t.comment ? ` comment=${JSON.stringify(t.comment)}` : ''}`);
    const columns = await q<{
      rel: string;
      col: string;
      type: string;
      notnull: boolean;
      def: string | null;
      coll: string | null;
      ident: string;
      gen: string;
      comment: string | null;
    }>(
      `select c.relname as rel, a.attname as col, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
              pg_get_expr(d.adbin, d.adrelid) as def, case when a.attcollation <> t.typcollation then co.collname end as coll,
              a.attidentity as ident, a.attgenerated as gen, col_description(c.oid, a.attnum) as comment
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_type t on t.oid = a.atttypid
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum left join pg_collation co on co.oid = a.attcollation
        where c.relnamespace = ${ns} and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
    );
    for (const c of columns) {
      lines.push(
        `column ${c.rel}.${c.col} ${c.type}${c.coll ? ` collate "${c.coll}"` : ''}${c.notnull ? ' not null' : ''}${c.def !== null ? ` default ${c.def}` : ''}` +
          `${c.ident ? ` identity=${c.ident}` : ''}${c.gen ? ` generated=${c.gen}` : ''}${c.comment ? ` comment=${JSON.stringify(c.comment)}` : ''}`,
      );
    }
    const constraints = await q<{ rel: string; name: string; def: string }>(
      `select c.relname as rel, k.conname as name, pg_get_constraintdef(k.oid) as def
         from pg_constraint k join pg_class c on c.oid = k.conrelid where k.connamespace = ${ns} and k.contype <> 'n' order by c.relname, k.conname`,
    );
    // Not null is in the column's line (PostgreSQL 18 and PGlite's 17 also list it here, 15 does not).
    for (const c of constraints) lines.push(`constraint ${c.rel}.${c.name} ${c.def}`);
    const indexes = await q<{ rel: string; name: string; def: string }>(
      'select tablename as rel, indexname as name, indexdef as def from pg_indexes where schemaname = ? order by tablename, indexname',
    );
    for (const i of indexes) lines.push(`index ${i.rel}.${i.name} ${i.def}`);
    const sequences = await q<{ name: string; type: string; start: string; inc: string; min: string; max: string; cycle: boolean }>(
      `select sequencename as name, data_type::text as type, start_value::text as start, increment_by::text as inc, min_value::text as min, max_value::text as max, cycle
         from pg_sequences where schemaname = ? order by sequencename`,
    );
    for (const s of sequences) lines.push(`sequence ${s.name} ${s.type} start=${s.start} increment=${s.inc} min=${s.min} max=${s.max}${s.cycle ? ' cycle' : ''}`);
    const functions = await q<{ name: string; args: string; def: string }>(
      `select proname as name, pg_get_function_identity_arguments(oid) as args, pg_get_functiondef(oid) as def
         from pg_proc where pronamespace = ${ns} and prokind in ('f', 'p') order by proname, args`,
    );
    for (const f of functions) lines.push(`function ${f.name}(${f.args}) ${f.def}`);
    const triggers = await q<{ rel: string; name: string; def: string; enabled: string }>(
      `select c.relname as rel, t.tgname as name, pg_get_triggerdef(t.oid) as def, t.tgenabled as enabled
         from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = ${ns} and not t.tgisinternal order by c.relname, t.tgname`,
    );
    for (const t of triggers) lines.push(`trigger ${t.rel}.${t.name} enabled=${t.enabled} ${t.def}`);
    const views = await q<{ name: string; def: string }>(
      `select relname as name, pg_get_viewdef(oid) as def from pg_class where relnamespace = ${ns} and relkind in ('v', 'm') order by relname`,
    );
    for (const v of views) lines.push(`view ${v.name} ${v.def}`);
    const rules = await q<{ rel: string; name: string; def: string }>(
      'select tablename as rel, rulename as name, definition as def from pg_rules where schemaname = ? order by 1, 2',
    );
    for (const r of rules) lines.push(`rule ${r.rel}.${r.name} ${r.def}`);
    const types = await q<{ name: string; type: string; labels: string | null }>(
      `select t.typname as name, t.typtype as type, (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels
         from pg_type t where t.typnamespace = ${ns} and t.typtype in ('e', 'd') order by t.typname`,
    );
    for (const t of types) lines.push(`type ${t.name} ${t.type}${t.labels ? ` ${t.labels}` : ''}`);
    for (const t of tables.filter((t) => t.kind === 'r')) {
      const [{ n }] = await q<{ n: string }>(`select count(*)::text as n from "${schema}"."${t.name}"`, []);
      lines.push(`rows ${t.name} ${n}`);
    }
    const extensions = await q<{ name: string }>('select extname as name from pg_extension order by extname', []);
    lines.push(`extensions ${extensions.map((e) => e.name).join(',')}`);
    return lines;
  } finally {
    await orm.close(true);
  }
}

/** Writes a fixture as the project formats JSON (biome), so `npm run lint` accepts it as written. */
function writeFixture(file: string, value: unknown): void {
  writeFileSync(join(ROOT, file), `${JSON.stringify(value, null, 2)}\n`);
  execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', join(ROOT, file)], { stdio: 'ignore' });
}

describe('landed migrations are frozen: their statements, their files and the schema they build', () => {
  let dbs: Awaited<ReturnType<typeof provisionTestDatabases>>;
  const built = {} as Record<SubgraphName, Record<string, string[]>>;
  const schemas = {} as SchemaFixture;
  let recorded: SqlFixture;
  let expectedSchema: SchemaFixture;

  beforeAll(async () => {
    dbs = await provisionTestDatabases('migrations');
    for (const name of SUBGRAPH_NAMES) built[name] = await migrateRecording(dbs.urls[name], name);
    for (const name of SUBGRAPH_NAMES) schemas[name] = await fingerprint(dbs.urls[name], name);
    const previous = readJson<SqlFixture>(SQL_FIXTURE);
    if (LOCK) {
      const next = {} as SqlFixture;
      for (const name of SUBGRAPH_NAMES) {
        next[name] = {};
        for (const m of MODULES[name].migrations) {
          const before = previous?.[name]?.[m.name];
          const file = (await fileOf(name, m.class)) ?? '';
          const now: Recorded = { file, sha256: file ? sha256(file) : '', sql: built[name][m.name]! };
          if (before && JSON.stringify(before) !== JSON.stringify(now))
            throw new Error(`${name} ${m.name} is landed and differs from ${SQL_FIXTURE}: a landed migration never changes, write a new one`);
          next[name][m.name] = now;
        }
      }
      writeFixture(SQL_FIXTURE, next);
      writeFixture(SCHEMA_FIXTURE, schemas);
    }
    recorded = readJson<SqlFixture>(SQL_FIXTURE)!;
    expectedSchema = readJson<SchemaFixture>(SCHEMA_FIXTURE)!;
  }, 600_000);

  afterAll(async () => {
    await dbs?.stop();
  });

  test('every registered migration is recorded, and hands the migrator exactly the recorded statements', () => {
    const problems: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      for (const m of MODULES[name].migrations) {
        const r = recorded[name]?.[m.name];
        if (!r) problems.push(`${name} ${m.name}: not recorded; ${HOW_TO_LOCK}`);
        else if (JSON.stringify(r.sql) !== JSON.stringify(built[name][m.name]))
          problems.push(`${name} ${m.name}: its statements differ from the recorded ones; a landed migration never changes, write a new one`);
      }
      for (const m of Object.keys(recorded[name] ?? {}))
        if (!MODULES[name].migrations.some((r) => r.name === m)) problems.push(`${name} ${m}: recorded as landed but no longer registered`);
    }
    expect(problems).toEqual([]);
  });

  test('every migration file is byte for byte the recorded one (a backfill that finds no rows on a fresh database is frozen too)', async () => {
    const problems: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      for (const m of MODULES[name].migrations) {
        const r = recorded[name]?.[m.name];
        const file = await fileOf(name, m.class);
        if (!r || !file) continue;
        if (r.file !== file || r.sha256 !== sha256(file)) problems.push(`${file}: changed since it landed (recorded ${r.file} ${r.sha256}); write a new migration instead`);
      }
    }
    expect(problems).toEqual([]);
  });

  test(`a fresh database built by the migrations has what the recorded one had (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
    for (const name of SUBGRAPH_NAMES) expect({ [name]: schemas[name] }).toEqual({ [name]: expectedSchema[name] });
  });
});

/**
 * What Migration20261124000100 hands the migrator for an entry that existed before it [CAT-8]:
 * recorded from the migration as it landed, when it built the text with the catalog's own
 * `searchColumns` (full-width letters and a Roman numeral NFKC-folded, lower case, the name's
 * line break a space, items in their order).
 */
const BACKFILL_OF_SAMPLE =
  'update "catalog"."data_resource" r set search_text = v.t from jsonb_to_recordset(E\'[{"id":"331100:res","t":"abc人口  基本信息\\\\nxii号 summary\\\\nid号码\\\\n姓名"}]\'::jsonb) as v(id text, t text) where r.id = v.id';

test('the search-text backfill of existing entries (Migration20261124000100) writes what it wrote when it landed [CAT-8]', async () => {
  const db = await provisionTestDatabases('migrations_backfill');
  const mod = MODULES.catalog;
  const orm = await MikroORM.init(ormConfig({ clientUrl: db.urls.catalog, schema: 'catalog', entities: mod.entities, migrations: mod.migrations, poolMax: 1 }));
  try {
    const sql = orm.em.getConnection();
    await sql.execute('create schema if not exists "catalog"');
    await orm.getMigrator().up({ to: 'Migration20261124000200' });
    await sql.execute(`insert into "catalog".organization (id, seq, region_code, name, credit_code, kind, created_at)
      values ('331100:org', 'org', '331100', '丽水市统计局', '11331100000000000X', 'AGENCY', now())`);
    await sql.execute(`insert into "catalog".data_resource (id, seq, region_code, provider_id, code, name, summary, library, format, update_frequency, security_grade,
        share_attribute, share_mode, open_attribute, status, search_text, created_at, updated_at)
      values ('331100:res', 'res', '331100', '331100:org', 'C-1', E'ＡＢＣ人口\\r\\n基本信息', 'Ⅻ号 Summary', 'BASE', 'TABLE', 'MONTHLY', 'GENERAL',
        'UNCONDITIONAL', 'API', 'UNCONDITIONAL', 'PUBLISHED', '', now(), now())`);
    await sql.execute(
      `insert into "catalog".data_item (id, resource_id, position, name, data_type) values ('i1', '331100:res', 2, '姓名', 'STRING'), ('i2', '331100:res', 1, 'ＩＤ号码', 'STRING')`,
    );
    const backfill = mod.migrations.find((m) => m.name === 'Migration20261124000100')!;
    const migration = new (backfill.class as MigrationClass)(orm.em.getDriver(), orm.config);
    await migration.up();
    expect(
      migration
        .getQueries()
        .map(sqlOf)
        .filter((q) => q.startsWith('update')),
    ).toEqual([BACKFILL_OF_SAMPLE]);
  } finally {
    await orm.close(true);
    await db.stop();
  }
}, 300_000);

describe('migration files', () => {
  test('import nothing but the migrator: their SQL is written out in them, so no later change of application code changes what they run', async () => {
    const offending = (await migrationFiles()).flatMap(({ file }) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)]
        .map((m) => m[1])
        .filter((target) => target !== '@mikro-orm/migrations')
        .map((target) => `${file} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  test(`are registered under their file name, each once, and those after ${LAST_UNNAMED} carry a slug saying what they do`, async () => {
    const files = await migrationFiles();
    const problems: string[] = [];
    for (const f of files) {
      const registered = MODULES[f.subgraph].migrations.filter((m) => f.exported.includes(m.class));
      if (registered.length !== 1) problems.push(`${f.file}: registered ${registered.length} times in subgraphs/${f.subgraph}/index.ts`);
      for (const r of registered) if (r.name !== f.name) problems.push(`${f.file}: registered as ${r.name}, not under its file name`);
      const m = /^Migration(\d{14})(?:_([a-z0-9]+(?:_[a-z0-9]+)*))?$/.exec(f.name);
      if (!m) problems.push(`${f.file}: not named Migration<yyyyMMddHHmmss>_<slug>.ts`);
      else if (`Migration${m[1]}` > LAST_UNNAMED && !m[2]) problems.push(`${f.file}: name it Migration${m[1]}_<what_it_does>.ts (lower case, words joined by _)`);
    }
    for (const name of SUBGRAPH_NAMES)
      for (const m of MODULES[name].migrations)
        if (!files.some((f) => f.subgraph === name && f.exported.includes(m.class))) problems.push(`${name} ${m.name}: registered but not from subgraphs/${name}/migrations/`);
    expect(problems).toEqual([]);
  });
});
