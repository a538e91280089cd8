import type { Cloud } from '../cloud/cloud.js';
import { openCliCloud, type CliContext } from './cli-context.js';

/**
 * Opens the CLI's cloud, runs `fn`, closes the cloud (also on failure) and returns exit code 0.
 *
 * @example
 * run: (ctx) => withCloud(ctx, async (cloud) => ctx.stdout(JSON.stringify(await cloud.describe())))
 */
export async function withCloud(ctx: CliContext, fn: (cloud: Cloud) => Promise<void>): Promise<number> {
  const cloud = await openCliCloud(ctx);
  try {
    await fn(cloud);
    return 0;
  } finally {
    await cloud.close();
  }
}
