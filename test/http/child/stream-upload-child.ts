/**
 * Child of transport-stream-memory.test.ts (run with --expose-gc): sends a 256 MiB stream body through the
 * Transport to a sink server in this process and prints the peak of live memory (heap + array buffers, after a
 * GC every 10 ms) as JSON.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../src/internal/logger.js';
import { Transport } from '../../../src/http/transport.js';

const MIB = 1 << 20;
const TOTAL = 256;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
let received = 0;
const server = createServer((req, res) => {
  req.on('data', (c: Buffer) => (received += c.length));
  req.on('end', () => {
    res.writeHead(204);
    res.end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const base = live();
let peak = base;
const timer = setInterval(() => (peak = Math.max(peak, live())), 10);
async function* chunks() {
  for (let i = 0; i < TOTAL; i++) yield new Uint8Array(MIB).fill(i & 0xff);
}
const transport = new Transport({ logger: silentLogger });
await transport.send({ method: 'PUT', url, service: 'object-store', stream: { source: chunks(), length: TOTAL * MIB } });
clearInterval(timer);
server.close();
process.stdout.write(JSON.stringify({ sentMiB: received / MIB, peakAboveBaseMiB: Math.round((peak - base) / MIB) }));
