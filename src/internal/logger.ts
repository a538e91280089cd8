/** Where Canopy writes what it does. Silent by default; pass one to `openCloud({ logger })`. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
};

/**
 * A logger that writes one line per event to stderr (or the given sink). Fields are printed as JSON; callers
 * pass only redacted values.
 *
 * @example
 * openCloud({ cloud: 'prod', logger: createStderrLogger({ debug: true }) })
 */
export function createStderrLogger(options: { debug?: boolean; write?: (line: string) => void } = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(`[canopy ${level}] ${message}${fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''}`);
  return {
    debug: (m, f) => {
      if (options.debug) emit('debug', m, f);
    },
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
  };
}
