import { describe, expect, it } from 'vitest';
import type { ObservedState } from '../../../src/cli/apply/observe.js';
import { PlanSchema } from '../../../src/cli/apply/plan-schema.js';
import { changes, planSteps } from '../../../src/cli/apply/planner.js';
import type { Server } from '../../../src/resources/compute/server-model.js';
import type { Volume } from '../../../src/cloud/volumes.js';
import type { Network } from '../../../src/cloud/networks.js';

const plan = PlanSchema.parse({
  keypairs: [{ name: 'k', publicKey: 'ssh-ed25519 AAAA x' }],
  networks: [{ name: 'n', cidr: '10.0.0.0/24' }],
  volumes: [{ name: 'v', size: 1 }],
  servers: [{ name: 's', image: 'cirros', flavor: 'm1.nano', network: 'n', volumes: ['v'] }],
});

const none = (): ObservedState => ({ keypairs: new Set(), networks: new Map(), volumes: new Map(), servers: new Map(), ids: new Map() });
const all = (attached: boolean): ObservedState => ({
  keypairs: new Set(['k']),
  networks: new Map([['n', { id: 'net-1', name: 'n', shared: false, external: false, subnetIds: [] } satisfies Network]]),
  volumes: new Map([['v', { id: 'vol-1', name: 'v', attachments: attached ? [{ serverId: 'srv-1' }] : [] } as unknown as Volume]]),
  servers: new Map([['s', { id: 'srv-1', name: 's' } as Server]]),
  ids: new Map(),
});
const line = (s: { action: string; kind: string; name: string }) => `${s.action} ${s.kind} ${s.name}`;

describe('planSteps', () => {
  it.each([
    ['nothing exists: create everything, dependencies first', none(), 'apply', ['create keypair k', 'create network n', 'create volume v', 'create server s', 'attach attachment v → s']],
    ['everything exists and is attached: keep all', all(true), 'apply', ['keep keypair k', 'keep network n', 'keep volume v', 'keep server s', 'keep attachment v → s']],
    ['everything exists but the volume is detached: attach only', all(false), 'apply', ['keep keypair k', 'keep network n', 'keep volume v', 'keep server s', 'attach attachment v → s']],
    ['delete: servers first, key pairs last', all(true), 'delete', ['delete server s', 'delete volume v', 'delete network n', 'delete keypair k']],
    ['delete when nothing exists: all absent', none(), 'delete', ['absent server s', 'absent volume v', 'absent network n', 'absent keypair k']],
  ] as const)('%s', (_what, observed, mode, expected) => {
    expect(planSteps(plan, observed, mode).map(line)).toEqual(expected);
  });

  it('counts only steps that change the cloud', () => {
    expect(planSteps(plan, all(true), 'apply').filter(changes)).toEqual([]);
    expect(planSteps(plan, all(false), 'apply').filter(changes).map(line)).toEqual(['attach attachment v → s']);
  });
});
