/**
 * `npm run bench`: runs every benchmark (or those named by `--only a,b`) and prints one table of Canopy /
 * baseline ratios, all measured in this run. Benches on the mini OpenStack are skipped, and the table says so,
 * when it does not answer (or with `--no-minicloud`).
 *
 * Usage: node .tmp/bench/main.js [--only boot,bootsim,wait100,wait1000,list10k,cli,cold] [--no-minicloud] [--json out.json]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchBoot } from './boot.js';
import { benchBootSim } from './boot-sim.js';
import { benchCliList } from './cli-list.js';
import { benchColdStart } from './cold-start.js';
import { benchList10k } from './list-10k.js';
import { benchObjectStorage } from './object-storage.js';
import { minicloudStatus } from './support/minicloud.js';
import { renderTable, type BenchResult } from './support/report.js';
import { benchWait100 } from './wait-100.js';
import { benchWait1000 } from './wait-1000.js';

interface Bench {
  id: string;
  title: string;
  needsMinicloud: boolean;
  run: () => Promise<BenchResult>;
}

const BENCHES: Bench[] = [
  { id: 'boot', title: 'boot 10 servers with a floating IP each (mini OpenStack, 50 ms per request)', needsMinicloud: true, run: benchBoot },
  { id: 'bootsim', title: 'boot 10 servers with a floating IP each (simulator, zed, 3 s build, 50 ms per request)', needsMinicloud: false, run: benchBootSim },
  { id: 'wait100', title: '100 waiters, existing servers (simulator)', needsMinicloud: false, run: benchWait100 },
  { id: 'wait1000', title: '1,000 servers building, 1,000 waiters (simulator)', needsMinicloud: false, run: benchWait1000 },
  { id: 'list10k', title: 'list 10,000 servers (simulator)', needsMinicloud: false, run: benchList10k },
  { id: 'cli', title: 'warm server list CLI (mini OpenStack, 50 ms per request)', needsMinicloud: true, run: benchCliList },
  { id: 'objects', title: 'upload and download 200 MB (mini OpenStack Swift, 50 ms per request)', needsMinicloud: true, run: benchObjectStorage },
  { id: 'cold', title: 'cold import + first authenticated request (mini OpenStack)', needsMinicloud: true, run: benchColdStart },
];

function parseArgs(argv: string[]): { only?: Set<string>; minicloud: boolean; json?: string } {
  const out: { only?: Set<string>; minicloud: boolean; json?: string } = { minicloud: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') out.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (arg?.startsWith('--only=')) out.only = new Set(arg.slice(7).split(',').filter(Boolean));
    else if (arg === '--no-minicloud') out.minicloud = false;
    else if (arg === '--json') out.json = argv[++i];
    else {
      console.error(`unknown argument ${arg}; usage: main.js [--only ${BENCHES.map((b) => b.id).join(',')}] [--no-minicloud] [--json file]`);
      process.exit(2);
    }
  }
  const unknown = [...(out.only ?? [])].filter((id) => !BENCHES.some((b) => b.id === id));
  if (unknown.length) {
    console.error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  return out;
}

// The heap figures need a full GC on demand: restart with --expose-gc when it is missing.
if (!(globalThis as { gc?: unknown }).gc) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, process.argv[1] ?? '', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const args = parseArgs(process.argv.slice(2));
const selected = BENCHES.filter((b) => !args.only || args.only.has(b.id));
const minicloud = args.minicloud && selected.some((b) => b.needsMinicloud) ? await minicloudStatus() : { up: false, why: 'not asked for (--no-minicloud)' };
const results: BenchResult[] = [];
const started = performance.now();
console.log(`canopy bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
for (const bench of selected) {
  if (bench.needsMinicloud && !minicloud.up) {
    results.push({ id: bench.id, title: bench.title, baseline: '-', rows: [], skipped: `mini OpenStack not used: ${minicloud.why}` });
    console.log(`[${bench.id}] NOT RUN: mini OpenStack not used (${minicloud.why})`);
    continue;
  }
  const t0 = performance.now();
  console.log(`[${bench.id}] ${bench.title} …`);
  try {
    const result = await bench.run();
    results.push(result);
    console.log(`[${bench.id}] done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[${bench.id}] FAILED:`, error);
    results.push({ id: bench.id, title: bench.title, baseline: '-', rows: [], skipped: `failed: ${(error as Error).message}` });
    process.exitCode = 1;
  }
}
console.log(`\n${renderTable(results)}\n\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (args.json) writeFileSync(args.json, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: cpus().length, results }, null, 2)}\n`);
