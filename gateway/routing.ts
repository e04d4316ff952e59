import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  Kind,
  parse,
  print,
  valueFromASTUntyped,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ANONYMOUS, type Actor } from '../schema/auth.js';
import { CALLER_FIELDS, DEFAULT_PAGE_SIZE, ID_ARGUMENTS, MUTATION_ROUTE_PATHS, REGION_ARGUMENT, SCOPE_ARGUMENT } from '../schema/routing.js';
import type { NodeConfig, SubgraphName, TopologyIndex } from '../schema/topology.js';
import { AUDIT_HEAD_EXTENSION } from '../schema/audit.js';
import type { Logger } from '../platform/log.js';
import { internalPost, InternalCallError, type InternalAnswer } from '../platform/internal.js';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { secondsSince } from '../platform/metrics.js';
import { traced } from '../platform/tracing.js';
import type { AnchorStore } from './audit-anchors.js';
import { ServiceDown, type NodeHealth } from './health.js';
import { observeNodeFetch, type NodeFetchOutcome } from './metrics.js';
import { mergeRunAnswers, ROUTER_PARTIAL, ROUTER_RUN_FIELDS, type Selected } from './aggregate-merge.js';
import { AGGREGATE_RUN_FIELDS, AGGREGATE_SUBMIT_FIELD, RUN_ID_ARGUMENT, runIdFor, runScopeOfIds } from '../schema/aggregate-run.js';
import { newId, regionOf } from '../schema/ids.js';
import { mergeConnections, mergePlain, ROUTER_EDGES, ROUTER_FACETS, ROUTER_PAGE, ROUTER_TOTAL, type ConnectionShape, type FacetsShape } from './merge.js';

export interface GatewayContext {
  actor: Actor;
  /** The request's idempotency key (the client's or one the gateway made), sent with every mutation. */
  idempotency?: { key: string; replayed: boolean };
  /** The request's id, sent to every node called (`x-request-id`) so their log lines match the gateway's. */
  requestId?: string;
  /** Every node call of this request, for its log line. */
  calls?: NodeCall[];
  /** The request's log line fields (operation, error codes), written when the answer is sent. */
  logFields?: Record<string, unknown>;
  /** The request's logger (every line carries the request id). */
  logger?: Logger;
}

/** One call of a node service, as the request's log line reports it. */
export interface NodeCall {
  node: string;
  subgraph: SubgraphName;
  /** Milliseconds until the node answered, failed or timed out (0: not sent, the node is known down). */
  ms: number;
  /** `ok`; `errors` (answered, with `codes`); `NODE_UNAVAILABLE`; `MUTATION_OUTCOME_UNKNOWN`. */
  outcome: 'ok' | 'errors' | 'NODE_UNAVAILABLE' | 'MUTATION_OUTCOME_UNKNOWN';
  /** HTTP status of the node's answer, when it answered. */
  status?: number;
  codes?: string[];
}

/** What a fetch needs of the request: who asks (signed into the call), its id, where its calls are counted. */
type Caller = Pick<GatewayContext, 'actor' | 'requestId' | 'calls'>;

type GqlError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };
// biome-ignore lint/suspicious/noExplicitAny: a subgraph's response JSON, read by field name without a schema type
type GqlResponse = { data?: Record<string, any> | null; errors?: GqlError[]; extensions?: Record<string, unknown> };

type NodeResult = { node: NodeConfig; ok: true; status: number; response: GqlResponse } | { node: NodeConfig; ok: false; status?: number; error: GqlError };

export interface RoutingOptions {
  topology: TopologyIndex;
  internalSecret: string;
  nodeTimeoutMs: number;
  /** Root Query fields whose type is a connection (from the supergraph). */
  connectionFields: Set<string>;
  /** Keeps the signed audit heads subgraphs return after appending events. */
  anchors?: AnchorStore;
  /** Per-node circuit breaker: consulted before each send, informed of each outcome. Absent: always send. */
  health?: NodeHealth;
  /** Keep-alive connection pool the node calls go through (opened and closed by gateway/server.ts). Absent: undici's global one. */
  dispatcher?: Dispatcher;
}

/**
 * Why a node's answer means the node cannot serve now (so its part is NODE_UNAVAILABLE and its
 * breaker opens), or undefined for an answer to merge: a 502/503/504, or a subgraph whose database
 * is unavailable (its partial data would be incomplete in ways the caller cannot see).
 */
function unavailableAnswer(status: number, response: GqlResponse): string | undefined {
  if (response.errors?.some((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE')) return 'cannot reach its database';
  if (status === 502 || status === 503 || status === 504) return `answered HTTP ${status}`;
  return undefined;
}

const fieldsOf = (set: SelectionSetNode): FieldNode[] => set.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;
type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** The fields of a selection set with its inline fragments and fragment spreads expanded (the planner reuses client fragments). */
function collectFields(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...collectFields(s.selectionSet, fragments));
    else out.push(...collectFields(fragments.get(s.name.value)?.selectionSet, fragments));
  }
  return out;
}
const uniqueKeys = (fields: FieldNode[], name: string) => [...new Set(fields.filter((f) => f.name.value === name).map(responseKey))];

/** Every `facets` selection of a connection field, merged by response key, with the lists selected in it. */
function facetsShapes(connection: FieldNode, fragments: Fragments): FacetsShape[] {
  const shapes = new Map<string, Map<string, { name: string; countKeys: Set<string> }>>();
  const exact = new Map<string, Set<string>>();
  for (const f of collectFields(connection.selectionSet, fragments).filter((x) => x.name.value === 'facets')) {
    const lists = shapes.get(responseKey(f)) ?? new Map<string, { name: string; countKeys: Set<string> }>();
    shapes.set(responseKey(f), lists);
    const exactKeys = exact.get(responseKey(f)) ?? new Set<string>();
    exact.set(responseKey(f), exactKeys);
    const inside = collectFields(f.selectionSet, fragments);
    for (const k of uniqueKeys(inside, 'countsAreExact')) exactKeys.add(k);
    for (const l of inside.filter((x) => x.selectionSet)) {
      const list = lists.get(responseKey(l)) ?? { name: l.name.value, countKeys: new Set<string>() };
      lists.set(responseKey(l), list);
      for (const k of uniqueKeys(collectFields(l.selectionSet, fragments), 'count')) list.countKeys.add(k);
    }
  }
  return [...shapes].map(([key, lists]) => ({
    key,
    lists: [...lists].map(([k, l]) => ({ key: k, name: l.name, countKeys: [...l.countKeys] })),
    exactKeys: [...(exact.get(key) ?? [])],
  }));
}
const argValue = (f: FieldNode, name: string, vars: Record<string, unknown>) => {
  const arg = f.arguments?.find((a: ArgumentNode) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, vars) : undefined;
};
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/**
 * The errors of a request fanned out to several nodes, each reported once: the same error
 * (message, code, path) answered by several nodes — a bad argument, a refusal — is one error
 * naming them in `extensions.nodes`. The gateway's own errors about a node (NODE_UNAVAILABLE,
 * MUTATION_OUTCOME_UNKNOWN) name their node already and stay one per node.
 */
function fanOutErrors(results: readonly NodeResult[]): GqlError[] {
  const out: GqlError[] = [];
  const seen = new Map<string, string[]>();
  for (const r of results) {
    if (!r.ok) {
      out.push(r.error);
      continue;
    }
    for (const e of r.response.errors ?? []) {
      const key = JSON.stringify([e.message, e.extensions?.code ?? null, e.path ?? null]);
      const nodes = seen.get(key);
      if (nodes) {
        nodes.push(r.node.id);
        continue;
      }
      const fresh = [r.node.id];
      seen.set(key, fresh);
      out.push({ ...e, extensions: { ...e.extensions, nodes: fresh } });
    }
  }
  return out;
}

const isRunField = (name: string) => name === AGGREGATE_SUBMIT_FIELD || (AGGREGATE_RUN_FIELDS as readonly string[]).includes(name);

/** What the client selected inside a field, fragments expanded, as the aggregate merge reads it. */
function selectedOf(field: FieldNode, fragments: Fragments): Selected[] {
  return collectFields(field.selectionSet, fragments).map((f) => ({ key: responseKey(f), name: f.name.value, inside: f.selectionSet ? selectedOf(f, fragments) : null }));
}

function routingError(message: string, field?: string): GqlResponse {
  return { data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } }] };
}

/**
 * The gateway's data source for one subgraph: instead of one URL it knows every node's, and
 * routes each fetch by region (ARCHITECTURE.md, Region routing).
 */
export class RegionRoutingDataSource implements GraphQLDataSource<GatewayContext> {
  /** Planned subgraph operations repeat: parse each once, and rewrite it for merging once. */
  private readonly docs = new Map<string, { doc: DocumentNode; op: OperationDefinitionNode; fragments: Fragments; withRouterFields?: string }>();

  constructor(
    private readonly subgraph: SubgraphName,
    private readonly opts: RoutingOptions,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request } = options;
    // Health checks and schema loading carry no caller: they act as the public.
    const context = options.context as Partial<GatewayContext>;
    const caller: Caller = { actor: context.actor ?? ANONYMOUS, requestId: context.requestId, calls: context.calls };
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    const { op } = this.parsed(request.query!);
    if (op.operation === 'mutation') return this.routeMutation(request.query!, variables, op, caller, context);
    const fields = fieldsOf(op.selectionSet);
    if (fields.some((f) => f.name.value === '_entities')) return this.routeEntities(request.query!, variables, caller);
    return this.routeRootQuery(request.query!, variables, op, caller);
  }

  private parsed(query: string) {
    let hit = this.docs.get(query);
    if (!hit) {
      const doc = parse(query);
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      hit = { doc, op, fragments };
      // The gateway sends a bounded set of planned operations; the cap only guards memory.
      if (this.docs.size > 2000) this.docs.clear();
      this.docs.set(query, hit);
    }
    return hit;
  }

  /**
   * Every call to a node service: logged on the request's line, counted and timed per subgraph
   * and node (gateway/metrics.ts), in a span of its own whose `traceparent` the fetch carries to
   * the subgraph. `idempotencyKey`: given for mutations, whose failure after sending means an
   * unknown outcome.
   */
  private async send(node: NodeConfig, query: string, variables: Record<string, unknown>, caller: Caller, idempotencyKey?: string): Promise<NodeResult> {
    const started = performance.now();
    const result = await this.observedFetch(node, query, variables, caller, idempotencyKey);
    caller.calls?.push({
      node: node.id,
      subgraph: this.subgraph,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(result.ok
        ? {
            outcome: result.response.errors?.length ? 'errors' : 'ok',
            status: result.status,
            ...(result.response.errors?.length ? { codes: [...new Set(result.response.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))] } : {}),
          }
        : { outcome: result.error.extensions?.code as NodeCall['outcome'], ...(result.status ? { status: result.status } : {}) }),
    });
    return result;
  }

  private async observedFetch(node: NodeConfig, query: string, variables: Record<string, unknown>, caller: Caller, idempotencyKey?: string): Promise<NodeResult> {
    // A known-down node is not asked (nor is a mutation sent): its part is answered at once.
    const down = this.opts.health?.downReason(node, this.subgraph);
    if (down) {
      observeNodeFetch(this.subgraph, node.id, 'skipped');
      return { node, ok: false, error: this.unavailable(node, `is down since ${down.since.toISOString()} (${down.reason})`) };
    }
    return traced(`node fetch ${this.subgraph}`, { 'pdf.subgraph': this.subgraph, 'pdf.node': node.id }, async (span) => {
      const start = process.hrtime.bigint();
      const result = await this.fetchNode(node, query, variables, caller, idempotencyKey);
      const outcome: NodeFetchOutcome = result.ok ? 'ok' : result.error.extensions?.code === 'MUTATION_OUTCOME_UNKNOWN' ? 'outcome_unknown' : 'unavailable';
      observeNodeFetch(this.subgraph, node.id, outcome, secondsSince(start));
      span.setAttribute('pdf.outcome', outcome);
      if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
      return result;
    });
  }

  private async fetchNode(node: NodeConfig, query: string, variables: Record<string, unknown>, caller: Caller, idempotencyKey?: string): Promise<NodeResult> {
    const health = this.opts.health;
    let answer: InternalAnswer<GqlResponse>;
    try {
      answer = await internalPost<GqlResponse>({
        node,
        subgraph: this.subgraph,
        actor: caller.actor,
        body: JSON.stringify({ query, variables }),
        secret: this.opts.internalSecret,
        requestId: caller.requestId,
        idempotencyKey,
        timeoutMs: this.opts.nodeTimeoutMs,
        // A query also ends as soon as the node is found down meanwhile (its probe went
        // unanswered): it need not wait out the timeout of a node known frozen. A sent mutation
        // waits its answer, which may be slow rather than lost.
        cutWhen: idempotencyKey || !health ? undefined : (cut) => health.watch(node, this.subgraph, cut),
        dispatcher: this.opts.dispatcher,
      });
    } catch (err) {
      if (!(err instanceof InternalCallError)) throw err;
      if (err.cutBy instanceof ServiceDown) return { node, ok: false, error: this.unavailable(node, err.cutBy.message) };
      const why = err.timedOut ? err.message : 'could not be reached';
      // A mutation that was sent may be slow, not the node down (a row lock, a long check): its
      // caller learns the outcome by retrying with the key, and other requests keep going to the node.
      if (idempotencyKey && err.sent) {
        return { node, ok: false, error: this.outcomeUnknown(node, err.timedOut ? why : 'dropped the connection before answering', idempotencyKey) };
      }
      health?.failed(node, this.subgraph, why);
      return { node, ok: false, error: this.unavailable(node, why) };
    }
    const { status, ok, body: response } = answer;
    if (response.extensions?.[AUDIT_HEAD_EXTENSION]) {
      this.opts.anchors?.record(response.extensions[AUDIT_HEAD_EXTENSION], { node: node.id, subgraph: this.subgraph });
      delete response.extensions[AUDIT_HEAD_EXTENSION];
    }
    const failure = unavailableAnswer(status, response);
    if (failure) {
      health?.failed(node, this.subgraph, failure);
      return { node, ok: false, status, error: this.unavailable(node, failure) };
    }
    health?.succeeded(node, this.subgraph);
    if (!ok && !response.data) return { node, ok: false, status, error: this.unavailable(node, `HTTP ${status}`) };
    return { node, ok: true, status, response };
  }

  /**
   * A mutation sent to a node that then timed out or dropped the connection may still commit:
   * the caller must not take it for a failure, but ask again with the same key, which returns
   * the committed outcome or, if nothing committed, executes it once.
   */
  private outcomeUnknown(node: NodeConfig, why: string, key: string): GqlError {
    return {
      message: `修改结果未知：平台「${node.name}」未及时答复，修改可能已经生效。请携带请求头 Idempotency-Key: ${key} 重发同一请求以获知结果（不会重复执行）/ the outcome of this mutation is unknown: the ${this.subgraph} service of node "${node.id}" ${why}, and the change may have been made. Send the same request again with the header "Idempotency-Key: ${key}" to learn its outcome; it will not be applied twice`,
      extensions: { code: 'MUTATION_OUTCOME_UNKNOWN', idempotencyKey: key, node: node.id },
    };
  }

  /** Names the node and its regions, never its URL: internal addresses stay internal. */
  private unavailable(node: NodeConfig, why: string): GqlError {
    return {
      message: `平台「${node.name}」暂不可用，结果不含其承载的区域 / the ${this.subgraph} service of node "${node.id}" ${why}; results exclude its regions (${node.regions.join(', ')})`,
      extensions: { code: 'NODE_UNAVAILABLE', node: node.id, regions: node.regions },
    };
  }

  private async routeMutation(
    query: string,
    variables: Record<string, unknown>,
    op: OperationDefinitionNode,
    caller: Caller,
    context: Partial<GatewayContext>,
  ): Promise<GqlResponse> {
    const runField = fieldsOf(op.selectionSet).find((f) => isRunField(f.name.value));
    if (runField) return this.routeAggregateMutation(query, variables, op, runField, caller, context);
    const targets = new Set<NodeConfig>();
    for (const field of fieldsOf(op.selectionSet)) {
      if (field.name.value === '__typename') continue;
      const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
      const path = MUTATION_ROUTE_PATHS.find((p) => get(args, p) !== undefined && get(args, p) !== null);
      if (!path) return routingError(`无法确定 ${field.name.value} 应由哪个平台处理 / cannot tell which platform owns ${field.name.value}: pass an id or a region code`);
      const value = String(get(args, path));
      const node = path.endsWith('regionCode') ? this.opts.topology.nodeForRegion(value) : this.opts.topology.nodeForId(value);
      if (!node) return routingError(`${path} 的值 "${value}" 不是有效的ID或行政区划代码 / ${path} "${value}" is not a known ID or region code`, path);
      targets.add(node);
    }
    if (targets.size !== 1) return routingError('一次请求中的修改须属于同一平台 / all mutations of one request must target the same platform');
    const result = await this.send([...targets][0], query, variables, caller, context.idempotency?.key);
    if (result.ok && result.response.extensions?.idempotentReplay && context.idempotency) context.idempotency.replayed = true;
    return result.ok ? result.response : { data: null, errors: [result.error] };
  }

  /** An `_entities` fetch, each representation sent to the node owning it (also how gateway/node.ts finds a node's type). */
  async routeEntities(query: string, variables: Record<string, unknown>, caller: Caller): Promise<GqlResponse> {
    const reps = (variables.representations ?? []) as Record<string, unknown>[];
    const groups = new Map<NodeConfig, number[]>();
    reps.forEach((rep, i) => {
      const node =
        (typeof rep.code === 'string' && this.opts.topology.nodeForRegion(rep.code)) ||
        (typeof rep.id === 'string' && this.opts.topology.nodeForId(rep.id)) ||
        this.opts.topology.root;
      groups.set(node, [...(groups.get(node) ?? []), i]);
    });
    const entities: unknown[] = new Array(reps.length).fill(null);
    const errors: GqlError[] = [];
    const results = await Promise.all(
      [...groups].map(async ([node, indexes]) => ({ indexes, result: await this.send(node, query, { ...variables, representations: indexes.map((i) => reps[i]) }, caller) })),
    );
    for (const { indexes, result } of results) {
      if (!result.ok) {
        errors.push(result.error);
        continue;
      }
      const list = (result.response.data?._entities ?? []) as unknown[];
      for (const [j, original] of indexes.entries()) entities[original] = list[j] ?? null;
      for (const e of result.response.errors ?? []) {
        const path = e.path && e.path[0] === '_entities' && typeof e.path[1] === 'number' ? ['_entities', indexes[e.path[1]], ...e.path.slice(2)] : e.path;
        errors.push({ ...e, path });
      }
    }
    return errors.length ? { data: { _entities: entities }, errors } : { data: { _entities: entities } };
  }

  /** The node that answers the caller-about-itself fields (CALLER_FIELDS): the one hosting the caller's region. */
  private callerNode(actor: Actor): NodeConfig {
    return (actor.region && this.opts.topology.nodeForRegion(actor.region)) || this.opts.topology.root;
  }

  private nodesFor(field: FieldNode, variables: Record<string, unknown>, actor: Actor): NodeConfig[] {
    const topo = this.opts.topology;
    if ((CALLER_FIELDS as readonly string[]).includes(field.name.value)) return [this.callerNode(actor)];
    if ((AGGREGATE_RUN_FIELDS as readonly string[]).includes(field.name.value)) return this.runNodes(argValue(field, 'id', variables));
    for (const name of ID_ARGUMENTS) {
      const v = argValue(field, name, variables);
      if (v === undefined || v === null) continue;
      const owners = (Array.isArray(v) ? v : [v]).map((id) => topo.nodeForId(String(id)) ?? topo.root);
      return [...new Set(owners)];
    }
    const region = argValue(field, REGION_ARGUMENT, variables);
    if (typeof region === 'string') return [topo.nodeForRegion(region) ?? topo.root];
    const scope = argValue(field, SCOPE_ARGUMENT, variables) as { regionCode?: string; includeSubRegions?: boolean } | undefined | null;
    if (scope?.regionCode) {
      const nodes = topo.nodesForScope(scope.regionCode, scope.includeSubRegions ?? true);
      // An unknown or unhosted region still goes to one node, whose validation explains the problem.
      return nodes.length ? nodes : [topo.root];
    }
    return topo.nodes;
  }

  private async routeRootQuery(query: string, variables: Record<string, unknown>, op: OperationDefinitionNode, caller: Caller): Promise<GqlResponse> {
    const fields = fieldsOf(op.selectionSet).filter((f) => f.name.value !== '__typename');
    const targets = new Set<NodeConfig>();
    for (const f of fields) for (const n of this.nodesFor(f, variables, caller.actor)) targets.add(n);
    const ordered = this.opts.topology.nodes.filter((n) => targets.has(n));
    const shapes = new Map<string, ConnectionShape>();
    let sendQuery = query;
    const connections = fields.filter((f) => this.opts.connectionFields.has(f.name.value));
    if (connections.length && ordered.length > 1) {
      const parsed = this.parsed(query);
      for (const f of connections) shapes.set(responseKey(f), this.shapeOf(f, variables, parsed.fragments));
      sendQuery = parsed.withRouterFields ??= print(this.withRouterFields(parsed.doc, parsed.fragments));
    }
    const runs = fields.filter((f) => isRunField(f.name.value));
    if (runs.length) return this.routeAggregateQuery(query, variables, op, ordered, caller);
    if (ordered.length === 1) {
      const only = await this.send(ordered[0], query, variables, caller);
      return only.ok ? only.response : { data: null, errors: [only.error] };
    }
    const results = await Promise.all(ordered.map((n) => this.send(n, sendQuery, variables, caller)));
    const answered = results.filter((r): r is Extract<NodeResult, { ok: true }> => r.ok);
    const errors = fanOutErrors(results);
    if (answered.length === 0) return { data: null, errors };
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const key = responseKey(f);
      // Sent along to other nodes with a fanned-out field, a caller field still takes the caller's node's answer.
      const from = (CALLER_FIELDS as readonly string[]).includes(f.name.value) ? answered.filter((r) => r.node === this.callerNode(caller.actor)) : answered;
      const values = from.map((r) => r.response.data?.[key]);
      const shape = shapes.get(key);
      // biome-ignore lint/suspicious/noExplicitAny: the same untyped response JSON that merge.ts's mergeConnections takes
      data[key] = shape ? (values.some((v) => v === null || v === undefined) ? null : mergeConnections(values as Record<string, any>[], shape)) : mergePlain(values);
    }
    for (const f of fieldsOf(op.selectionSet)) if (f.name.value === '__typename') data[responseKey(f)] = 'Query';
    return errors.length ? { data, errors } : { data };
  }

  /** The nodes of an aggregate run's scope (the region inside its ID), where its parts are held. */
  private runNodes(id: unknown): NodeConfig[] {
    const region = typeof id === 'string' ? regionOf(id) : null;
    const nodes = region ? this.opts.topology.nodesForScope(region, true) : [];
    return nodes.length ? nodes : [this.opts.topology.root];
  }

  /**
   * Aggregate runs [D §15, D §17, Z §20]: a submission goes to the owner of every entry, under one
   * run ID the gateway mints for all; a review and a read go to every node of the run's scope. The
   * answers are one run: the status of all parts, and the result merged from the partials
   * (gateway/aggregate-merge.ts). A node's partial travels only to this merge.
   */
  private async routeAggregateMutation(
    query: string,
    variables: Record<string, unknown>,
    op: OperationDefinitionNode,
    field: FieldNode,
    caller: Caller,
    context: Partial<GatewayContext>,
  ): Promise<GqlResponse> {
    if (fieldsOf(op.selectionSet).filter((f) => f.name.value !== '__typename').length !== 1) {
      return routingError(`${field.name.value} 须单独提交 / send ${field.name.value} alone in its request`);
    }
    let targets: NodeConfig[];
    let runId: string | undefined;
    if (field.name.value === AGGREGATE_SUBMIT_FIELD) {
      const ids = get(argValue(field, 'input', variables), 'resourceIds');
      if (!Array.isArray(ids) || ids.length === 0) return routingError('须给出 input.resourceIds / give input.resourceIds', 'input.resourceIds');
      const owners = ids.map((id) => this.opts.topology.nodeForId(String(id)));
      const scope = runScopeOfIds(ids.map(String));
      const unknown = owners.findIndex((n) => !n);
      if (unknown >= 0 || !scope) return routingError(`input.resourceIds 含无效的ID / input.resourceIds holds an unknown ID`, `input.resourceIds[${Math.max(unknown, 0)}]`);
      targets = this.opts.topology.nodes.filter((n) => owners.includes(n));
      runId = context.idempotency ? runIdFor(scope, caller.actor.sub, context.idempotency.key) : newId(scope);
    } else {
      targets = this.runNodes(argValue(field, 'id', variables));
    }
    const sendQuery = print(this.withRunFields(this.parsed(query).doc, runId));
    const results = await Promise.all(targets.map((n) => this.send(n, sendQuery, variables, caller, context.idempotency?.key)));
    if (results.some((r) => r.ok && r.response.extensions?.idempotentReplay) && context.idempotency) context.idempotency.replayed = true;
    const merged = this.mergeRuns(results, [field], this.parsed(query).fragments);
    if (!merged.errors?.length && merged.data?.[responseKey(field)] === null) {
      return { data: null, errors: [{ message: `统计任务不存在 / no such aggregate run`, path: [responseKey(field)], extensions: { code: 'NOT_FOUND' } }] };
    }
    return merged;
  }

  private async routeAggregateQuery(query: string, variables: Record<string, unknown>, op: OperationDefinitionNode, targets: NodeConfig[], caller: Caller): Promise<GqlResponse> {
    const fields = fieldsOf(op.selectionSet).filter((f) => f.name.value !== '__typename');
    if (fields.some((f) => !isRunField(f.name.value))) return routingError('统计任务须单独查询 / ask for an aggregate run alone in its request');
    const sendQuery = print(this.withRunFields(this.parsed(query).doc));
    const results = await Promise.all(targets.map((n) => this.send(n, sendQuery, variables, caller)));
    return this.mergeRuns(results, fields, this.parsed(query).fragments);
  }

  private mergeRuns(results: NodeResult[], fields: FieldNode[], fragments: Fragments): GqlResponse {
    const errors = fanOutErrors(results).map((e) => (e.path?.includes(ROUTER_PARTIAL) ? { ...e, path: e.path.map((p) => (p === ROUTER_PARTIAL ? 'result' : p)) } : e));
    const answered = results.filter((r): r is Extract<NodeResult, { ok: true }> => r.ok);
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const key = responseKey(f);
      const problems: GqlError[] = [];
      // A part that failed (a refusal on one node, a node down) leaves the run without that part: no run is answered.
      const failed = results.some((r) => !r.ok || r.response.errors?.some((e) => e.path?.[0] === key && e.path.length === 1));
      data[key] = failed
        ? null
        : mergeRunAnswers(
            answered.map((r) => r.response.data?.[key]),
            selectedOf(f, fragments),
            problems as never,
          );
      errors.push(...problems.map((p) => ({ ...p, path: [key, 'result'] })));
    }
    return errors.length ? { data, errors } : { data };
  }

  /** Adds the private run fields to every run field, and the shared run ID to a submission. */
  private withRunFields(doc: DocumentNode, runId?: string): DocumentNode {
    const extra = fieldsOf((parse(`{ ${ROUTER_RUN_FIELDS} }`).definitions[0] as OperationDefinitionNode).selectionSet);
    let depth = 0;
    return visit(doc, {
      Field: {
        enter(node) {
          depth += 1;
          if (depth !== 1 || !isRunField(node.name.value) || !node.selectionSet) return undefined;
          const args = (node.arguments ?? []).filter((a) => a.name.value !== RUN_ID_ARGUMENT);
          if (runId) args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: RUN_ID_ARGUMENT }, value: { kind: Kind.STRING, value: runId } });
          return { ...node, arguments: args, selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, ...extra] } };
        },
        leave() {
          depth -= 1;
        },
      },
    });
  }

  private shapeOf(field: FieldNode, variables: Record<string, unknown>, fragments: Fragments): ConnectionShape {
    const sub = collectFields(field.selectionSet, fragments);
    const first = argValue(field, 'first', variables);
    return {
      edgesKeys: uniqueKeys(sub, 'edges'),
      totalKeys: uniqueKeys(sub, 'totalCount'),
      totalExactKeys: uniqueKeys(sub, 'totalCountIsExact'),
      pageInfoKeys: uniqueKeys(sub, 'pageInfo'),
      pageInfoFields: [
        ...new Map(
          sub
            .filter((f) => f.name.value === 'pageInfo')
            .flatMap((f) => collectFields(f.selectionSet, fragments))
            .map((f) => [responseKey(f), { key: responseKey(f), name: f.name.value }]),
        ).values(),
      ],
      first: typeof first === 'number' ? first : DEFAULT_PAGE_SIZE,
      facets: facetsShapes(field, fragments),
    };
  }

  /**
   * Adds the private aliases the merge needs to every root connection field: cursors and page
   * info always; the total only when the client asked for it (counting is a node's dearest part
   * of a search); value and count of every facet list the client selected.
   */
  private withRouterFields(doc: DocumentNode, fragments: Fragments): DocumentNode {
    const connectionFields = this.opts.connectionFields;
    const fieldNode = (name: string, alias?: string, selections?: FieldNode[]): FieldNode => ({
      kind: Kind.FIELD,
      name: { kind: Kind.NAME, value: name },
      alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
      selectionSet: selections ? { kind: Kind.SELECTION_SET, selections } : undefined,
    });
    let depth = 0;
    return visit(doc, {
      OperationDefinition: {
        enter() {
          depth = 0;
        },
      },
      Field: {
        enter(node) {
          depth += 1;
          if (depth !== 1 || !connectionFields.has(node.name.value) || !node.selectionSet) return undefined;
          const sub = collectFields(node.selectionSet, fragments);
          const facetLists = [...new Set(facetsShapes(node, fragments).flatMap((f) => f.lists.map((l) => l.name)))];
          return {
            ...node,
            selectionSet: {
              ...node.selectionSet,
              selections: [
                ...node.selectionSet.selections,
                fieldNode('edges', ROUTER_EDGES, [fieldNode('cursor')]),
                fieldNode('pageInfo', ROUTER_PAGE, [fieldNode('hasNextPage')]),
                ...(sub.some((f) => f.name.value === 'totalCount') ? [fieldNode('totalCount', ROUTER_TOTAL)] : []),
                ...(facetLists.length
                  ? [
                      fieldNode(
                        'facets',
                        ROUTER_FACETS,
                        facetLists.map((name) => fieldNode(name, undefined, [fieldNode('value'), fieldNode('count')])),
                      ),
                    ]
                  : []),
              ],
            },
          };
        },
        leave() {
          depth -= 1;
        },
      },
    });
  }
}
