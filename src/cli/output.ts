import { stringify } from 'yaml';

/** How results are printed. */
export type OutputFormat = 'table' | 'json' | 'yaml';

/** A column of a table: header and how to get the cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Renders rows as an aligned text table. */
export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(c.value(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Prints data in the chosen format: JSON and YAML print `data` as-is; the table uses `columns`. */
export function formatOutput<T>(format: OutputFormat, data: T[] | T, columns: Column<T>[]): string {
  if (format === 'json') return JSON.stringify(data, null, 2);
  if (format === 'yaml') return stringify(data).trimEnd();
  return renderTable(Array.isArray(data) ? data : [data], columns);
}

/**
 * Prints one record: JSON and YAML print `data` as-is; the table is one FIELD / VALUE row per field.
 *
 * @example
 * ctx.stdout(formatRecord(ctx.options.format, server, { ID: (s) => s.id, STATUS: (s) => s.status }));
 */
export function formatRecord<T>(format: OutputFormat, data: T, fields: Record<string, (row: T) => unknown>): string {
  if (format !== 'table') return formatOutput(format, data, []);
  const rows = Object.entries(fields).map(([field, value]) => ({ field, value: value(data) }));
  return renderTable(rows, [
    { header: 'FIELD', value: (r) => r.field },
    { header: 'VALUE', value: (r) => r.value },
  ]);
}

export { collect } from '../cloud/collect.js';
