import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { counter, gauge, histogram, REQUEST_LABELS, requestMetricsPlugin } from '../platform/metrics.js';
import type { NodeHealth } from './health.js';

/** The gateway's series (platform/metrics.ts holds the registry and the request plugin). */

const requests = counter({
  name: 'pdf_gateway_requests_total',
  help: 'GraphQL requests answered by the gateway, by operation name, type and outcome (ok, partial, error)',
  labelNames: REQUEST_LABELS,
});
const requestDuration = histogram({
  name: 'pdf_gateway_request_duration_seconds',
  help: 'Time from the start of a GraphQL request at the gateway to its response',
  labelNames: REQUEST_LABELS,
});

const FETCH_LABELS = ['subgraph', 'node', 'outcome'] as const;
/**
 * How a call to one node service ended: `ok` (it answered, GraphQL errors included),
 * `unavailable` (timeout, connection error, 502–504, its database down, an HTTP error without
 * data), `outcome_unknown` (a mutation sent, then no answer), `skipped` (its breaker was open:
 * answered NODE_UNAVAILABLE without sending).
 */
export type NodeFetchOutcome = 'ok' | 'unavailable' | 'outcome_unknown' | 'skipped';
const fetches = counter({
  name: 'pdf_gateway_node_fetches_total',
  help: 'Calls from the gateway to a node service (subgraph on a node), by outcome; skipped: not sent because the node is down',
  labelNames: FETCH_LABELS,
});
const fetchDuration = histogram({
  name: 'pdf_gateway_node_fetch_duration_seconds',
  help: 'Time the gateway waited for a node service to answer one call (calls actually sent)',
  labelNames: FETCH_LABELS,
});

export function observeNodeFetch(subgraph: string, node: string, outcome: NodeFetchOutcome, seconds?: number): void {
  const labels = { subgraph, node, outcome };
  fetches.inc(labels);
  if (seconds !== undefined) fetchDuration.observe(labels, seconds);
}

export function gatewayRequestMetrics<C extends BaseContext>(): ApolloServerPlugin<C> {
  return requestMetricsPlugin(requests, requestDuration);
}

/** The breakers of every gateway running in this process (normally one), read at each scrape. */
const healthViews = new Set<NodeHealth>();
gauge({
  name: 'pdf_gateway_node_up',
  help: 'Whether the gateway considers a node service up (1) or down (0: its circuit breaker is open, the probe waits for /ready)',
  labelNames: ['subgraph', 'node'] as const,
  collect() {
    this.reset();
    for (const health of healthViews) {
      for (const n of health.view()) for (const [subgraph, s] of Object.entries(n.subgraphs)) this.set({ subgraph, node: n.id }, s.status === 'up' ? 1 : 0);
    }
  },
});

/** Publishes a gateway's node health as `pdf_gateway_node_up`; the returned function withdraws it. */
export function trackNodeHealth(health: NodeHealth): () => void {
  healthViews.add(health);
  return () => void healthViews.delete(health);
}
