/**
 * A quick reader for the plain YAML most clouds.yaml files are written in: nested `key: value` mappings, lists of
 * scalars or of mappings, comments, and quoted scalars on one line. For exactly that subset it gives what the
 * `yaml` package gives with the failsafe schema (every scalar a string); on anything else it gives up
 * (`undefined`) and the caller hands the text to the full parser. Loading and warming up the full parser costs
 * ~15–20 ms of every `canopy` run (issue 17, start-up); this reader needs none of that. It never guesses:
 * anchors, aliases, merge keys, tags, flow collections, block and multi-line scalars, escapes, document markers,
 * tabs, non-ASCII text outside comments and repeated keys all go to the full parser.
 */
import type { PlainObject } from './deep-merge.js';

/** One line with content: its number of leading spaces and the rest. */
interface Line {
  indent: number;
  text: string;
}

/** A plain key, then `:` at the end of the line or followed by a space. */
const KEY = /^([A-Za-z0-9_$][A-Za-z0-9_.$/-]*):(?: +(.*))?$/;
/** Characters a plain scalar may not start with (YAML indicators), and the quotes this reader reads itself. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>%@`']);
/** Printable ASCII only (in content lines). */
const SAFE_TEXT = /^[\x20-\x7e]*$/;
/** Comment lines may also hold printable text beyond ASCII (not the byte order mark, line separators or surrogates). */
const SAFE_COMMENT = /^ *#[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
class OutsideSubset extends Error {}

function giveUp(): never {
  throw new OutsideSubset();
}

/**
 * The mapping a simple YAML text holds, or `undefined` when the text is not simple (read it with the full parser).
 *
 * @example
 * parseSimpleYaml('clouds:\n  lab:\n    auth:\n      password: 0123\n') // { clouds: { lab: { auth: { password: '0123' } } } }
 * parseSimpleYaml('base: &b {a: 1}\n') // undefined: anchors and flow mappings need the full parser
 */
export function parseSimpleYaml(text: string): PlainObject | undefined {
  const lines = contentLines(text);
  if (!lines || lines.length === 0 || (lines[0] as Line).indent !== 0) return undefined;
  try {
    const reader = { lines, at: 0 };
    const value = readMapping(reader, 0);
    return reader.at === lines.length ? value : undefined;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** The lines that hold content (no blank or comment-only lines), or `undefined` for text outside the subset. */
function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  const raws = text.split('\n');
  for (const [i, raw] of raws.entries()) {
    const line = raw.endsWith('\r') && i < raws.length - 1 ? raw.slice(0, -1) : raw; // CRLF line ends
    if (SAFE_COMMENT.test(line)) continue;
    if (!SAFE_TEXT.test(line)) return undefined;
    const body = line.trimStart();
    if (body === '') continue;
    if (body.startsWith('---') || body.startsWith('...')) return undefined;
    lines.push({ indent: line.length - body.length, text: body.trimEnd() });
  }
  return lines;
}

interface Reader {
  lines: Line[];
  at: number;
}

/** Reads the keys at `indent`, starting at the reader's line, up to the first line indented less. */
function readMapping(reader: Reader, indent: number): PlainObject {
  const mapping: PlainObject = {};
  while (reader.at < reader.lines.length) {
    const line = reader.lines[reader.at] as Line;
    if (line.indent < indent) break;
    if (line.indent > indent) giveUp();
    const match = KEY.exec(line.text) ?? giveUp();
    const key = match[1] as string;
    if (key === '__proto__' || Object.hasOwn(mapping, key)) giveUp();
    reader.at++;
    const rest = match[2] ?? '';
    mapping[key] = rest === '' || rest.startsWith('#') ? readNested(reader, indent) : scalar(rest);
    const next = reader.lines[reader.at];
    if (next && next.indent > indent) giveUp(); // a value continued on the next line
  }
  return mapping;
}

/** The value of a key written with nothing after its colon: a nested mapping, a list, or the empty string. */
function readNested(reader: Reader, keyIndent: number): unknown {
  const next = reader.lines[reader.at];
  if (!next) return '';
  if (next.text.startsWith('- ') && next.indent >= keyIndent) return readList(reader, next.indent);
  if (next.indent > keyIndent) return readMapping(reader, next.indent);
  return '';
}

/** Reads `- scalar` and `- key: value` (a mapping) items at `indent`. */
function readList(reader: Reader, indent: number): unknown[] {
  const items: unknown[] = [];
  while (reader.at < reader.lines.length) {
    const line = reader.lines[reader.at] as Line;
    if (line.indent < indent) break;
    if (line.indent > indent) giveUp();
    if (!line.text.startsWith('- ')) break;
    const item = line.text.slice(2).trimStart();
    if (item === '' || item.startsWith('#')) giveUp();
    if (KEY.test(item)) {
      // The item's first key opens a mapping whose keys line up under it.
      const column = line.indent + line.text.length - item.length;
      reader.lines[reader.at] = { indent: column, text: item };
      items.push(readMapping(reader, column));
      continue;
    }
    items.push(scalar(item));
    reader.at++;
  }
  return items;
}

/** A one-line scalar (plain, 'single' or "double" quoted without escapes), with any trailing comment dropped. */
function scalar(text: string): string {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const end = quote === "'" ? singleQuotedEnd(text) : text.indexOf('"', 1);
    if (end < 0) giveUp();
    if (!/^(?: +#.*)?$/.test(text.slice(end + 1))) giveUp(); // only a comment may follow, after a space
    const inner = text.slice(1, end);
    if (quote === '"' && inner.includes('\\')) giveUp();
    return quote === "'" ? inner.replaceAll("''", "'") : inner;
  }
  if (INDICATORS.has(quote as string)) giveUp();
  const comment = text.indexOf(' #');
  const value = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
  if (value.includes(': ') || value.endsWith(':')) giveUp();
  return value;
}

/** Index of the quote closing a single-quoted scalar (`''` is an escaped quote), or -1. */
function singleQuotedEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") continue;
    if (text[i + 1] === "'") i++;
    else return i;
  }
  return -1;
}
