import { INTERNAL_SIGNATURE_MAX_AGE_MS } from '../../../schema/auth.js';

/**
 * Remembers the nonces of the signatures this process accepted, so a captured internal request
 * cannot be sent a second time while its timestamp is still inside the window.
 *
 * Kept in memory, per subgraph process: that suffices because a signature names its target
 * subgraph and node (no other process accepts it) and expires after the window, so a nonce need
 * only be remembered for the window on either side of the clock. If one node ran several
 * processes of the same subgraph behind a balancer, each would keep its own set; this project
 * runs one per subgraph and node. The set is bounded: once full, further signed requests are
 * refused until older nonces expire — a refused request is safe, an accepted replay is not.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private sinceSweep = 0;

  constructor(
    private readonly windowMs = INTERNAL_SIGNATURE_MAX_AGE_MS,
    private readonly capacity = 200_000,
  ) {}

  /** True the first time a nonce is presented within its window; false for a replay (or when full). */
  accept(nonce: string, issuedAt: number, now = Date.now()): boolean {
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= this.capacity || ++this.sinceSweep >= 1024) this.evictExpired(now);
    if (this.seen.size >= this.capacity) return false;
    // A signature stays valid until issuedAt + window by the receiver's clock.
    this.seen.set(nonce, issuedAt + this.windowMs);
    return true;
  }

  private evictExpired(now: number) {
    this.sinceSweep = 0;
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce);
  }
}
