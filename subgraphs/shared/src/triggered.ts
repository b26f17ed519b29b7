/**
 * Background work woken by NOTIFY and by a timer (the timer covers a missed
 * notification, e.g. after a crash or a lost listener connection). Triggers
 * that arrive while the work runs coalesce into one more run. With `settleMs`,
 * a notification starts the work only that long after it arrived, so that the
 * notifications of a busy moment are served by one run (for a consumer: one
 * fetch and one transaction for many events instead of one per event).
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
  /** How long after a notification the work starts (default 0: at once); the timer's runs start at once. */
  settleMs?: number;
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
  let settling: NodeJS.Timeout | undefined;
  const notified = () => {
    if (!o.settleMs) return void run();
    settling ??= setTimeout(() => {
      settling = undefined;
      void run();
    }, o.settleMs);
  };
  const off = await o.listener.listen(o.channel, (payload) => o.matches(payload) && notified());
  const timer = setInterval(run, o.intervalMs);
  timer.unref();
  void run();
  return () => {
    off();
    clearInterval(timer);
    if (settling) clearTimeout(settling);
  };
}
