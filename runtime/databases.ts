import pg from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/topology.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-db.js';

export interface NodeDatabases {
  urls: Record<SubgraphName, string>;
  /** Pool size the ORM may use: PGlite serves exactly one connection. */
  poolMax: number;
  /**
   * A database outage, for tests: the node's databases refuse new connections and drop open ones,
   * then accept them again (PostgreSQL: allow_connections and terminated backends; PGlite: its
   * socket servers stop and start again on the same ports).
   */
  refuseConnections(): Promise<void>;
  acceptConnections(): Promise<void>;
  stop(): Promise<void>;
}

async function withAdmin(serverUrl: string, work: (c: pg.Client) => Promise<unknown>) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await work(c);
  } finally {
    await c.end();
  }
}

export interface NodeDatabaseOptions {
  /** A PostgreSQL server; absent: embedded PGlite. */
  serverUrl?: string;
  database: string;
  /** Where each embedded database keeps its files (`<dataDir>/<subgraph>`); absent: in memory. */
  dataDir?: string;
  dropOnStop?: boolean;
  /** What each new embedded database starts from (an `EmbeddedDatabase.image()`); absent: a fresh cluster. */
  images?: Partial<Record<SubgraphName, Blob>>;
  /** Connections each subgraph's pool may open on a server (default 10); PGlite always serves one. */
  serverPoolMax?: number;
}

/**
 * With a server URL, a node's subgraphs share one database (each in its own schema), created if
 * missing. Without one, each subgraph gets its own PGlite, because PGlite serves one connection.
 */
export async function provisionNodeDatabases(opts: NodeDatabaseOptions): Promise<NodeDatabases> {
  if (opts.serverUrl) {
    const admin = new pg.Client({ connectionString: opts.serverUrl });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`create database "${opts.database}"`);
    await admin.end();
    const url = new URL(opts.serverUrl);
    url.pathname = `/${opts.database}`;
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, url.toString()])) as Record<SubgraphName, string>;
    const name = `"${opts.database.replaceAll('"', '""')}"`;
    return {
      urls,
      poolMax: opts.serverPoolMax ?? 10,
      refuseConnections: () =>
        withAdmin(opts.serverUrl!, async (c) => {
          await c.query(`alter database ${name} allow_connections false`);
          await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [opts.database]);
        }),
      acceptConnections: () => withAdmin(opts.serverUrl!, (c) => c.query(`alter database ${name} allow_connections true`)),
      async stop() {
        if (!opts.dropOnStop) return;
        const c = new pg.Client({ connectionString: opts.serverUrl });
        await c.connect();
        await c.query(`drop database if exists "${opts.database}" with (force)`);
        await c.end();
      },
    };
  }
  const dbs: Partial<Record<SubgraphName, EmbeddedDatabase>> = {};
  await Promise.all(
    SUBGRAPH_NAMES.map(async (s) => {
      dbs[s] = await startEmbeddedDatabase(opts.dataDir ? `${opts.dataDir}/${s}` : undefined, opts.images?.[s]);
    }),
  );
  return {
    urls: Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, dbs[s]!.url])) as Record<SubgraphName, string>,
    poolMax: 1,
    async refuseConnections() {
      await Promise.all(Object.values(dbs).map((d) => d!.refuseConnections()));
    },
    async acceptConnections() {
      await Promise.all(Object.values(dbs).map((d) => d!.acceptConnections()));
    },
    async stop() {
      await Promise.all(Object.values(dbs).map((d) => d!.stop()));
    },
  };
}
