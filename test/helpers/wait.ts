/** Polls `read` until `done(value)` holds or `ms` pass, and returns the last value (the test then asserts on it). */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!done(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = await read();
  }
  return v;
}
