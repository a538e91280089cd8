/**
 * Runs `fn` on every item with at most `limit` calls in flight, keeping each outcome in input order. A failure is
 * kept as that item's outcome; it never stops the others.
 *
 * @example
 * const outcomes = await mapBounded(clouds, 4, (c) => collect(c.listServers()));
 * for (const o of outcomes) if (o.ok) console.log(o.value.length); else console.error(o.error);
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown }>> {
  const outcomes: Array<{ ok: true; value: R } | { ok: false; error: unknown }> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await fn(items[index] as T) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return outcomes;
}
