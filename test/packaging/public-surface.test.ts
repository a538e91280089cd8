/** The package's runtime exports are a deliberate list: helpers the package uses internally stay inside. */
import { describe, expect, it } from 'vitest';
import * as canopy from '../../src/index.js';

describe('public surface of canopy-openstack', () => {
  it('does not export the error-name registry or the guard builder', () => {
    for (const internal of ['KNOWN_NAMES', 'registerErrorName', 'guardFor', 'createClient', 'loadRedis']) expect(Object.keys(canopy)).not.toContain(internal);
  });

  it('exports every error class with its guard, each class keeping its own name', () => {
    const classes = Object.entries(canopy).filter(([name, value]) => /^[A-Z]\w*Error$/.test(name) && typeof value === 'function');
    expect(classes.length).toBeGreaterThanOrEqual(21);
    for (const [name, value] of classes) {
      expect((value as { name: string }).name).toBe(name);
      expect(typeof (canopy as Record<string, unknown>)[`is${name}`]).toBe('function');
    }
  });
});
