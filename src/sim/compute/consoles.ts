/**
 * Remote consoles: the legacy `os-get{VNC,SPICE,Serial,RDP}Console` actions, and from 2.6 the
 * `POST /servers/{id}/remote-consoles` API that replaced them. The URL is a token URL like nova's
 * proxies hand out (nothing listens there: the simulator has no guests).
 *
 * @example
 * if ((p = match('/servers/:id/remote-consoles', rest)) && m === 'POST' && at(req, '2.6')) return remoteConsole(req, p.id ?? '');
 */
import type { Reply } from '../core.js';
import type { ServerRecord } from '../state.js';
import { uuid } from '../util.js';
import { conflict } from './actions.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok, pyRepr } from './request.js';

const LEGACY: Record<string, { protocol: string; types: string[] }> = {
  'os-getVNCConsole': { protocol: 'vnc', types: ['novnc', 'xvpvnc'] },
  'os-getSPICEConsole': { protocol: 'spice', types: ['spice-html5'] },
  'os-getSerialConsole': { protocol: 'serial', types: ['serial'] },
  'os-getRDPConsole': { protocol: 'rdp', types: ['rdp-html5'] },
};

const PORTS: Record<string, number> = { vnc: 6080, spice: 6082, serial: 6083, rdp: 6084, mks: 6090 };

function consoleUrl(req: NovaRequest, protocol: string): string {
  const token = uuid(req.core.rng);
  const path = protocol === 'vnc' ? 'vnc_lite.html?path=%3Ftoken%3D' : protocol === 'spice' ? 'spice_auto.html?token=' : '?token=';
  const scheme = protocol === 'serial' ? 'ws' : 'http';
  return `${scheme}://127.0.0.1:${PORTS[protocol] ?? 6080}/${path}${token}`;
}

function runningProblem(req: NovaRequest, server: ServerRecord, verb: string): Reply | undefined {
  return server.vmState === 'active' ? undefined : conflict(req, server, verb);
}

/**
 * A legacy console action: `{"os-getVNCConsole": {"type": "novnc"}}` → `{"console": {type, url}}`.
 *
 * @example
 * legacyConsole(req, server, 'os-getVNCConsole', { type: 'novnc' });
 */
export function legacyConsole(req: NovaRequest, server: ServerRecord, action: string, arg: unknown): Reply {
  const legacy = LEGACY[action];
  const type = (arg as { type?: unknown } | null | undefined)?.type;
  if (!legacy || typeof type !== 'string' || !legacy.types.includes(type)) {
    return err(req, 400, `Invalid input for field/attribute type. Value: ${pyRepr(type)}. ${pyRepr(type)} is not one of ${pyRepr(legacy?.types ?? [])}`);
  }
  const problem = runningProblem(req, server, 'get_console');
  if (problem) return problem;
  return ok(req, 200, { console: { type, url: consoleUrl(req, legacy.protocol) } });
}

/**
 * `POST /servers/{id}/remote-consoles` (2.6+): `{"remote_console": {protocol, type}}`.
 *
 * @example
 * remoteConsole(req, serverId);
 */
export function remoteConsole(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const spec = (req.ctx.body as { remote_console?: { protocol?: unknown; type?: unknown } } | undefined)?.remote_console;
  const protocol = String(spec?.protocol ?? '');
  const allowed: Record<string, string[]> = { vnc: ['novnc', 'xvpvnc'], spice: ['spice-html5'], serial: ['serial'], rdp: ['rdp-html5'], mks: ['webmks'] };
  if (protocol === 'mks' && !at(req, '2.8')) return err(req, 400, `Invalid input for field/attribute protocol. Value: mks. 'mks' is not one of ['vnc', 'spice', 'rdp', 'serial']`);
  const types = allowed[protocol];
  if (!spec || !types || typeof spec.type !== 'string' || !types.includes(spec.type)) {
    return err(req, 400, `Invalid input for field/attribute remote_console. Value: ${pyRepr(spec)}. ${pyRepr(spec)} is not valid under any of the given schemas`);
  }
  const problem = runningProblem(req, server, 'get_console');
  if (problem) return problem;
  return ok(req, 200, { remote_console: { protocol, type: spec.type, url: consoleUrl(req, protocol) } });
}

