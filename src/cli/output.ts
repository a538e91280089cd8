/**
 * How `canopy` prints what a command found, with openstackclient's habits: `-f table|json|yaml|value|csv|shell`,
 * repeatable `-c COLUMN`, `--long`, `--sort-column`/`--sort-descending`, `--max-width`.
 *
 * Key style of machine output (one rule for every command):
 * - `-f json` / `-f yaml` (and `-c`) print the command's columns under openstackclient's names: a list is an
 *   array of objects keyed by the column headers (`ID`, `Name`, `Status`), a show one object keyed by the field
 *   names (`id`, `name`, `status`) — so a script written for `openstack` reads the same keys.
 * - `--json` / `--yaml` (Canopy's own short forms) print the SDK's record itself: camelCase, every field, exactly
 *   what the library's `listX`/`getX` return.
 */
import type * as Yaml from 'yaml';
import { requirePackage } from '../internal/require-package.js';
import { UsageError } from './exit-codes.js';
import { displayWidth, padDisplay, truncateDisplay } from './text-width.js';

/** How results are printed (`-f`). */
export type OutputFormat = 'table' | 'json' | 'yaml' | 'value' | 'csv' | 'shell';

/** Every value `-f` takes. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml', 'value', 'csv', 'shell'];

/** The output flags of one run (from the global flags). */
export interface OutputSettings {
  format: OutputFormat;
  /** `model`: `--json`/`--yaml` print the SDK's record; `columns`: the columns under their names. */
  keys?: 'model' | 'columns';
  /** `-c`: only these columns, in this order (matched ignoring case and punctuation). */
  columns?: readonly string[];
  /** `--long`: the wide columns too. */
  long?: boolean;
  /** `--sort-column` (repeatable) and `--sort-descending`. */
  sortColumns?: readonly string[];
  sortDescending?: boolean;
  /** `--max-width`, or the terminal's width on a terminal: the widest a table may be (0: no limit). */
  maxWidth?: number;
}

/** A column of a table: header and how to get the cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Shown only with `--long` (or when named by `-c`). */
  long?: boolean;
}

function settingsOf(output: OutputFormat | OutputSettings): OutputSettings {
  return typeof output === 'string' ? { format: output } : output;
}

/** A column name as `-c` and `--sort-column` match it: case and punctuation ignored (`Task State` = `task_state`). */
/** YAML text of `value`; the yaml package loads when YAML is printed, not when the CLI starts. */
const yamlText = (value: unknown): string => requirePackage<typeof Yaml>('yaml').stringify(value);

const keyOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function pick<T>(all: Column<T>[], names: readonly string[], flag: string): Column<T>[] {
  return names.map((name) => {
    const found = all.find((c) => keyOf(c.header) === keyOf(name));
    if (!found) throw new UsageError(`${flag} ${name}: no such column; choose from ${all.map((c) => c.header).join(', ')}`);
    return found;
  });
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  return cell(a).localeCompare(cell(b));
}

/** Rows sorted by `--sort-column` (stable; `--sort-descending` reverses). */
function sorted<T>(rows: T[], all: Column<T>[], settings: OutputSettings): T[] {
  const by = pick(all, settings.sortColumns ?? [], '--sort-column');
  if (by.length === 0) return rows;
  const sign = settings.sortDescending ? -1 : 1;
  return [...rows].sort((x, y) => {
    for (const c of by) {
      const order = compare(c.value(x), c.value(y));
      if (order !== 0) return sign * order;
    }
    return 0;
  });
}

/** Column widths shrunk (widest first) until the table fits `maxWidth`; no column below its header or 4. */
function fit(widths: number[], headers: string[], maxWidth: number): number[] {
  const out = [...widths];
  const total = () => out.reduce((a, b) => a + b, 0) + 2 * (out.length - 1);
  const floor = headers.map((h) => Math.max(4, Math.min(displayWidth(h), 12)));
  while (total() > maxWidth) {
    let widest = -1;
    for (let i = 0; i < out.length; i++) if ((out[i] as number) > (floor[i] as number) && (widest < 0 || (out[i] as number) > (out[widest] as number))) widest = i;
    if (widest < 0) break;
    out[widest] = (out[widest] as number) - 1;
  }
  return out;
}

/**
 * Renders rows as an aligned text table, widths measured as the terminal draws them (CJK and emoji take two
 * columns); with `maxWidth` the widest columns are cut (ending in `…`) until the table fits.
 *
 * @example
 * renderTable([{ id: 'a1' }], [{ header: 'ID', value: (r) => r.id }]) // 'ID\n--\na1'
 */
export function renderTable<T>(rows: T[], columns: Column<T>[], maxWidth = 0): string {
  const headers = columns.map((c) => c.header);
  const cells = rows.map((r) => columns.map((c) => cell(c.value(r)).replace(/\s*\n\s*/g, ' ')));
  let widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  if (maxWidth > 0) widths = fit(widths, headers, maxWidth);
  const line = (values: string[]) => values.map((v, i) => padDisplay(truncateDisplay(v, widths[i] ?? 0), widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const csvField = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : `"${cell(v).replace(/"/g, '""')}"`);

/** `-f shell`: `name="value"` with the name made a shell variable name. */
const shellLine = (name: string, v: unknown) => `${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}="${cell(v).replace(/(["\\$`])/g, '\\$1')}"`;

function keyed<T>(row: T, columns: Column<T>[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c.header, c.value(row) ?? null]));
}

/**
 * Prints rows in the chosen format. `--json`/`--yaml` print `data` as-is (the SDK's records); `-f json|yaml`
 * and `-c` print the columns keyed by their headers; `value` is the values separated by spaces, a row a line,
 * no header; `csv` quotes what is not a number. `--long` adds the long columns, `--sort-column` sorts.
 *
 * @example
 * ctx.stdout(formatOutput(ctx.options, flavors, [{ header: 'ID', value: (f) => f.id }, { header: 'Name', value: (f) => f.name }]));
 */
export function formatOutput<T>(output: OutputFormat | OutputSettings, data: T[] | T, columns: Column<T>[]): string {
  const settings = settingsOf(output);
  const rows = sorted(Array.isArray(data) ? data : [data], columns, settings);
  const chosen = settings.columns?.length ? pick(columns, settings.columns, '-c') : columns.filter((c) => !c.long || settings.long);
  const asModel = settings.keys !== 'columns' && !settings.columns?.length;
  switch (settings.format) {
    case 'json':
      if (asModel) return JSON.stringify(Array.isArray(data) ? rows : data, null, 2);
      return JSON.stringify(Array.isArray(data) ? rows.map((r) => keyed(r, chosen)) : keyed(data, chosen), null, 2);
    case 'yaml':
      if (asModel) return yamlText(Array.isArray(data) ? rows : data).trimEnd();
      return yamlText(Array.isArray(data) ? rows.map((r) => keyed(r, chosen)) : keyed(data, chosen)).trimEnd();
    case 'value':
      return rows.map((r) => chosen.map((c) => cell(c.value(r))).join(' ')).join('\n');
    case 'csv':
      return [chosen.map((c) => csvField(c.header)).join(','), ...rows.map((r) => chosen.map((c) => csvField(c.value(r))).join(','))].join('\n');
    case 'shell':
      if (!Array.isArray(data)) return chosen.map((c) => shellLine(c.header, c.value(data))).join('\n');
      throw new UsageError('-f shell prints one record (a show command); a list takes table, json, yaml, value or csv');
    default:
      return renderTable(rows, chosen, settings.maxWidth ?? 0);
  }
}

/**
 * Prints one record: `--json`/`--yaml` print `data` as-is; `-f json|yaml` an object keyed by the field names;
 * the table is one Field / Value row per field; `value` one value a line; `shell` `field="value"` lines;
 * `csv` a header of field names and one row of values. `-c` picks fields.
 *
 * @example
 * ctx.stdout(formatRecord(ctx.options, server, { id: (s) => s.id, status: (s) => s.status }));
 */
export function formatRecord<T>(output: OutputFormat | OutputSettings, data: T, fields: Record<string, (row: T) => unknown>): string {
  const settings = settingsOf(output);
  const all: Column<T>[] = Object.entries(fields).map(([header, value]) => ({ header, value }));
  const chosen = settings.columns?.length ? pick(all, settings.columns, '-c') : all;
  const asModel = settings.keys !== 'columns' && !settings.columns?.length;
  switch (settings.format) {
    case 'json':
      return JSON.stringify(asModel ? data : keyed(data, chosen), null, 2);
    case 'yaml':
      return yamlText(asModel ? data : keyed(data, chosen)).trimEnd();
    case 'shell':
      return chosen.map((c) => shellLine(c.header, c.value(data))).join('\n');
    case 'value':
      return chosen.map((c) => cell(c.value(data))).join('\n');
    case 'csv':
      return [chosen.map((c) => csvField(c.header)).join(','), chosen.map((c) => csvField(c.value(data))).join(',')].join('\n');
    default: {
      const rows = chosen.map((c) => ({ field: c.header, value: c.value(data) }));
      return renderTable(
        rows,
        [
          { header: 'Field', value: (r) => r.field },
          { header: 'Value', value: (r) => r.value },
        ],
        settings.maxWidth ?? 0,
      );
    }
  }
}

export { collect } from '../cloud/collect.js';
