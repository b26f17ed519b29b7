/**
 * A periodic sweep that finishes what a crash or a lost answer left pending:
 * once at start-up (everything pending, whatever its age), then every
 * `everyMs` for rows older than `minAgeMs` (younger ones still have a live
 * caller). Runs never overlap; a failed run is logged and the next one tries again.
 */
import type { Logger } from './logger';

export interface SweepOptions {
  /** What the warning says failed. */
  name: string;
  log: Logger;
  everyMs: number;
  /** Age of the rows the periodic runs take (the first run takes all). */
  minAgeMs?: number;
  /** False while nothing can be done (e.g. the database is gone during shutdown): failures are not logged then. */
  ready?: () => boolean;
  run: (minAgeMs: number) => Promise<unknown>;
}

/** Starts the sweep; returns the stop function. */
export function startSweep(o: SweepOptions): () => void {
  let running = false;
  let stopped = false;
  const once = async (minAgeMs: number) => {
    if (running || stopped) return;
    running = true;
    try {
      await o.run(minAgeMs);
    } catch (err) {
      if (!stopped && (o.ready?.() ?? true)) o.log.warn({ err: (err as Error).message }, `${o.name} failed; will retry`);
    } finally {
      running = false;
    }
  };
  void once(0);
  const timer = setInterval(() => void once(o.minAgeMs ?? 2000), o.everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
