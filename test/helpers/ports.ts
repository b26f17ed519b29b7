import net from 'node:net';

/**
 * Ports for the test platforms come from below the kernel's ephemeral range
 * (Linux: 32768–60999), each jest worker from its own slice. A port the kernel
 * hands out with `listen(0)` is also where it puts the local end of outgoing
 * connections (Postgres pools, keep-alive fetches), so one "free a moment ago"
 * could be taken by a client socket before the subgraph bound it: EADDRINUSE.
 * Here only other listeners can collide, and each port is checked by binding it.
 */
const FIRST = 20_000;
const SLICE = 3_000;
const worker = Math.max(1, Number(process.env.JEST_WORKER_ID) || 1);
const base = FIRST + ((worker - 1) % 4) * SLICE;
let next = base + Math.floor(Math.random() * SLICE);

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A loopback port that was free a moment ago, from this worker's slice (never reused within the process). */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE; tries++) {
    const port = next;
    next = base + ((next - base + 1) % SLICE);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${base}–${base + SLICE - 1}`);
}
