/**
 * Nova keypairs (per user): list, create or import, show, delete.
 *
 * @example
 * if (rest.startsWith('/os-keypairs')) return keypairs(req);
 */
import { createHash } from 'node:crypto';
import { match, type Reply } from '../core.js';
import { microsNoZone, uuid } from '../util.js';
import { at, err, type NovaRequest, ok } from './request.js';

export function keypairs(req: NovaRequest): Reply {
  const { core, ctx } = req;
  const name = match('/os-keypairs/:name', req.rest)?.name;
  // From 2.10 an admin names another user's key pairs with user_id (query, or the create body); others only their own.
  const asked = at(req, '2.10') ? (ctx.method === 'POST' ? (ctx.body as { keypair?: { user_id?: unknown } } | undefined)?.keypair?.user_id : ctx.query.get('user_id')) : undefined;
  const owner = typeof asked === 'string' && asked ? asked : req.userId;
  if (owner !== req.userId && core.state.users.get(req.userId)?.name !== 'admin') {
    const rule = ctx.method === 'POST' ? 'create' : ctx.method === 'DELETE' ? 'delete' : name ? 'show' : 'index';
    return err(req, 403, `Policy doesn't allow os_compute_api:os-keypairs:${rule} to be performed.`);
  }
  const key = (n: string) => `${owner}/${n}`;
  const view = (k: { name: string; publicKey: string; fingerprint: string; type: string }) => ({ name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, ...(at(req, '2.2') ? { type: k.type } : {}) });
  if (!name && ctx.method === 'GET') {
    const mine = [...core.state.keypairs.values()].filter((k) => k.userId === owner);
    return ok(req, 200, { keypairs: mine.map((k) => ({ keypair: view(k) })) });
  }
  if (!name && ctx.method === 'POST') {
    const spec = (ctx.body as { keypair?: { name?: string; public_key?: string; type?: string } } | undefined)?.keypair;
    if (!spec?.name) return err(req, 400, "Invalid input for field/attribute keypair. 'name' is a required property");
    const nameProblem = keypairNameProblem(req, spec.name);
    if (nameProblem) return nameProblem;
    if (core.state.keypairs.has(key(spec.name))) return err(req, 409, `Key pair '${spec.name}' already exists.`);
    const generated = spec.public_key === undefined;
    if (generated && at(req, '2.92')) return err(req, 400, "Invalid input for field/attribute keypair. 'public_key' is a required property");
    let fingerprint = (uuid(core.rng).replace(/-/g, '').match(/../g) ?? []).join(':');
    if (!generated && spec.type !== 'x509') {
      const parsed = parsePublicKey(String(spec.public_key));
      if (!parsed) return err(req, 400, 'Keypair data is invalid: failed to generate fingerprint');
      fingerprint = parsed;
    }
    const publicKey = spec.public_key ?? `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${uuid(core.rng).replace(/-/g, '')} Generated-by-Nova`;
    const record = { name: spec.name, userId: owner, publicKey, fingerprint, type: spec.type ?? 'ssh', createdAt: ctx.now };
    core.state.keypairs.set(key(spec.name), record);
    const body: Record<string, unknown> = { ...view(record), user_id: owner };
    if (generated) body.private_key = '-----BEGIN OPENSSH PRIVATE KEY-----\nsimulated\n-----END OPENSSH PRIVATE KEY-----\n';
    return ok(req, at(req, '2.2') ? 201 : 200, { keypair: body });
  }
  const record = name ? core.state.keypairs.get(key(name)) : undefined;
  if (!record) return err(req, 404, `Keypair ${name} not found for user ${owner}`);
  if (ctx.method === 'GET') {
    return ok(req, 200, { keypair: { ...view(record), user_id: owner, created_at: microsNoZone(record.createdAt), deleted: false, deleted_at: null, updated_at: null, id: 1 } });
  }
  if (ctx.method === 'DELETE') {
    core.state.keypairs.delete(key(record.name));
    return ok(req, at(req, '2.2') ? 204 : 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}

/** Nova's keypair-name rule: 1–255 characters; before 2.92 only letters, digits, `.`, `_`, `-` and inner spaces. */
function keypairNameProblem(req: NovaRequest, name: string): Reply | undefined {
  if (name.length > 255) return err(req, 400, `Invalid input for field/attribute name. Value: ${name}. '${name}' is too long`);
  const pattern = at(req, '2.92') ? /^(?! )[a-zA-Z0-9 @._-]+(?<! )$/ : /^(?! )[a-zA-Z0-9 ._-]+(?<! )$/;
  if (!pattern.test(name)) return err(req, 400, `Invalid input for field/attribute name. Value: ${name}. '${name}' does not match '${pattern.source}'`);
  return undefined;
}

/**
 * Checks an OpenSSH public key the way parsing it does (the base64 blob starts with its own type
 * name) and returns its MD5 fingerprint, as nova shows it; undefined for an invalid key.
 */
function parsePublicKey(text: string): string | undefined {
  const [type, data] = text.trim().split(/\s+/);
  if (!type || !data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return undefined;
  const blob = Buffer.from(data, 'base64');
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || 4 + length > blob.length || blob.subarray(4, 4 + length).toString('latin1') !== type) return undefined;
  return (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
}
