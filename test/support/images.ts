import { existsSync, mkdirSync, openAsBlob, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/topology.js';
import { initCluster, startEmbeddedDatabase } from '../../runtime/embedded-db.js';
import { MODULES } from '../../runtime/modules.js';
import { initORM } from '../../subgraphs/kit/server/orm.js';

/**
 * What a test's embedded databases start from. initdb and the migrations cost seconds of CPU per
 * database, and a test file starts up to twelve: a test run builds each image once — a fresh
 * cluster, and per subgraph that cluster after all of its migrations — and every database copies
 * one. The run's directory (set by test/support/global-setup.js, removed by its teardown) holds
 * them, so each is built once per run by whichever test file asks first, and every run builds
 * them from the code it runs. A subgraph still runs its migrations when it starts; on a migrated
 * image none is left to run. Without that directory (jest started without the project's
 * configuration) each test file builds its own.
 */
const IMAGES_DIR_ENV = 'PDF_TEST_IMAGES_DIR';

const built = new Map<string, Promise<Blob>>();

/** One image, from the run's directory when another test file built it already. */
function image(name: string, build: () => Promise<Blob>): Promise<Blob> {
  let found = built.get(name);
  if (!found) {
    found = shared(name, build);
    built.set(name, found);
  }
  return found;
}

async function shared(name: string, build: () => Promise<Blob>): Promise<Blob> {
  const dir = process.env[IMAGES_DIR_ENV];
  if (!dir) return build();
  const file = join(dir, `${name}.tar`);
  const lock = `${file}.lock`;
  // Test files in other workers ask at the same time: one builds (mkdir is atomic), the others wait
  // for its file; a builder that fails gives the turn to the next.
  for (;;) {
    if (existsSync(file)) return openAsBlob(file);
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      const made = await build();
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, new Uint8Array(await made.arrayBuffer()));
      renameSync(partial, file);
      return made;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * A fresh cluster, made smaller than PostgreSQL's defaults where a test's database does not need
 * the size: each database copies the image and starts by allocating its buffer cache, twelve of
 * them per federation in one process. So: 1 MB WAL segments instead of 16, no template databases
 * (nothing creates a database in PGlite), a 16 MB buffer cache instead of 128.
 */
const cluster = () =>
  image('cluster', async () => {
    const db = await startEmbeddedDatabase(undefined, await initCluster(['--wal-segsize=1']));
    try {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        for (const template of ['template0', 'template1']) {
          await admin.query(`alter database ${template} is_template false`);
          await admin.query(`drop database ${template}`);
        }
        await admin.query(`alter system set shared_buffers = '16MB'`);
      } finally {
        await admin.end();
      }
      return await db.image();
    } finally {
      await db.stop();
    }
  });

/** A fresh cluster with `name`'s schema migrated, as the subgraph's start-up would leave it. */
const migrated = (name: SubgraphName) =>
  image(name, async () => {
    const db = await startEmbeddedDatabase(undefined, await cluster());
    try {
      const mod = MODULES[name];
      const orm = await initORM({ clientUrl: db.url, schema: name, entities: mod.entities, migrations: mod.migrations, poolMax: 1 });
      await orm.close(true);
      return await db.image();
    } finally {
      await db.stop();
    }
  });

/** What each subgraph's new embedded database starts from: a fresh cluster, or with `migrated` its schema already built. */
export async function testImages(o: { migrated: boolean }): Promise<Record<SubgraphName, Blob>> {
  const images = await Promise.all(SUBGRAPH_NAMES.map((s) => (o.migrated ? migrated(s) : cluster())));
  return Object.fromEntries(SUBGRAPH_NAMES.map((s, i) => [s, images[i]!])) as Record<SubgraphName, Blob>;
}
