/**
 * What a benchmark hands back, and the one table `bench/main.ts` prints from every result of a run.
 *
 * A row compares Canopy with a baseline measured in the same run; a bench that could not run returns a
 * `skipped` result with the reason, and the table says so instead of showing numbers.
 */

/** One compared figure: Canopy's value, the baseline's, and the target on their ratio (Canopy / baseline). */
export interface BenchRow {
  /** e.g. `'HTTP requests'`. */
  metric: string;
  canopy: number;
  /** The baseline's value; omitted for absolute figures (then `target` applies to Canopy's value itself). */
  baseline?: number;
  /** How a value is printed: `ms`, `s`, `MB`, or a plain count. */
  unit?: 'ms' | 's' | 'MB' | 'count';
  /** e.g. `{ max: 0.3 }` on the ratio, or `{ maxValue: 1000 }` on Canopy's own value. */
  target?: { max?: number; maxValue?: number; equals?: number };
}

/** What one benchmark measured. */
export interface BenchResult {
  /** Short id used by `--only`, e.g. `'boot'`. */
  id: string;
  title: string;
  /** What the baseline is, e.g. `'openstacksdk 0.101 (threads)'`. */
  baseline: string;
  rows: BenchRow[];
  /** Anything the reader should know about these figures. */
  notes?: string[];
  /** Why it was not run; rows are then empty. */
  skipped?: string;
}

/**
 * Formats a value with its unit.
 *
 * @example
 * formatValue(1234, 'ms'); // '1234 ms'
 */
export function formatValue(value: number, unit: BenchRow['unit'] = 'count'): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    case 's':
      return `${value.toFixed(1)} s`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

/** The ratio Canopy / baseline, or undefined when there is no baseline or it is zero. */
export function ratioOf(row: BenchRow): number | undefined {
  if (row.baseline === undefined || row.baseline === 0) return undefined;
  return row.canopy / row.baseline;
}

/**
 * Whether a row meets its target: `true`, `false`, or `undefined` when it has none.
 *
 * @example
 * meetsTarget({ metric: 'HTTP requests', canopy: 40, baseline: 170, target: { max: 0.3 } }); // true
 */
export function meetsTarget(row: BenchRow): boolean | undefined {
  const { target } = row;
  if (!target) return undefined;
  if (target.equals !== undefined) return row.canopy === target.equals;
  if (target.maxValue !== undefined) return row.canopy <= target.maxValue;
  const ratio = ratioOf(row);
  if (target.max !== undefined && ratio !== undefined) return ratio <= target.max;
  return undefined;
}

function targetText(row: BenchRow): string {
  const { target } = row;
  if (!target) return '';
  if (target.equals !== undefined) return `= ${formatValue(target.equals, row.unit)}`;
  if (target.maxValue !== undefined) return `≤ ${formatValue(target.maxValue, row.unit)}`;
  if (target.max !== undefined) return `≤ ${target.max}×`;
  return '';
}

/**
 * The table of every result: one line per row with Canopy, baseline, ratio and target; skipped benches say why.
 *
 * @example
 * console.log(renderTable(results));
 */
export function renderTable(results: BenchResult[]): string {
  const header = ['bench', 'metric', 'canopy', 'baseline', 'ratio', 'target', 'ok'];
  const lines: string[][] = [];
  for (const result of results) {
    if (result.skipped) {
      lines.push([result.id, 'NOT RUN', '-', '-', '-', '-', result.skipped]);
      continue;
    }
    for (const row of result.rows) {
      const ratio = ratioOf(row);
      const ok = meetsTarget(row);
      lines.push([
        result.id,
        row.metric,
        formatValue(row.canopy, row.unit),
        row.baseline === undefined ? '-' : formatValue(row.baseline, row.unit),
        ratio === undefined ? '-' : `${ratio < 0.01 ? ratio.toFixed(4) : ratio.toFixed(2)}×`,
        targetText(row) || '-',
        ok === undefined ? '' : ok ? 'yes' : 'NO',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)];
  const legend = results.filter((r) => !r.skipped).map((r) => `  ${r.id}: ${r.title} — baseline: ${r.baseline}`);
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `  [${r.id}] ${n}`));
  return [...out, '', 'benches:', ...legend, ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}

/**
 * A short "route ×count" summary of the most frequent routes.
 *
 * @example
 * routeSummary([['compute GET /v2.1/servers/detail', 5]]); // 'compute GET /v2.1/servers/detail ×5'
 */
export function routeSummary(routes: [string, number][] | Record<string, number>, top = 6): string {
  const entries = Array.isArray(routes) ? routes : Object.entries(routes);
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([route, n]) => `${route} ×${n}`)
    .join(', ');
}
