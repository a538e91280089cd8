/**
 * Compares a guide's sample output with what its example printed: every non-empty line of the sample must
 * appear, in order, among the printed lines; `…` in a sample line stands for any text (ids, addresses, ports).
 * Runs of spaces count as one, so table columns may be aligned differently.
 */

function squeeze(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

function linePattern(expected: string): RegExp {
  const parts = squeeze(expected).split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * The first sample line that could not be matched, or `undefined` when all were.
 *
 * @example
 * unmatchedLine('zed nova-auto\nkilo built-network', 'kilo …') // undefined
 */
export function unmatchedLine(actual: string, expected: string): string | undefined {
  const printed = actual.split('\n').map(squeeze);
  let at = 0;
  for (const want of expected.split('\n')) {
    if (want.trim() === '') continue;
    const pattern = linePattern(want);
    while (at < printed.length && !pattern.test(printed[at] ?? '')) at++;
    if (at === printed.length) return want;
    at++;
  }
  return undefined;
}
