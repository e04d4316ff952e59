import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

/**
 * Prometheus metrics, shared by the gateway and the subgraph kit. One registry per process
 * (prom-client's default): the demo and the tests run the gateway and several subgraphs in one
 * process, so every series carries its subgraph and node, and each metric is made once and
 * found again by name — starting a second server in the process must not register it twice.
 */

export const METRICS_PATH = '/metrics';

/** The text exposition of every metric of this process, for `GET /metrics`. */
export async function metricsResponse(): Promise<{ contentType: string; body: string }> {
  defaultMetrics();
  return { contentType: register.contentType, body: await register.metrics() };
}

/** `GET /metrics` on a server (gateway or subgraph); scraped every few seconds, so it logs its line at debug. */
export function serveMetrics(app: FastifyInstance): void {
  app.get(METRICS_PATH, { config: { quietLog: true } }, async (_request, reply) => {
    const { contentType, body } = await metricsResponse();
    return reply.type(contentType).send(body);
  });
}

let defaultsStarted = false;
/** Node's own process metrics (CPU, memory, event loop lag, GC), unprefixed as dashboards expect them. */
function defaultMetrics() {
  if (defaultsStarted || register.getSingleMetric('process_cpu_user_seconds_total')) return;
  defaultsStarted = true;
  collectDefaultMetrics();
}

export function counter<T extends string>(c: CounterConfiguration<T>): Counter<T> {
  return (register.getSingleMetric(c.name) as Counter<T> | undefined) ?? new Counter(c);
}
/**
 * The buckets of every duration histogram, in seconds: from a millisecond (a SQL statement, a
 * by-id answer) to 10 s, past every timeout. One list, so the gateway's, the subgraphs' and the
 * database's series compare bucket by bucket.
 */
export const DURATION_BUCKETS: readonly number[] = Object.freeze([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/** A duration histogram (seconds, DURATION_BUCKETS). */
export function histogram<T extends string>(c: Omit<HistogramConfiguration<T>, 'buckets'>): Histogram<T> {
  return (register.getSingleMetric(c.name) as Histogram<T> | undefined) ?? new Histogram({ ...c, buckets: [...DURATION_BUCKETS] });
}
export function gauge<T extends string>(c: GaugeConfiguration<T>): Gauge<T> {
  return (register.getSingleMetric(c.name) as Gauge<T> | undefined) ?? new Gauge(c);
}

/** Seconds since a `process.hrtime.bigint()` reading. */
export const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Operation names come from clients: past this many distinct names per metric the rest are
 * counted as `other`, so a client inventing names cannot grow the registry without bound.
 */
const MAX_OPERATION_NAMES = 200;
const seenNames = new WeakMap<object, Set<string>>();
function operationLabel(metric: object, name: string | undefined): string {
  if (!name) return 'anonymous';
  const seen = seenNames.get(metric) ?? new Set<string>();
  seenNames.set(metric, seen);
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

/** `ok` (no error), `partial` (data with errors: e.g. one node unavailable) or `error` (no data). */
function outcomeOf(response: GraphQLResponse): 'ok' | 'partial' | 'error' {
  if (response.body.kind !== 'single') return 'ok';
  const { data, errors } = response.body.singleResult;
  if (!errors?.length) return 'ok';
  return data ? 'partial' : 'error';
}

export const REQUEST_LABELS = ['operation', 'type', 'outcome'] as const;
export type RequestLabel = (typeof REQUEST_LABELS)[number];

/**
 * Counts and times every GraphQL request an Apollo server answers, by operation name, operation
 * type (`query`/`mutation`; `unknown` when none resolved) and outcome. A request that named no
 * resolvable operation (syntax or validation error) is `invalid`. `fixed` labels (subgraph,
 * node) are added to every series.
 */
export function requestMetricsPlugin<C extends BaseContext, L extends string>(
  requests: Counter<L>,
  duration: Histogram<L>,
  fixed: Partial<Record<L, string>> = {},
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const labels = {
            ...fixed,
            operation: operation ? operationLabel(requests, operation.name?.value) : 'invalid',
            type: operation?.operation ?? 'unknown',
            outcome: outcomeOf(response),
          } as Partial<Record<L, string>>;
          requests.inc(labels);
          duration.observe(labels, secondsSince(start));
        },
      };
    },
  };
}
