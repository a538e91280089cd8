/**
 * A `fetch` that holds the requests a test picks at a gate until the test opens it, then sends them for real.
 * It makes "a caller leaves while shared work is in flight" deterministic: wait for `arrived`, abort, `open()`.
 * Held requests reach the server only after `open()`, so the server's request log still counts what was sent; a
 * held request whose signal aborts rejects at once, as an in-flight fetch would.
 *
 * @example
 * const gate = gatedFetch((method, url) => method === 'POST' && url.endsWith('/auth/tokens'));
 * const cloud = await openCloud({ ..., fetch: gate.fetch });
 * const a = cloud.auth(controller.signal);
 * await gate.arrived;
 * controller.abort(new Error('A leaves'));
 * gate.open();
 */
export function gatedFetch(pick: (method: string, url: string) => boolean) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const held: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    if (pick(method, url)) {
      held.push(`${method} ${url}`);
      arrive();
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as unknown);
        signal?.addEventListener('abort', () => reject(signal.reason as unknown), { once: true });
        void gate.then(resolve);
      });
    }
    return fetch(input, init);
  };
  return { fetch: fetchFn, arrived, open, held };
}
