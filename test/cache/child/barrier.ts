/** Tells the parent this process is set up, and resolves when the parent says every process is (`runTogether`). */
export function startTogether(): Promise<void> {
  process.stdout.write('ready\n');
  return new Promise((resolve) => {
    process.stdin.once('data', () => {
      process.stdin.destroy();
      resolve();
    });
  });
}
