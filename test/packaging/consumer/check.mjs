// import('canopy-openstack') from an ES module.
import { smoke } from './smoke.cjs';

const canopy = await import('canopy-openstack');
const sim = await import('canopy-openstack/sim');
await smoke(canopy, sim, 'import()');
