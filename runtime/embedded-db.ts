import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  /** Stops serving (open connections close, new ones are refused) and serves again on the same port: a database outage, for tests. */
  refuseConnections(): Promise<void>;
  acceptConnections(): Promise<void>;
  /** The data directory as it is now (after a checkpoint), to start other databases from: see `startEmbeddedDatabase`. */
  image(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * Only because the first catalog migration, landed and immutable, creates pg_trgm on a fresh
 * database; Migration20261128060000 drops it again and nothing uses it.
 */
const extensions = { pg_trgm };
let template: Promise<Blob> | undefined;

/** A freshly initialized cluster (initdb, with `initdbArgs` added to PGlite's own) as an image. */
export async function initCluster(initdbArgs: string[] = []): Promise<Blob> {
  const db = await PGlite.create({ extensions, initDbStartParams: initdbArgs });
  const dump = await db.dumpDataDir('none');
  await db.close();
  return dump;
}

/**
 * initdb costs seconds of CPU per database and a node needs four: run it once per process and
 * start every new database from a copy of that freshly initialized cluster.
 */
function freshCluster(): Promise<Blob> {
  template ??= initCluster();
  return template;
}

/**
 * PGlite served over the Postgres wire protocol on loopback, so the ORM uses its normal driver.
 * PGlite is single-connection: the socket server multiplexes at query level, which would mix
 * transactions of concurrent clients, so we allow one connection and the pool must use max 1.
 * A new database starts from `image` (a data directory an `EmbeddedDatabase.image()` took), or
 * else from a fresh cluster; a `dataDir` that already holds one is opened as it is.
 */
export async function startEmbeddedDatabase(dataDir?: string, image?: Blob): Promise<EmbeddedDatabase> {
  const existing = dataDir !== undefined && existsSync(join(dataDir, 'PG_VERSION'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions, loadDataDir: existing ? undefined : (image ?? (await freshCluster())) });
  const serve = async (port: number) => {
    const s = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1 });
    await s.start();
    return s;
  };
  let server: PGLiteSocketServer | null = await serve(0);
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async refuseConnections() {
      await server?.stop();
      server = null;
    },
    async acceptConnections() {
      server ??= await serve(port);
    },
    async image() {
      // Written out, so the copy needs no recovery when it starts.
      await db.query('checkpoint');
      return db.dumpDataDir('none');
    },
    async stop() {
      await server?.stop();
      await db.close();
    },
  };
}
