// require('canopy-openstack') from CommonJS.
'use strict';
const { smoke } = require('./smoke.cjs');

smoke(require('canopy-openstack'), require('canopy-openstack/sim'), 'require()').catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
