/**
 * Runs a subgraph's background housekeeping one run at a time: on request (`run`, e.g. when a bulk
 * load ends, or a test driving it) and on an unref'd timer (`start`). A tick finding a run queued or
 * running skips; `stop()` waits for the last one, so the pool can close after it. The statistics
 * refresh (kit/server/statistics.ts) and the pruning of outbox, receipts and idempotency records
 * (kit/server/retention.ts) run this way.
 */
export class PeriodicWork<R> {
  private timer?: NodeJS.Timeout;
  private last: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly work: () => Promise<R>,
    private readonly onError: (err: unknown) => void,
    private readonly onDone: (r: R) => void = () => {},
  ) {}

  /** A run after the one in progress, if any, reported to `onDone`; rejects when it fails. */
  run(): Promise<R> {
    this.queued += 1;
    const next = this.last
      .then(() => this.work())
      .then((r) => {
        this.onDone(r);
        return r;
      })
      .finally(() => {
        this.queued -= 1;
      });
    this.last = next.catch(() => undefined);
    return next;
  }

  /** A run whose failure goes to `onError` (start-up, timer): never rejects. */
  runQuietly(): Promise<void> {
    return this.run().then(() => undefined, this.onError);
  }

  start(intervalMs: number): void {
    if (!(intervalMs > 0) || this.timer) return;
    this.timer = setInterval(() => {
      if (this.queued === 0) void this.runQuietly();
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.last;
  }
}
