/**
 * The output formats of every command (`-f table|json|yaml|value|csv|shell`, `-c`, `--long`, `--sort-column`,
 * `--max-width`) and the terminal width of text (CJK and emoji take two columns).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { globalOptions } from '../../src/cli/global-options.js';
import { formatOutput, formatRecord, renderTable, type Column } from '../../src/cli/output.js';
import { displayWidth, padDisplay, truncateDisplay } from '../../src/cli/text-width.js';

interface Row {
  id: string;
  name: string;
  ram: number;
  extra?: { a: string };
}
const ROWS: Row[] = [
  { id: 'b2', name: 'small', ram: 2048 },
  { id: 'a1', name: 'tiny "x"', ram: 512, extra: { a: 'b' } },
  { id: 'c3', name: 'big', ram: 4096 },
];
const COLUMNS: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'Name', value: (r) => r.name },
  { header: 'RAM', value: (r) => r.ram },
  { header: 'Extra Specs', value: (r) => r.extra, long: true },
];
const FIELDS = { id: (r: Row) => r.id, name: (r: Row) => r.name, ram: (r: Row) => r.ram, task_state: () => null };

/** The output settings a command line gives (parsed as the CLI parses them). */
const flags = (values: Record<string, unknown>) => globalOptions(values);

describe('lists', () => {
  it('-f json: objects keyed by the column headers (openstackclient), long columns only with --long', () => {
    expect(JSON.parse(formatOutput(flags({ format: 'json' }), ROWS, COLUMNS))).toEqual([
      { ID: 'b2', Name: 'small', RAM: 2048 },
      { ID: 'a1', Name: 'tiny "x"', RAM: 512 },
      { ID: 'c3', Name: 'big', RAM: 4096 },
    ]);
    expect(JSON.parse(formatOutput(flags({ format: 'json', long: true }), ROWS, COLUMNS))[1]).toEqual({ ID: 'a1', Name: 'tiny "x"', RAM: 512, 'Extra Specs': { a: 'b' } });
  });

  it('--json and --yaml: the records themselves (the SDK model)', () => {
    expect(JSON.parse(formatOutput(flags({ json: true }), ROWS, COLUMNS))).toEqual(ROWS);
    expect(parse(formatOutput(flags({ yaml: true }), ROWS, COLUMNS))).toEqual(ROWS);
  });

  it('-f value -c id -c name: values separated by spaces, a row a line, no header; -c ignores case and punctuation', () => {
    expect(formatOutput(flags({ format: 'value', column: ['id', 'name'] }), ROWS, COLUMNS)).toBe('b2 small\na1 tiny "x"\nc3 big');
    expect(formatOutput(flags({ format: 'value', column: ['extra_specs'] }), ROWS, COLUMNS)).toBe('\n{"a":"b"}\n');
  });

  it('-f csv: a header line, strings quoted (quotes doubled), numbers bare', () => {
    expect(formatOutput(flags({ format: 'csv' }), ROWS, COLUMNS).split('\n')).toEqual(['"ID","Name","RAM"', '"b2","small",2048', '"a1","tiny ""x""",512', '"c3","big",4096']);
  });

  it('-f yaml -c: the chosen columns in the chosen order', () => {
    expect(parse(formatOutput(flags({ format: 'yaml', column: ['Name', 'ID'] }), ROWS, COLUMNS))).toEqual([
      { Name: 'small', ID: 'b2' },
      { Name: 'tiny "x"', ID: 'a1' },
      { Name: 'big', ID: 'c3' },
    ]);
  });

  it('--sort-column (numbers as numbers) and --sort-descending', () => {
    expect(formatOutput(flags({ format: 'value', column: ['id'], 'sort-column': ['ram'] }), ROWS, COLUMNS)).toBe('a1\nb2\nc3');
    expect(formatOutput(flags({ format: 'value', column: ['id'], 'sort-column': ['Name'], 'sort-descending': true }), ROWS, COLUMNS)).toBe('a1\nb2\nc3');
  });

  it('an unknown column is a usage error naming the columns there are', () => {
    expect(() => formatOutput(flags({ format: 'value', column: ['Colour'] }), ROWS, COLUMNS)).toThrow(/-c Colour: no such column; choose from ID, Name, RAM, Extra Specs/);
    expect(() => formatOutput(flags({ 'sort-column': ['x'] }), ROWS, COLUMNS)).toThrow(/--sort-column x/);
  });

  it('-f shell is for one record', () => {
    expect(() => formatOutput(flags({ format: 'shell' }), ROWS, COLUMNS)).toThrow(/-f shell prints one record/);
  });

  it('the table: headers, a rule, aligned rows', () => {
    expect(formatOutput(flags({}), ROWS, COLUMNS).split('\n')).toEqual(['ID  Name      RAM', '--  --------  ----', 'b2  small     2048', 'a1  tiny "x"  512', 'c3  big       4096']);
  });
});

describe('one record (show)', () => {
  const row = ROWS[1] as Row;
  it('-f json: an object keyed by field names; --json the record', () => {
    expect(JSON.parse(formatRecord(flags({ format: 'json' }), row, FIELDS))).toEqual({ id: 'a1', name: 'tiny "x"', ram: 512, task_state: null });
    expect(JSON.parse(formatRecord(flags({ json: true }), row, FIELDS))).toEqual(row);
  });

  it('-f value: one value a line; -f shell: name="value" lines, quoted for the shell; -f csv: header and one row', () => {
    expect(formatRecord(flags({ format: 'value', column: ['name', 'id'] }), row, FIELDS)).toBe('tiny "x"\na1');
    expect(formatRecord(flags({ format: 'shell' }), row, FIELDS).split('\n')).toEqual(['id="a1"', 'name="tiny \\"x\\""', 'ram="512"', 'task_state=""']);
    expect(formatRecord(flags({ format: 'csv', column: ['id', 'ram'] }), row, FIELDS)).toBe('"id","ram"\n"a1",512');
  });

  it('the table: Field and Value', () => {
    expect(formatRecord(flags({ column: ['ID', 'Task State'] }), row, FIELDS).split('\n')).toEqual(['Field       Value', '----------  -----', 'id          a1', 'task_state']);
  });
});

describe('the global output flags', () => {
  it('refuse two formats at once and formats that do not exist', () => {
    expect(() => globalOptions({ json: true, yaml: true })).toThrow(/choose one of --json and --yaml/);
    expect(() => globalOptions({ json: true, format: 'csv' })).toThrow(/choose one of --json and -f/);
    expect(() => globalOptions({ format: 'xml' })).toThrow(/-f takes table, json, yaml, value, csv, shell; got "xml"/);
    expect(() => globalOptions({ 'max-width': '-3' })).toThrow(/--max-width takes a whole number/);
  });

  it('--max-width defaults to the terminal width; an explicit value (0: no limit) wins', () => {
    expect(globalOptions({}, 100).maxWidth).toBe(100);
    expect(globalOptions({ 'max-width': '0' }, 100).maxWidth).toBe(0);
    expect(globalOptions({}).maxWidth).toBeUndefined();
  });
});

describe('text width as the terminal draws it', () => {
  it.each([
    ['web-1', 5],
    ['', 0],
    ['サーバー', 8], // katakana: wide
    ['服务器01', 8], // CJK ideographs + ASCII
    ['서버', 4], // Hangul syllables
    ['ｗｅｂ', 6], // fullwidth Latin
    ['🚀 up', 5], // emoji: wide
    ['👍🏽', 2], // emoji with a skin-tone modifier: one picture
    ['👨‍👩‍👧', 2], // a ZWJ family: one picture
    ['🇯🇵', 2], // a flag: two regional indicators, one picture
    ['❤️', 2], // a text symbol with VS16 (emoji presentation)
    ['é', 1], // e + combining acute
    ['a\u200Bb', 2], // zero-width space
    ['Ωμέγα', 5], // Greek: narrow
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads and truncates by columns, never splitting a character', () => {
    expect(padDisplay('名前', 6)).toBe('名前  ');
    expect(truncateDisplay('a-very-long-name', 8)).toBe('a-very-…');
    expect(truncateDisplay('サーバー名前', 6)).toBe('サー…');
    expect(displayWidth(truncateDisplay('サーバー名前', 6))).toBeLessThanOrEqual(6);
    expect(truncateDisplay('short', 8)).toBe('short');
  });

  it('a table of CJK and emoji names lines up on a terminal, and fits --max-width by cutting the widest column', () => {
    const rows = [
      { id: '1', name: 'サーバー', status: 'ACTIVE' },
      { id: '2', name: '🚀 rocket', status: 'BUILD' },
      { id: '3', name: 'plain', status: 'SHUTOFF' },
    ];
    const columns: Column<(typeof rows)[number]>[] = [
      { header: 'ID', value: (r) => r.id },
      { header: 'Name', value: (r) => r.name },
      { header: 'Status', value: (r) => r.status },
    ];
    const lines = renderTable(rows, columns).split('\n');
    // Every Status cell starts at the same terminal column.
    const statusAt = lines.filter((l) => !l.startsWith('-')).map((l) => displayWidth(l.slice(0, l.search(/(ACTIVE|BUILD|SHUTOFF|Status)/))));
    expect(new Set(statusAt).size).toBe(1);
    const narrow = renderTable(rows, columns, 20).split('\n');
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(narrow[2]).toMatch(/…/);
  });
});
