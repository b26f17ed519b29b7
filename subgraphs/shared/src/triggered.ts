/**
 * Background work woken by NOTIFY and by a timer (the timer covers a missed
 * notification, e.g. after a crash or a lost listener connection). Triggers
 * that arrive while the work runs coalesce into one more run.
 */
import type { PgListener } from './pubsub';

export interface TriggeredWork {
  listener: PgListener;
  channel: string;
  /** Which notification payloads concern this work. */
  matches: (payload: string) => boolean;
  intervalMs: number;
  work: () => Promise<void>;
  onError: (err: unknown) => void;
}

export async function startTriggered(o: TriggeredWork): Promise<() => void> {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await o.work();
      } while (again);
    } catch (err) {
      o.onError(err);
    } finally {
      running = false;
    }
  };
  const off = await o.listener.listen(o.channel, (payload) => o.matches(payload) && void run());
  const timer = setInterval(run, o.intervalMs);
  timer.unref();
  void run();
  return () => {
    off();
    clearInterval(timer);
  };
}
