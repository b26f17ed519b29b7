/**
 * A circuit breaker per downstream service: after `failures` consecutive
 * failures (deadline passed, connection refused, 5xx) it opens and callers
 * fail at once for `openMs`; then it lets exactly one probe through — a
 * success closes it, a failure opens it again for another `openMs`.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private consecutive = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(readonly failures: number, readonly openMs: number, private readonly now: () => number = Date.now) {}

  /** May a request go out now? In half-open state only the one probe may. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (this.now() - this.openedAt < this.openMs) return false;
      this.state = 'half-open';
      this.probing = false;
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Milliseconds until a probe will be let through (0 when closed). */
  retryAfterMs(): number {
    if (this.state === 'closed') return 0;
    if (this.state === 'half-open') return Math.min(this.openMs, 1000);
    return Math.max(0, this.openMs - (this.now() - this.openedAt));
  }

  success(): void {
    this.consecutive = 0;
    this.probing = false;
    this.state = 'closed';
  }

  failure(): void {
    this.probing = false;
    if (this.state === 'half-open') return this.open();
    if (++this.consecutive >= this.failures && this.state === 'closed') this.open();
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = this.now();
  }
}
