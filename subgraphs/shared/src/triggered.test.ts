import type { PgListener } from './pubsub';
import { startTriggered } from './triggered';

/** A listener that delivers what the test notifies, synchronously. */
function fakeListener() {
  const handlers: ((payload: string) => void)[] = [];
  const listener = { listen: async (_channel: string, h: (payload: string) => void) => (handlers.push(h), () => undefined) } as unknown as PgListener;
  return { listener, notify: (payload: string) => handlers.forEach((h) => h(payload)) };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startTriggered', () => {
  it('runs at once on each notification without settleMs (after the start-up run)', async () => {
    const { listener, notify } = fakeListener();
    let runs = 0;
    const stop = await startTriggered({ listener, channel: 'c', matches: () => true, intervalMs: 60_000, work: async () => void runs++, onError: () => undefined });
    await tick(5);
    notify('a');
    await tick(5);
    notify('b');
    await tick(5);
    expect(runs).toBe(3);
    stop();
  });

  it('with settleMs, the notifications of one moment start one run, after the delay', async () => {
    const { listener, notify } = fakeListener();
    let runs = 0;
    const stop = await startTriggered({ listener, channel: 'c', matches: (p) => p !== 'other', intervalMs: 60_000, settleMs: 40, work: async () => void runs++, onError: () => undefined });
    await tick(5);
    expect(runs).toBe(1); // the start-up run
    for (const p of ['a', 'b', 'other', 'c']) notify(p);
    await tick(10);
    expect(runs).toBe(1);
    await tick(60);
    expect(runs).toBe(2);
    notify('d');
    await tick(70);
    expect(runs).toBe(3);
    stop();
  });

  it('stopping drops a pending settled run', async () => {
    const { listener, notify } = fakeListener();
    let runs = 0;
    const stop = await startTriggered({ listener, channel: 'c', matches: () => true, intervalMs: 60_000, settleMs: 20, work: async () => void runs++, onError: () => undefined });
    await tick(5);
    notify('a');
    stop();
    await tick(40);
    expect(runs).toBe(1);
  });
});
