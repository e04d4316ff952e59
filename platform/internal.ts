import { request, type Dispatcher } from 'undici';
import { internalHeaders, type Actor } from '../schema/auth.js';
import { serviceUrl, type NodeConfig, type SubgraphName } from '../schema/topology.js';
import { REQUEST_ID_HEADER } from './log.js';

/**
 * Every signed call from one process of the federation to a node service goes through
 * `internalPost`: the gateway's GraphQL fetches (routing.ts) and audit calls, a subgraph's calls
 * to its peers, its event pulls and nudges. One place signs the exact body for the one service
 * it is meant for, carries the request id and the idempotency key, bounds the wait, and tells a
 * call that never left from one that got no answer.
 */

export interface InternalPost {
  node: NodeConfig;
  subgraph: SubgraphName;
  /** An endpoint beside the service's GraphQL (schema/topology.ts `serviceUrl`); absent: GraphQL itself. */
  path?: string;
  /** Who the call acts for: the client's actor, or SYSTEM for the federation's own work. */
  actor: Actor;
  /** The body as sent: the signature covers these exact bytes. */
  body: string;
  secret: string;
  /** The request this call serves: the callee's log line carries the same id. */
  requestId?: string;
  /** A mutation's key: signed with the body, so the callee returns the first outcome to a retry. */
  idempotencyKey?: string;
  /** Bound on the whole call, from sending to the answer read. */
  timeoutMs: number;
  /**
   * Lets the caller end the call early: given a function that cuts it with a reason (kept as the
   * error's `cutBy`), returns the function that stops watching, called when the call ends.
   */
  cutWhen?: (cut: (reason: Error) => void) => () => void;
  /** Connection pool to send through; undici's global one when absent. */
  dispatcher?: Dispatcher;
}

export interface InternalAnswer<T> {
  status: number;
  /** A 2xx status. */
  ok: boolean;
  /** The answer's JSON (every endpoint of a subgraph answers JSON, refusals included). */
  body: T;
}

/** Socket errors that mean the request never reached the service: nothing can have happened there. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Why a call was cut at its timeout (the reason its AbortSignal carries). */
class InternalTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * A call that got no answer to read. `sent` is false only when the connection was refused or the
 * host not found: the request never reached the service. Otherwise it may have arrived and taken
 * effect (a mutation's outcome is then unknown): it timed out, was cut by the caller (`cutBy`),
 * lost its connection, or was answered with something that is not JSON.
 */
export class InternalCallError extends Error {
  override name = 'InternalCallError';
  constructor(
    message: string,
    readonly sent: boolean,
    readonly timedOut: boolean,
    readonly cutBy: Error | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

export async function internalPost<T = unknown>(o: InternalPost): Promise<InternalAnswer<T>> {
  const headers = internalHeaders(o.actor, o.body, o.secret, { subgraph: o.subgraph, node: o.node.id }, o.idempotencyKey);
  if (o.requestId) headers[REQUEST_ID_HEADER] = o.requestId;
  const call = new AbortController();
  const timer = setTimeout(() => call.abort(new InternalTimeout()), o.timeoutMs);
  const unwatch = o.cutWhen?.((reason) => call.abort(reason));
  try {
    // undici's request(), not fetch(): the same HTTP client without the WHATWG Request/Response
    // and stream objects fetch builds per call, which are a good part of the gateway's CPU.
    const res = await request(serviceUrl(o.node, o.subgraph, o.path), { method: 'POST', headers, body: o.body, signal: call.signal, dispatcher: o.dispatcher });
    const status = res.statusCode;
    return { status, ok: status >= 200 && status <= 299, body: (await res.body.json()) as T };
  } catch (err) {
    const reason = call.signal.aborted ? (call.signal.reason as Error) : undefined;
    const timedOut = reason instanceof InternalTimeout;
    const cutBy = reason && !timedOut ? reason : undefined;
    // The socket's error, thrown as it is or as the cause of one of undici's own.
    const e = err as { code?: string; cause?: { code?: string } } | null;
    const sent = !!reason || !NOT_SENT.has(e?.code ?? e?.cause?.code ?? '');
    const why = timedOut
      ? `did not answer within ${o.timeoutMs} ms`
      : cutBy
        ? cutBy.message
        : !sent
          ? 'could not be reached'
          : err instanceof SyntaxError
            ? 'answered with a body that is not JSON'
            : 'dropped the connection before answering';
    throw new InternalCallError(why, sent, timedOut, cutBy, { cause: err });
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}
