import type { CliContext } from './cli-context.js';

/**
 * A one-line progress display for a long operation: what step, what status, elapsed time. On a terminal it
 * redraws one line (every update, and each 100 ms for the clock) and clears it at the end; elsewhere (piped,
 * `--json`, `--yaml`) it prints nothing, so output stays machine-readable.
 *
 * @example
 * const progress = startProgress(ctx, 'server create web-1');
 * progress.update({ step: 'wait', status: 'BUILD/spawning' });
 * progress.stop();
 */
export interface Progress {
  /** Changes what the line says; fields not given keep their value. */
  update(state: { step?: string; status?: string }): void;
  /** Clears the line and stops the clock; `summary` (if any) is left on its own line. */
  stop(summary?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** True when progress may be drawn: a terminal, and the human (table) output. */
export function progressEnabled(ctx: CliContext): boolean {
  return Boolean(ctx.progress) && ctx.options.format === 'table';
}

/**
 * Starts a {@link Progress} for `label`; a no-op one unless {@link progressEnabled}.
 *
 * @example
 * const progress = startProgress(ctx, 'volume create data');
 */
export function startProgress(ctx: CliContext, label: string, now: () => number = Date.now): Progress {
  const write = ctx.progress;
  if (!write || !progressEnabled(ctx)) return { update: () => {}, stop: () => {} };
  const started = now();
  let step = '';
  let status = '';
  let frame = 0;
  const draw = () => {
    const elapsed = ((now() - started) / 1000).toFixed(1);
    const parts = [label, step && `step ${step}`, status, `${elapsed} s`].filter(Boolean);
    write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${parts.join(' · ')}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    update(state) {
      if (state.step !== undefined) step = state.step;
      if (state.status !== undefined) status = state.status;
      draw();
    },
    stop(summary) {
      clearInterval(timer);
      write('\r\x1b[2K');
      if (summary) write(`${summary}\n`);
    },
  };
}

/**
 * A byte count for people: `1.5 MiB`, `300 B`; `?` when unknown.
 *
 * @example
 * humanBytes(1572864) // '1.5 MiB'
 */
export function humanBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${u === 0 ? n : n.toFixed(1)} ${units[u]}`;
}
