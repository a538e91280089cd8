/**
 * Nova keypairs (per user): list, create or import, show, delete.
 *
 * @example
 * if (rest.startsWith('/os-keypairs')) return keypairs(req);
 */
import { match, type Reply } from '../core.js';
import { microsNoZone, uuid } from '../util.js';
import { at, err, type NovaRequest, ok } from './request.js';

export function keypairs(req: NovaRequest): Reply {
  const { core, ctx } = req;
  const name = match('/os-keypairs/:name', req.rest)?.name;
  const key = (n: string) => `${req.userId}/${n}`;
  const view = (k: { name: string; publicKey: string; fingerprint: string; type: string }) => ({ name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, ...(at(req, '2.2') ? { type: k.type } : {}) });
  if (!name && ctx.method === 'GET') {
    const mine = [...core.state.keypairs.values()].filter((k) => k.userId === req.userId);
    return ok(req, 200, { keypairs: mine.map((k) => ({ keypair: view(k) })) });
  }
  if (!name && ctx.method === 'POST') {
    const spec = (ctx.body as { keypair?: { name?: string; public_key?: string; type?: string } } | undefined)?.keypair;
    if (!spec?.name) return err(req, 400, "Invalid input for field/attribute keypair. 'name' is a required property");
    if (core.state.keypairs.has(key(spec.name))) return err(req, 409, `Key pair '${spec.name}' already exists.`);
    const generated = !spec.public_key;
    if (generated && at(req, '2.92')) return err(req, 400, "Invalid input for field/attribute keypair. 'public_key' is a required property");
    const publicKey = spec.public_key ?? `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${uuid(core.rng).replace(/-/g, '')} Generated-by-Nova`;
    const fingerprint = (uuid(core.rng).replace(/-/g, '').match(/../g) ?? []).join(':');
    const record = { name: spec.name, userId: req.userId, publicKey, fingerprint, type: spec.type ?? 'ssh', createdAt: ctx.now };
    core.state.keypairs.set(key(spec.name), record);
    const body: Record<string, unknown> = { ...view(record), user_id: req.userId };
    if (generated) body.private_key = '-----BEGIN OPENSSH PRIVATE KEY-----\nsimulated\n-----END OPENSSH PRIVATE KEY-----\n';
    return ok(req, at(req, '2.2') ? 201 : 200, { keypair: body });
  }
  const record = name ? core.state.keypairs.get(key(name)) : undefined;
  if (!record) return err(req, 404, `Keypair ${name} not found for user ${req.userId}`);
  if (ctx.method === 'GET') {
    return ok(req, 200, { keypair: { ...view(record), user_id: req.userId, created_at: microsNoZone(record.createdAt), deleted: false, deleted_at: null, updated_at: null, id: 1 } });
  }
  if (ctx.method === 'DELETE') {
    core.state.keypairs.delete(key(record.name));
    return ok(req, at(req, '2.2') ? 204 : 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}
