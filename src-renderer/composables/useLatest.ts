/**
 * Stores reload on every pushed event, so several loads can be in flight and answer out of order. Only the answer to
 * the most recent request is applied; older ones are dropped instead of overwriting newer data.
 */
export function latestOnly() {
  let generation = 0;
  return async function run<T>(request: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const mine = ++generation;
    const value = await request();
    if (mine === generation) apply(value);
  };
}
