/**
 * Child of default-path-loads-no-undici.test.ts: opens the cloud `sim` of the clouds.yaml in CANOPY_TEST_CLOUDS
 * (a simulator the parent runs) with Canopy's defaults, and goes through the request paths a program uses:
 * authentication, discovery, a list, a list answered by the response cache, an error status (404), an upload and
 * a streamed download. Prints as JSON what it did and which of Node's internal modules with "undici" in their
 * name this process loaded. CANOPY_TEST_TOUCH_HEADERS=1 reads the global `Headers` first: the control that shows
 * the check sees undici when something does load it.
 */
import { Writable } from 'node:stream';
import { openCloud } from '../../../src/index.js';

if (process.env.CANOPY_TEST_TOUCH_HEADERS === '1') void globalThis.Headers;
const cloud = await openCloud({ cloud: 'sim', configFile: process.env.CANOPY_TEST_CLOUDS, env: {} });
try {
  const auth = await cloud.auth();
  let servers = 0;
  for await (const _ of cloud.listServers()) servers++;
  let flavors = 0;
  for (let round = 0; round < 2; round++) for await (const _ of cloud.listFlavors()) flavors++;
  const missing = await cloud.getServer('4f5e0e2c-0000-4000-8000-000000000000').then(
    () => 'found',
    (error: Error) => error.name,
  );
  await cloud.createContainer({ name: 'no-undici' });
  await cloud.uploadObject('no-undici', 'a.txt', { data: 'alpha beta' });
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await cloud.downloadObject('no-undici', 'a.txt', { stream: sink });
  const undici = (process as unknown as { moduleLoadList: string[] }).moduleLoadList.filter((name) => /undici/i.test(name));
  console.log(JSON.stringify({ token: Boolean(auth.token), servers, flavors, missing, downloaded: Buffer.concat(chunks).toString(), undici }));
} finally {
  await cloud.close();
}
