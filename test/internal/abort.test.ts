import { describe, expect, it } from 'vitest';
import { SingleFlight, anySignal, raceSignal, timeoutSignal } from '../../src/internal/abort.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('raceSignal', () => {
  it('settles like the promise without a signal, or when the signal never fires', async () => {
    expect(await raceSignal(Promise.resolve(1))).toBe(1);
    expect(await raceSignal(Promise.resolve(2), new AbortController().signal)).toBe(2);
    await expect(raceSignal(Promise.reject(new Error('x')), new AbortController().signal)).rejects.toThrow('x');
  });

  it("rejects with the signal's reason on abort, leaving the promise to run", async () => {
    const work = deferred<number>();
    const c = new AbortController();
    const raced = raceSignal(work.promise, c.signal);
    const reason = new Error('left');
    c.abort(reason);
    await expect(raced).rejects.toBe(reason);
    work.resolve(3);
    expect(await work.promise).toBe(3);
  });

  it('an already aborted signal rejects at once and a later failure of the work stays handled', async () => {
    const c = new AbortController();
    c.abort(new Error('gone'));
    const work = deferred<number>();
    await expect(raceSignal(work.promise, c.signal)).rejects.toThrow('gone');
    work.reject(new Error('nobody listens')); // an unhandled rejection would fail the run
  });
});

describe('SingleFlight', () => {
  it('concurrent callers share one run; an aborted caller leaves, the others get the value; the key is free afterwards', async () => {
    const flights = new SingleFlight<string, number>();
    let runs = 0;
    const work = deferred<number>();
    const leaving = new AbortController();
    const a = flights.run('k', () => (runs++, work.promise), { signal: leaving.signal });
    const b = flights.run('k', () => (runs++, work.promise));
    leaving.abort(new Error('A left'));
    await expect(a).rejects.toThrow('A left');
    work.resolve(7);
    expect(await b).toBe(7);
    expect(runs).toBe(1);
    expect(flights.size).toBe(0);
    expect(await flights.run('k', async () => (runs++, 8))).toBe(8);
    expect(runs).toBe(2);
  });

  it('gives the work no signal, and a caller already aborted starts nothing', async () => {
    const flights = new SingleFlight<string, number>();
    const c = new AbortController();
    c.abort(new Error('before'));
    let runs = 0;
    await expect(flights.run('k', async () => (runs++, 1), { signal: c.signal })).rejects.toThrow('before');
    expect(runs).toBe(0);
    expect(flights.size).toBe(0);
  });

  it('a failure reaches every caller still waiting and frees the key', async () => {
    const flights = new SingleFlight<string, number>();
    const work = deferred<number>();
    const a = flights.run('k', () => work.promise);
    const b = flights.run('k', () => work.promise);
    work.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(flights.size).toBe(0);
  });
});

describe('timeoutSignal and anySignal', () => {
  it('no timer for no duration; anySignal passes a single signal through', () => {
    expect(timeoutSignal(undefined).signal).toBeUndefined();
    expect(timeoutSignal(0).signal).toBeUndefined();
    const s = new AbortController().signal;
    expect(anySignal(undefined, s)).toBe(s);
    expect(anySignal()).toBeUndefined();
  });

  it('fires with a TimeoutError reason, and clear() stops it', async () => {
    const t = timeoutSignal(1, 'too slow');
    await new Promise((r) => t.signal?.addEventListener('abort', r));
    expect((t.signal?.reason as DOMException).name).toBe('TimeoutError');
    const cleared = timeoutSignal(1);
    cleared.clear();
    await new Promise((r) => setTimeout(r, 20));
    expect(cleared.signal?.aborted).toBe(false);
  });
});
