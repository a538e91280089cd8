/** How the CLI shows one server: its addresses in one line, and the fields of `server show`. */
import type { Server } from '../../resources/compute/server-model.js';

/** A server's addresses as `net=addr, addr; net2=…`. */
export const addressesOf = (s: Server) =>
  Object.entries(s.addresses)
    .map(([net, list]) => `${net}=${list.map((a) => a.addr).join(', ')}`)
    .join('; ');

/** The fields `server show` and the action commands print. */
export const SERVER_FIELDS: Record<string, (s: Server) => unknown> = {
  id: (s) => s.id,
  name: (s) => s.name,
  status: (s) => s.status,
  task_state: (s) => s.taskState,
  addresses: addressesOf,
  public_v4: (s) => s.publicV4,
  private_v4: (s) => s.privateV4,
  flavor: (s) => s.flavor.name ?? s.flavor.id,
  image: (s) => s.image.id,
  key_name: (s) => s.keyName,
  fault: (s) => s.fault?.message,
  cloud: (s) => s.cloud,
  region: (s) => s.region,
  created: (s) => s.createdAt,
};

