import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { AUDIT_PATHS, type AuditEventQuery, type AuditEventRow, type AuditVerification } from '../schema/audit.js';
import { isAnonymous, type Actor } from '../schema/auth.js';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '../schema/routing.js';
import { listCursor, listOf, resumeKey } from '../schema/cursor.js';
import { schemaFile } from '../platform/paths.js';
import { isKnownRegion } from '../schema/regions.js';
import { isOverseer, readsAuditLog } from '../schema/authority.js';
import { SUBGRAPH_NAMES, type NodeConfig, type SubgraphName, type TopologyIndex } from '../schema/topology.js';
import { AUDIT_SYSTEM_ACTOR, callAudit, type AnchorStore } from './audit-anchors.js';
import { nodeResolvers } from './node.js';
import type { GatewayContext, RoutingOptions } from './routing.js';

/** Name of the gateway's own subgraph in the supergraph. */
export const AUDIT_SUBGRAPH = 'audit';
export const AUDIT_SDL_FILE = schemaFile('audit.graphql');

export interface AuditServiceOptions {
  topology: TopologyIndex;
  anchors: AnchorStore;
  internalSecret: string;
  timeoutMs: number;
}

const fail = (code: string, message: string, extra: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { code, ...extra } });

/** Auditors and data authorities read the log, each within its own region subtree [D §5, J §28]. */
function requireLogReader(actor: Actor, regionCode: string, field: string): void {
  if (isAnonymous(actor)) throw fail('UNAUTHENTICATED', '请先登录 / sign in first: this needs an authenticated caller');
  if (!isOverseer(actor)) throw fail('FORBIDDEN', '仅限审计人员和数据主管部门 / only auditors and data authorities may read the audit log');
  if (!isKnownRegion(regionCode)) throw fail('BAD_USER_INPUT', `行政区划代码 "${regionCode}" 无效 / unknown region code "${regionCode}"`, { field });
  if (!readsAuditLog(actor, regionCode)) {
    throw fail('FORBIDDEN', `只能查阅本辖区（${actor.region}）及下级的审计日志 / only the audit log of your own region ${actor.region} and below`, { field });
  }
}

/** Position in the merged order: newest first, then by source (node/subgraph) descending, then by id descending. */
interface Position {
  at: string;
  source: string;
  id: string;
}
const sourceOf = (e: { node: string; subgraph: string }) => `${e.node}/${e.subgraph}`;
/** The cursor of a position in `list` (the cursor format of every connection, schema/cursor.ts). */
const cursorAt = (p: Position, list: string) => listCursor(list, { values: [p.at, p.source, p.id], directions: ['DESC', 'DESC', 'DESC'] });
function positionOf(cursor: string, list: string): Position {
  const key = resumeKey(cursor, list, (why) => fail('BAD_USER_INPUT', why, { field: 'after' }));
  const [at, source, id] = key.values;
  if (key.values.length === 3 && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof source === 'string' && typeof id === 'string' && /^\d+$/.test(id)) {
    return { at, source, id };
  }
  throw fail('BAD_USER_INPUT', 'after 不是有效的游标 / `after` is not a cursor of this list', { field: 'after' });
}
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const newerFirst = (a: AuditEventRow, b: AuditEventRow) => cmp(b.at, a.at) || cmp(sourceOf(b), sourceOf(a)) || Number(BigInt(b.id) - BigInt(a.id));

/** What one source must return to continue after `p` in the merged order. */
function beforeFor(source: string, p: Position): AuditEventQuery['before'] {
  if (source < p.source) return { at: p.at, inclusive: true };
  if (source > p.source) return { at: p.at };
  return { at: p.at, id: p.id };
}

const iso = (v: unknown, field: string) => {
  if (v === undefined || v === null) return null;
  const d = new Date(v as string);
  if (Number.isNaN(d.getTime())) throw fail('BAD_USER_INPUT', `${field} 不是有效时间 / ${field} is not a date-time`, { field });
  return d.toISOString();
};

/**
 * The gateway's own subgraph: the audit log of every node and subgraph in one place. It asks each
 * node's subgraphs (which check the caller's region again, where the data lives) and merges
 * their pages; verification compares each chain with the checkpoints this gateway keeps. It also
 * answers `Query.node` (gateway/node.ts), which like the log needs every node's subgraphs.
 */
export function buildAuditSchema(o: AuditServiceOptions, routing: RoutingOptions): GraphQLSchema {
  const sources = (nodes: NodeConfig[]) => nodes.flatMap((node) => SUBGRAPH_NAMES.map((subgraph) => ({ node, subgraph, key: `${node.id}/${subgraph}` })));
  const resolvers = {
    Query: {
      async auditEvents(
        _: unknown,
        args: { scope?: { regionCode: string } | null; filter?: Record<string, unknown> | null; first?: number | null; after?: string | null },
        ctx: GatewayContext,
      ) {
        const regionCode = args.scope?.regionCode ?? ctx.actor.region ?? '';
        requireLogReader(ctx.actor, regionCode, 'scope.regionCode');
        const first = args.first ?? DEFAULT_PAGE_SIZE;
        const tooMany = pageSizeProblem(first);
        if (tooMany) throw fail('BAD_USER_INPUT', tooMany, { field: 'first' });
        const list = listOf('auditEvents', args);
        const after = args.after ? positionOf(args.after, list) : null;
        const f = args.filter ?? {};
        for (const k of ['actor', 'organizationId', 'entityType', 'entityId'] as const) {
          if (f[k] !== undefined && f[k] !== null && (typeof f[k] !== 'string' || (f[k] as string).length > 200))
            throw fail('BAD_USER_INPUT', `filter.${k} 过长 / filter.${k} is too long (200 characters at most)`, { field: `filter.${k}` });
        }
        const base = {
          regionCode,
          actorSub: f.actor as string | null,
          actorOrg: f.organizationId as string | null,
          entityType: f.entityType as string | null,
          entityId: f.entityId as string | null,
          kind: f.kind as AuditEventQuery['kind'],
          from: iso(f.from, 'filter.from'),
          to: iso(f.to, 'filter.to'),
          limit: first + 1,
        };
        const unavailable = new Set<string>();
        const pages = await Promise.all(
          sources(o.topology.nodesForScope(regionCode, true)).map(async (s) => {
            try {
              const q: AuditEventQuery = { ...base, before: after ? beforeFor(s.key, after) : null };
              return (await callAudit<{ events: AuditEventRow[] }>(s.node, s.subgraph, AUDIT_PATHS.events, q, ctx.actor, o.internalSecret, o.timeoutMs, ctx.requestId)).events;
            } catch {
              unavailable.add(s.node.id);
              return [];
            }
          }),
        );
        const merged = pages.flat().sort(newerFirst);
        const page = merged.slice(0, first);
        const edges = page.map((e) => ({
          cursor: cursorAt({ at: e.at, source: sourceOf(e), id: e.id }, list),
          node: { ...e, id: `${sourceOf(e)}/${e.id}`, actor: e.actorSub, actorOrganizationId: e.actorOrg, actorRegionCode: e.actorRegion },
        }));
        // Events are append-only (no update or delete reaches them), so the event a cursor of this
        // list names still precedes the page: the page has a previous one exactly when `after` was given.
        const pageInfo = { hasNextPage: merged.length > first, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
        return { edges, pageInfo, unavailableNodes: [...unavailable] };
      },

      async auditChainVerification(_: unknown, args: { regionCode: string }, ctx: GatewayContext) {
        requireLogReader(ctx.actor, args.regionCode, 'regionCode');
        const node = o.topology.nodeForRegion(args.regionCode)!;
        return Promise.all(SUBGRAPH_NAMES.map((subgraph) => verifyChain(node, subgraph, ctx.actor, o)));
      },
    },
  };
  const node = nodeResolvers(routing);
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(AUDIT_SDL_FILE, 'utf8')), resolvers: { ...node, Query: { ...resolvers.Query, ...node.Query } } as never });
}

export interface ChainReport extends AuditVerification {
  node: string;
  subgraph: SubgraphName;
  legacy: number;
  checkpoints: number;
  unavailable?: string;
}

/** One chain checked by its node with the key, against every checkpoint held here (also used by `npm run audit:verify`). */
export async function verifyChain(node: NodeConfig, subgraph: SubgraphName, actor: Actor, o: Omit<AuditServiceOptions, 'topology'>): Promise<ChainReport> {
  const checkpoints = o.anchors.checkpoints(node.id, subgraph);
  try {
    const r = await callAudit<AuditVerification>(node, subgraph, AUDIT_PATHS.verify, { checkpoints }, actor, o.internalSecret, o.timeoutMs * 6);
    return { ...r, node: node.id, subgraph, legacy: r.legacy ?? 0, checkpoints: checkpoints.length };
  } catch (err) {
    return { ok: false, checked: 0, node: node.id, subgraph, legacy: 0, checkpoints: checkpoints.length, unavailable: (err as Error).message };
  }
}

export { AUDIT_SYSTEM_ACTOR };
