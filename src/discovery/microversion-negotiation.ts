/**
 * Choosing the microversion to send, and the headers that carry it.
 */
import { DiscoveryError } from '../errors/index.js';
import { Microversion } from './microversion.js';
import { officialServiceType, serviceTypeInfo } from './service-types.js';

/** What negotiation starts from. */
export interface NegotiateMicroversionOptions {
  /** The newest microversion Canopy's code understands for the service (see `clientMaxMicroversion`). */
  clientMax: string;
  /** The server's `min_version`; absent when the server has no microversions. */
  serverMin?: string;
  /** The server's `version` / `max_version`; absent when the server has no microversions. */
  serverMax?: string;
  /** A microversion the user pinned (`'2.53'`), or `'latest'` for the server's maximum. */
  pinned?: string;
  /** For the error message. */
  serviceType?: string;
}

/**
 * The microversion to send: the pin when the server offers it, else the lower of the client's and the server's
 * maximum. `undefined` when the server has no microversions and nothing was pinned.
 *
 * @example
 * negotiateMicroversion({ clientMax: '2.100', serverMin: '2.1', serverMax: '2.93' })?.toString() // '2.93'
 * negotiateMicroversion({ clientMax: '2.100', serverMin: '2.1', serverMax: '2.93', pinned: '2.53' })?.toString() // '2.53'
 * @throws DiscoveryError when the pin is outside the server's range (or the server has no microversions), or when
 * the client and the server have no microversion in common.
 */
export function negotiateMicroversion(options: NegotiateMicroversionOptions): Microversion | undefined {
  const service = options.serviceType ? `${options.serviceType} ` : '';
  const details = options.serviceType ? { serviceType: options.serviceType } : {};
  const serverMax = Microversion.tryParse(options.serverMax);
  const serverMin = Microversion.tryParse(options.serverMin) ?? (serverMax ? Microversion.of(serverMax.major, 0) : undefined);
  const pinnedText = options.pinned?.trim();

  if (!serverMax || !serverMin) {
    if (pinnedText && pinnedText.toLowerCase() !== 'latest') {
      throw new DiscoveryError(`microversion ${pinnedText} was asked for, but the ${service}server does not support microversions`, details);
    }
    return undefined;
  }
  const range = `${serverMin.toString()} to ${serverMax.toString()}`;

  if (pinnedText) {
    if (pinnedText.toLowerCase() === 'latest') return serverMax;
    const pinned = Microversion.tryParse(pinnedText);
    if (!pinned) throw new DiscoveryError(`"${pinnedText}" is not a microversion (expected MAJOR.MINOR, e.g. 2.53)`, details);
    if (pinned.compare(serverMin) < 0 || pinned.compare(serverMax) > 0) {
      throw new DiscoveryError(`microversion ${pinned.toString()} is not supported by the ${service}server, which offers ${range}`, details);
    }
    return pinned;
  }

  const clientMax = Microversion.parse(options.clientMax);
  if (clientMax.major !== serverMax.major) {
    // A server of another major (block-storage v2 has none) has nothing to negotiate with this client.
    throw new DiscoveryError(`the ${service}server offers microversions ${range}; Canopy speaks up to ${clientMax.toString()}`, details);
  }
  const chosen = Microversion.min(clientMax, serverMax);
  if (chosen.compare(serverMin) < 0) {
    throw new DiscoveryError(`the ${service}server requires microversion ${serverMin.toString()} or later; Canopy speaks up to ${clientMax.toString()}`, details);
  }
  return chosen;
}

/** Nova understood only `X-OpenStack-Nova-API-Version` before 2.27 (Newton); later it reads `OpenStack-API-Version`. */
const NOVA_NEW_HEADER_SINCE = Microversion.of(2, 27);

/**
 * The request headers that ask for microversion `v` of a service. Always `OpenStack-API-Version: <name> <v>`; also
 * nova's legacy header below 2.27 (older nova ignores the new header), and ironic's and manila's legacy headers,
 * which those services read. Services without microversions get no header.
 *
 * @example
 * microversionHeaders('compute', '2.93') // { 'OpenStack-API-Version': 'compute 2.93' }
 * microversionHeaders('compute', '2.1')  // { 'OpenStack-API-Version': 'compute 2.1', 'X-OpenStack-Nova-API-Version': '2.1' }
 * microversionHeaders('volumev3', '3.70') // { 'OpenStack-API-Version': 'volume 3.70' }
 */
export function microversionHeaders(serviceType: string, v: Microversion | string): Record<string, string> {
  const info = serviceTypeInfo(serviceType);
  if (!info?.microversionName) return {};
  const value = typeof v === 'string' && v.trim().toLowerCase() === 'latest' ? 'latest' : Microversion.parse(v).toString();
  const headers: Record<string, string> = { 'OpenStack-API-Version': `${info.microversionName} ${value}` };
  if (info.legacyMicroversionHeader) {
    const isCompute = officialServiceType(serviceType) === 'compute';
    if (!isCompute || (value !== 'latest' && Microversion.parse(value).compare(NOVA_NEW_HEADER_SINCE) < 0)) {
      headers[info.legacyMicroversionHeader] = value;
    }
  }
  return headers;
}
