import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/cloud/inventory/map-bounded.js';

describe('mapBounded', () => {
  it.each([
    [1, 5],
    [2, 5],
    [8, 5],
  ])('limit %i over %i items: never more in flight than the limit, outcomes in input order, a failure kept in place', async (limit, count) => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: count }, (_, i) => i);
    const outcomes = await mapBounded(items, limit, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(5 * ((i * 7) % 3));
      inFlight--;
      if (i === 2) throw new Error('boom');
      return i * 10;
    });
    expect(most).toBe(Math.min(limit, count));
    expect(outcomes.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual([0, 10, 'boom', 30, 40]);
  });
});
