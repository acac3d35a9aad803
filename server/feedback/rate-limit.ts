/**
 * A sliding-window limit per client: at most `limit` events in any `windowMs`. Kept in memory, as
 * it only has to slow a script down, not survive a restart.
 */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the oldest counted event leaves the window (ms since the epoch). */
  resetAt: number;
}

/** Past this many clients, forgotten ones are swept out so the map cannot grow without bound. */
const SWEEP_AT = 10_000;

export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an event for `key` when the window has room, and says whether it did. */
  take(key: string): RateDecision {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((at) => at > since);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.events.set(key, recent);
    if (this.events.size > SWEEP_AT) this.sweep(since);
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - recent.length),
      resetAt: (recent[0] ?? now) + this.windowMs,
    };
  }

  private sweep(since: number): void {
    for (const [key, times] of this.events) {
      if (times.every((at) => at <= since)) this.events.delete(key);
    }
  }
}
