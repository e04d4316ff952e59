/**
 * Polls until `read` satisfies `done`, for at most `ms`; returns the last value read. For effects
 * that travel by events (a consumer polls its source every second and is nudged after each commit):
 * the bound is generous so a loaded machine still sees the effect; the test then asserts it.
 */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let v = await read();
  while (!done(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}
