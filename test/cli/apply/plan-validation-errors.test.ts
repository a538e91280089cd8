import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/cli/apply/load-plan.js';
import { isConfigError } from '../../../src/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'canopy-plan-'));

function errorOf(text: string): { message: string; keyPath?: (string | number)[] } {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  try {
    loadPlan(file);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    expect(error.file).toBe(file);
    return { message: error.message, keyPath: error.keyPath };
  }
  throw new Error('the plan was accepted');
}

describe('a bad plan names the file, the key path and the line', () => {
  it.each([
    ['a number where a name goes', 'servers:\n  - name: web-1\n    image: cirros\n    flavor: 42\n', ['servers', 0, 'flavor'], 4],
    ['a missing required key (points at the server)', 'servers:\n  - name: web-1\n    flavor: m1.nano\n', ['servers', 0, 'image'], 2],
    ['an unknown key', 'networks:\n  - name: n\n    cidr: 10.0.0.0/24\n    gateway: 10.0.0.1\n', ['networks', 0, 'gateway'], 4],
    ['a bad CIDR', 'networks:\n  - name: n\n    cidr: ten-dot-zero\n', ['networks', 0, 'cidr'], 3],
    ['a duplicate server name', 'servers:\n  - { name: a, image: i, flavor: f }\n  - { name: a, image: i, flavor: f }\n', ['servers', 1, 'name'], 3],
    ['an unknown top-level section', 'loadbalancers: []\n', ['loadbalancers'], 1],
    ['a key pair without a key', 'keypairs:\n  - name: k\n', ['keypairs', 0], 2],
    ['a zero-size volume', 'volumes:\n  - name: v\n    size: 0\n', ['volumes', 0, 'size'], 3],
  ])('%s', (_what, text, keyPath, line) => {
    const { message, keyPath: got } = errorOf(text);
    expect(got).toEqual(keyPath);
    expect(message).toContain(`(line ${line})`);
    expect(message).toContain(keyPath.join('.'));
  });

  it('says where YAML itself is broken', () => {
    const { message } = errorOf('servers:\n  - name: [unclosed\n');
    expect(message).toMatch(/not valid YAML: .*\(line \d+\)/);
  });

  it('accepts a good plan and fills the defaults', () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, 'networks: [{ name: n, cidr: 10.0.0.0/24 }]\nservers: [{ name: s, image: cirros, flavor: m1.nano, network: n }]\n');
    const { plan } = loadPlan(file);
    expect(plan.networks[0]?.router).toBe(true);
    expect(plan.servers[0]).toMatchObject({ autoIp: false, volumes: [], securityGroups: [] });
    expect(plan.volumes).toEqual([]);
  });
});
