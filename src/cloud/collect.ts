/**
 * Collects an async iterable (a paginated list) into an array.
 *
 * @example
 * const servers = await collect(cloud.listServers());
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
