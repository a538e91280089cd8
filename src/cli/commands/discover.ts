import type { ServiceDescription } from '../../http/connection.js';
import { openCliCloud, type CliContext } from '../cli-context.js';
import { formatOutput } from '../output.js';

/** `canopy discover`: each service's type, endpoint, API version and microversion range. */
export async function discoverCommand(ctx: CliContext): Promise<number> {
  const cloud = await openCliCloud(ctx);
  try {
    const services = await cloud.describe();
    ctx.stdout(
      formatOutput<ServiceDescription>(ctx.options, services, [
        { header: 'TYPE', value: (s) => s.type },
        { header: 'VERSION', value: (s) => s.version },
        { header: 'MICROVERSIONS', value: (s) => (s.microversion ? `${s.microversion.min} – ${s.microversion.max}` : '') },
        { header: 'NEGOTIATED', value: (s) => s.microversion?.negotiated ?? '' },
        { header: 'ENDPOINT', value: (s) => s.endpoint },
      ]),
    );
    return 0;
  } finally {
    await cloud.close();
  }
}
