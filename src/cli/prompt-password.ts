/**
 * The password prompt of a terminal run: the question on stderr, the answer read from stdin in raw mode with
 * nothing echoed (backspace edits, Ctrl-C or Ctrl-D gives up), so the password never reaches shell history,
 * `ps` or the screen.
 */

/**
 * Asks `question` on the terminal and resolves the line typed, unechoed. Rejects when stdin is not a terminal.
 *
 * @example
 * const password = await promptPassword('Password for demo@https://keystone:5000/v3: ');
 */
export function promptPassword(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) return Promise.reject(new Error('no terminal to ask for a password on'));
  return new Promise((resolve, reject) => {
    let answer = '';
    output.write(question);
    input.setRawMode(true);
    input.resume();
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('password prompt cancelled'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    input.on('data', onData);
  });
}
