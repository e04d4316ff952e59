import { createRequire } from 'node:module';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * OpenTelemetry tracing, shared by the gateway and the subgraph processes. Off unless an OTLP
 * endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT): then no SDK is loaded, no instrumentation
 * is installed, and the spans below are @opentelemetry/api's no-ops.
 *
 * On, it installs the official instrumentations: undici (Node's `fetch`: a client span per call,
 * and the W3C `traceparent` header on every gateway → subgraph and subgraph → sibling request)
 * and pg (a span per SQL statement, without its parameters). The incoming side is
 * `traceIncoming` below, not the http instrumentation: its require hook misses `node:http` when
 * ESM imports it, and it would be wired again for the server framework; a few explicit lines in
 * each server continue the caller's trace whatever serves the request.
 */

const tracer = trace.getTracer('public-data-federation');

export interface TracingOptions {
  /** `service.name` of every span this process exports. */
  serviceName: string;
  /** OTLP/HTTP base endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Instead of OTLP, hand each span to this exporter as it ends (tests: an in-memory exporter). */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** The installed instrumentations (pg, undici). */
  instrumentations: InstrumentationBase[];
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops tracing. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process, or does nothing (undefined) without an endpoint or exporter.
 * Call it first in a process entry, before the ORM starts: pg is loaded through `require` by
 * knex, and the pg instrumentation patches it as it is required. The SDK is loaded here, with
 * `require`, only when tracing is on.
 */
export function startTracing(o: TracingOptions): Tracing | undefined {
  if (!o.endpoint && !o.exporter) return undefined;
  const require = createRequire(import.meta.url);
  const { TracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { CompositePropagator, W3CTraceContextPropagator, W3CBaggagePropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');

  const exporter =
    o.exporter ??
    new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({
      url: `${o.endpoint!.replace(/\/+$/, '')}/v1/traces`,
    });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': o.serviceName }),
    // A test reads each span as it ends; a deployment sends them in batches.
    spanProcessors: [o.exporter ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter })],
  });
  trace.setGlobalTracerProvider(provider);
  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  // Only within a traced request: the event consumers' polls and the breakers' probes run every
  // second and would each start a trace of their own.
  const instrumentations: InstrumentationBase[] = [new PgInstrumentation({ requireParentSpan: true }), new UndiciInstrumentation({ requireParentforSpans: true })];
  registerInstrumentations({ tracerProvider: provider, instrumentations });
  return {
    instrumentations,
    flush: () => provider.forceFlush(),
    async shutdown() {
      for (const i of instrumentations) i.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

async function inSpan<T>(span: Span, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await fn(span);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}

/**
 * Runs the handling of an incoming request in a server span that continues the caller's trace
 * (its `traceparent` header), so the spans of everything it does — the gateway's node calls, a
 * subgraph's SQL and its calls to siblings — belong to that trace.
 */
export function traceIncoming<T>(headers: Record<string, string | string[] | undefined>, name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER, attributes }, parent, (span) => inSpan(span, fn));
}

/** Runs `fn` in a span of its own, a child of the active one. */
export function traced<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, (span) => inSpan(span, fn));
}
