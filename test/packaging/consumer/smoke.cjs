// What a consumer of the packed tarball can rely on, checked from CommonJS and from ESM (see .ci/consumer-check.sh).
// Plain JavaScript: it runs unchanged on the oldest Node in package.json's engines.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Names, guards, the public surface, the optional Redis package, and one server booted on the simulator. */
async function smoke(canopy, sim, label) {
  assert.equal(typeof canopy.openCloud, 'function');
  assert.equal(canopy.Cloud.name, 'Cloud');
  assert.equal(canopy.HttpError.name, 'HttpError');
  const error = new canopy.NotFoundError({ method: 'GET', url: 'http://127.0.0.1/x' });
  assert.equal(error.name, 'NotFoundError');
  assert.ok(error instanceof canopy.HttpError);
  assert.ok(canopy.isNotFoundError(error));
  for (const internal of ['KNOWN_NAMES', 'registerErrorName', 'guardFor']) assert.ok(!(internal in canopy), `${internal} is exported`);
  assert.ok(sim.PROFILES.includes('zed'));

  // @keyv/redis is an optional peer dependency: not installed here, so asking for Redis names it.
  assert.throws(() => require.resolve('@keyv/redis', { paths: [process.cwd()] }), /Cannot find module/);
  await assert.rejects(canopy.createCache({ store: 'redis', url: 'redis://127.0.0.1:1' }), (e) => {
    assert.equal(e.name, 'MissingPackageError');
    assert.equal(e.packageName, '@keyv/redis');
    assert.match(e.message, /npm install @keyv\/redis/);
    return true;
  });

  const cloudSim = await sim.startSimulator({ profile: 'zed', buildTimeMs: 20 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canopy-consumer-'));
  try {
    const configFile = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(configFile, cloudSim.cloudsYaml('sim'));
    const cloud = await canopy.openCloud({ cloud: 'sim', configFile, env: {} });
    try {
      const op = cloud.createServer({ name: 'consumer-check', image: 'cirros', flavor: 'm1.nano' });
      const [server] = await Promise.all([op]);
      assert.equal(server.status, 'ACTIVE');
      await cloud.deleteServer(server.id);
    } finally {
      await cloud.close();
    }
  } finally {
    await cloudSim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${label} on Node ${process.version}: ok`);
}

module.exports = { smoke };
