/**
 * Simulated keystone: version documents (300 on `/`), v3 password/token/application-credential auth,
 * v2.0 tokens on the eras that still have them, the catalog in the era's shape, and application
 * credentials.
 *
 * @example
 * const reply = await handleIdentity(ctx); // ctx built by SimCore.dispatch
 */
import { createHash } from 'node:crypto';
import { type Ctx, header, match, type Reply, type SimCore } from './core.js';
import type { AppCredRecord, TokenRecord, UserRecord } from './state.js';
import { hexId, keystoneTime, tokenValue } from './util.js';
import { ADMIN_ROLE_ID, effectiveRoleIds, identityAdminRoutes } from './identity-admin.js';

/** One service of the catalog with its URL (same for the three interfaces, as on the lab). */
export interface CatalogService { type: string; name: string; url: string }

const REGION = 'RegionOne';

function stableId(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/**
 * The services a token's catalog lists for `projectId`, in the era's URL shapes.
 *
 * @example
 * catalogServices(core, projectId).find((s) => s.type === 'compute')?.url; // 'http://127.0.0.1:…/v2.1'
 */
export function catalogServices(core: SimCore, projectId: string): CatalogService[] {
  const { facts, roots } = core;
  const computePath = facts.nova.catalog === 'v2-project' ? `/v2/${projectId}` : facts.nova.catalog === 'v2.1-project' ? `/v2.1/${projectId}` : '/v2.1';
  const services: CatalogService[] = facts.cinder.catalog.map((entry) => ({ type: entry.type, name: entry.name, url: `${roots.volume}/${entry.major}/${projectId}` }));
  services.push({ type: 'image', name: 'glance', url: roots.image });
  services.push({ type: 'identity', name: 'keystone', url: `${roots.identity}${facts.keystone.catalogPath}` });
  if (facts.neutron) services.push({ type: 'network', name: 'neutron', url: roots.network });
  if (facts.placement) services.push({ type: 'placement', name: 'placement', url: roots.placement });
  services.push({ type: 'compute', name: 'nova', url: `${roots.compute}${computePath}` });
  services.push({ type: 'object-store', name: 'swift', url: `${roots['object-store']}/v1/AUTH_${projectId}` });
  return services;
}

function v3Catalog(core: SimCore, projectId: string): unknown[] {
  const legacy = core.facts.keystone.legacyV3Catalog;
  return catalogServices(core, projectId).map((service) => {
    const endpoints = ['public', 'internal', 'admin'].map((iface) =>
      legacy
        ? { id: stableId(`${service.type}:${iface}`), interface: iface, region: REGION, url: service.url }
        : { id: stableId(`${service.type}:${iface}`), interface: iface, region_id: REGION, url: service.url, region: REGION },
    );
    return legacy ? { endpoints, id: stableId(service.type), type: service.type } : { endpoints, id: stableId(service.type), type: service.type, name: service.name };
  });
}

function v2Catalog(core: SimCore, projectId: string): unknown[] {
  return catalogServices(core, projectId).map((service) => ({
    endpoints: [{ adminURL: service.url, region: REGION, internalURL: service.url, id: stableId(`${service.type}:v2`), publicURL: service.url }],
    endpoints_links: [],
    type: service.type,
    name: service.name,
  }));
}

function v3VersionDoc(core: SimCore): Record<string, unknown> {
  return {
    id: core.facts.keystone.v3Id, status: 'stable', updated: core.facts.keystone.v3Updated,
    links: [{ rel: 'self', href: `${core.roots.identity}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

function v2VersionDoc(core: SimCore): Record<string, unknown> {
  return {
    id: 'v2.0', status: core.facts.keystone.v2 ?? 'deprecated', updated: '2014-04-17T00:00:00Z',
    links: [{ rel: 'self', href: `${core.roots.identity}/v2.0/` }, { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v2.0+json' }],
  };
}

function authFailed(core: SimCore): Reply {
  const reply = core.errorReply('identity', 401, undefined, 'The request you have made requires authentication.');
  reply.headers = { 'WWW-Authenticate': `Keystone uri="${core.roots.identity}/v3"` };
  return reply;
}

function issueToken(ctx: Ctx, user: UserRecord, projectId: string, methods: string[], appCred?: AppCredRecord): TokenRecord {
  const { core } = ctx;
  const ttl = (core.knobs.tokenTtlSeconds ?? 3600) * 1000;
  const token: TokenRecord = {
    value: tokenValue(core.rng), userId: user.id, projectId, methods, issuedAt: ctx.now, expiresAt: ctx.now + ttl,
    auditId: Buffer.from(hexId(core.rng).slice(0, 16), 'hex').toString('base64url'), applicationCredentialId: appCred?.id,
  };
  core.state.tokens.set(token.value, token);
  return token;
}

function tokenBody(core: SimCore, token: TokenRecord): Record<string, unknown> {
  const user = core.state.users.get(token.userId);
  const project = core.state.projects.get(token.projectId);
  const domain = { id: 'default', name: 'Default' };
  const body: Record<string, unknown> = {
    methods: token.methods,
    user: { domain, id: token.userId, name: user?.name, password_expires_at: null },
    audit_ids: [token.auditId], expires_at: keystoneTime(token.expiresAt), issued_at: keystoneTime(token.issuedAt),
    project: { domain, id: token.projectId, name: project?.name }, is_domain: false,
    roles: tokenRoles(core, token), catalog: v3Catalog(core, token.projectId),
  };
  const appCred = token.applicationCredentialId ? core.state.appCreds.get(token.applicationCredentialId) : undefined;
  if (appCred) body.application_credential = { id: appCred.id, name: appCred.name, restricted: true };
  return body;
}

/** The roles a token carries: the seed's two for demo, `admin` for the admin, a made user's grants, an app credential's subset. */
function tokenRoles(core: SimCore, token: TokenRecord): Array<{ id: string; name: string }> {
  const user = core.state.users.get(token.userId);
  const known = [...core.state.roles, ...(core.state.identity?.roles ?? [])];
  let ids: string[] | undefined;
  if (user?.name === 'admin' && !user.created) ids = [ADMIN_ROLE_ID, ...core.state.roles.map((r) => r.id)];
  else if (user?.created) ids = effectiveRoleIds(core, user.id, token.projectId);
  const cred = token.applicationCredentialId ? core.state.appCreds.get(token.applicationCredentialId) : undefined;
  if (cred?.roleIds) ids = cred.roleIds;
  if (!ids) return core.state.roles;
  const wanted = new Set(ids);
  return known.filter((r) => wanted.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
}

function findUser(core: SimCore, spec: Record<string, unknown> | undefined): UserRecord | undefined {
  if (!spec) return undefined;
  const users = [...core.state.users.values()];
  if (typeof spec.id === 'string') return core.state.users.get(spec.id);
  const domain = spec.domain as Record<string, unknown> | undefined;
  const domainOk = (u: UserRecord) => !domain || domain.id === u.domainId || (domain.name === 'Default' && u.domainId === 'default');
  return users.find((u) => u.name === spec.name && domainOk(u));
}

function scopeProject(core: SimCore, scope: unknown, user: UserRecord): string | undefined {
  const project = (scope as { project?: Record<string, unknown> } | undefined)?.project;
  if (!project) return user.defaultProjectId;
  if (typeof project.id === 'string') return core.state.projects.has(project.id) ? project.id : undefined;
  return [...core.state.projects.values()].find((p) => p.name === project.name)?.id;
}

function postV3Token(ctx: Ctx): Reply {
  const { core } = ctx;
  const auth = (ctx.body as { auth?: { identity?: Record<string, unknown>; scope?: unknown } } | undefined)?.auth;
  const identity = auth?.identity;
  const methods = identity?.methods;
  if (!identity || !Array.isArray(methods) || methods.length === 0) {
    return core.errorReply('identity', 400, undefined, "Invalid input for field 'identity': 'methods' is a required property");
  }
  if (core.shouldFail('token.create')) return core.errorReply('identity', 500, undefined, 'An unexpected error prevented the server from fulfilling your request.');
  let token: TokenRecord | undefined;
  if (methods[0] === 'password') {
    const spec = (identity.password as { user?: Record<string, unknown> } | undefined)?.user;
    const user = findUser(core, spec);
    if (!user || spec?.password !== user.password) return authFailed(core);
    const projectId = scopeProject(core, auth?.scope, user);
    if (!projectId) return authFailed(core);
    // A user made through the API logs in only while enabled, and only to a project it has a role on.
    if (user.created && (user.enabled === false || effectiveRoleIds(core, user.id, projectId).length === 0)) return authFailed(core);
    token = issueToken(ctx, user, projectId, ['password']);
  } else if (methods[0] === 'token') {
    const value = (identity.token as { id?: string } | undefined)?.id;
    const old = value ? core.state.tokens.get(value) : undefined;
    const user = old ? core.state.users.get(old.userId) : undefined;
    if (!old || !user || old.expiresAt <= ctx.now) return authFailed(core);
    const projectId = auth?.scope ? scopeProject(core, auth.scope, user) : old.projectId;
    if (!projectId) return authFailed(core);
    token = issueToken(ctx, user, projectId, ['token']);
    token.expiresAt = old.expiresAt;
  } else if (methods[0] === 'application_credential' && core.facts.keystone.applicationCredentials) {
    const spec = identity.application_credential as Record<string, unknown> | undefined;
    const creds = [...core.state.appCreds.values()];
    const user = spec?.user ? findUser(core, spec.user as Record<string, unknown>) : undefined;
    const cred = typeof spec?.id === 'string' ? core.state.appCreds.get(spec.id) : creds.find((c) => c.name === spec?.name && c.userId === user?.id);
    const owner = cred ? core.state.users.get(cred.userId) : undefined;
    if (!cred || !owner || cred.secret !== spec?.secret) return authFailed(core);
    token = issueToken(ctx, owner, cred.projectId, ['application_credential'], cred);
  } else {
    return authFailed(core);
  }
  return { status: 201, body: { token: tokenBody(core, token) }, headers: { 'X-Subject-Token': token.value } };
}

function postV2Token(ctx: Ctx): Reply {
  const { core } = ctx;
  const auth = (ctx.body as { auth?: Record<string, unknown> } | undefined)?.auth;
  if (!auth) return core.errorReply('identity', 400, undefined, 'Expecting to find auth in request body.');
  let user: UserRecord | undefined;
  let expiresAt: number | undefined;
  const creds = auth.passwordCredentials as { username?: string; password?: string } | undefined;
  if (creds) {
    user = [...core.state.users.values()].find((u) => u.name === creds.username);
    if (!user || user.password !== creds.password) return authFailed(core);
  } else {
    const old = core.state.tokens.get(String((auth.token as { id?: string } | undefined)?.id));
    if (!old || old.expiresAt <= ctx.now) return authFailed(core);
    user = core.state.users.get(old.userId);
    expiresAt = old.expiresAt;
  }
  if (!user) return authFailed(core);
  const projects = [...core.state.projects.values()];
  const project = typeof auth.tenantId === 'string' ? core.state.projects.get(auth.tenantId)
    : typeof auth.tenantName === 'string' ? projects.find((p) => p.name === auth.tenantName) : core.state.projects.get(user.defaultProjectId);
  if (!project) return authFailed(core);
  const token = issueToken(ctx, user, project.id, ['password']);
  if (expiresAt) token.expiresAt = expiresAt;
  return {
    status: 200,
    body: {
      access: {
        token: {
          issued_at: new Date(token.issuedAt).toISOString().replace(/Z$/, '000'), expires: new Date(token.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          id: token.value, tenant: { description: null, enabled: true, id: project.id, name: project.name }, audit_ids: [token.auditId],
        },
        serviceCatalog: v2Catalog(core, project.id),
        user: { username: user.name, roles_links: [], id: user.id, roles: core.state.roles.map((r) => ({ name: r.name })), name: user.name },
        metadata: { is_admin: 0, roles: core.state.roles.map((r) => r.id) },
      },
    },
  };
}

function credRoles(core: SimCore, cred: AppCredRecord): Array<{ id: string; name: string }> {
  const known = [...core.state.roles, ...(core.state.identity?.roles ?? [])];
  return cred.roleIds ? known.filter((r) => cred.roleIds?.includes(r.id)).map((r) => ({ id: r.id, name: r.name })) : core.state.roles;
}

function appCredView(core: SimCore, cred: AppCredRecord): Record<string, unknown> {
  return {
    id: cred.id, name: cred.name, description: cred.description, user_id: cred.userId, project_id: cred.projectId, system: null, expires_at: cred.expiresAt,
    unrestricted: cred.unrestricted ?? null, roles: credRoles(core, cred).map((r) => ({ ...r, domain_id: null, description: null, options: { immutable: true } })),
    ...(cred.accessRules ? { access_rules: cred.accessRules } : {}),
    links: { self: `${core.roots.identity}/v3/application_credentials/${cred.id}` },
  };
}

/**
 * Handles a keystone request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('identity', handleIdentity, req, res));
 */
export function handleIdentity(ctx: Ctx): Reply {
  const { core, method, path } = ctx;
  const facts = core.facts.keystone;
  if (method === 'GET' && (path === '/' || path === '')) {
    const values = [v3VersionDoc(core), ...(facts.v2 ? [v2VersionDoc(core)] : [])];
    return { status: 300, body: { versions: { values } }, headers: { Location: `${core.roots.identity}/v3/` } };
  }
  if (method === 'GET' && (path === '/v3' || path === '/v3/')) return { status: 200, body: { version: v3VersionDoc(core) } };
  if (facts.v2 && method === 'GET' && (path === '/v2.0' || path === '/v2.0/')) return { status: 200, body: { version: v2VersionDoc(core) } };
  if (facts.v2 && method === 'POST' && path === '/v2.0/tokens') return postV2Token(ctx);
  if (method === 'POST' && path === '/v3/auth/tokens') return postV3Token(ctx);

  const token = core.tokenOf(ctx);
  if (!token) return authFailed(core);
  if (path === '/v3/auth/tokens') {
    const subject = core.state.tokens.get(header(ctx.headers, 'x-subject-token') ?? '');
    if (!subject || subject.expiresAt <= ctx.now) return core.errorReply('identity', 404, undefined, 'Could not find token.');
    if (method === 'DELETE') {
      core.state.tokens.delete(subject.value);
      return { status: 204 };
    }
    if (method === 'GET' || method === 'HEAD') return { status: 200, body: { token: tokenBody(core, subject) }, headers: { 'X-Subject-Token': subject.value } };
  }
  if (method === 'GET' && path === '/v3/auth/catalog') return { status: 200, body: { catalog: v3Catalog(core, token.projectId), links: { self: `${core.roots.identity}/v3/auth/catalog`, previous: null, next: null } } };
  if (method === 'GET' && path === '/v3/auth/projects') {
    const project = core.state.projects.get(token.projectId);
    return { status: 200, body: { projects: project ? [{ id: project.id, name: project.name, domain_id: project.domainId, enabled: true, is_domain: false, parent_id: project.domainId, description: '', tags: [], options: {}, links: { self: `${core.roots.identity}/v3/projects/${project.id}` } }] : [] } };
  }
  const list = match('/v3/users/:user/application_credentials', path);
  const one = match('/v3/users/:user/application_credentials/:id', path);
  const userId = list?.user ?? one?.user;
  if (facts.applicationCredentials && userId) {
    if (userId !== token.userId) return core.errorReply('identity', 403, undefined, 'You are not authorized to perform the requested action: identity:create_application_credential.');
    if (list && method === 'POST') {
      const spec = (ctx.body as { application_credential?: Record<string, unknown> } | undefined)?.application_credential;
      if (!spec || typeof spec.name !== 'string') return core.errorReply('identity', 400, undefined, "Invalid input for field 'name': 'name' is a required property");
      if ([...core.state.appCreds.values()].some((c) => c.userId === userId && c.name === spec.name)) {
        return core.errorReply('identity', 409, undefined, 'Conflict occurred attempting to store application_credential - Duplicate entry.');
      }
      const held = tokenRoles(core, token);
      let roleIds: string[] | undefined;
      if (Array.isArray(spec.roles)) {
        roleIds = [];
        for (const wanted of spec.roles as Array<{ id?: string; name?: string }>) {
          const role = held.find((r) => r.id === wanted?.id || r.name === wanted?.name);
          if (!role) return core.errorReply('identity', 404, undefined, `Could not find role: ${wanted?.id ?? wanted?.name}.`);
          roleIds.push(role.id);
        }
      }
      let accessRules: AppCredRecord['accessRules'];
      if (spec.access_rules !== undefined) {
        if (Number(core.facts.keystone.v3Id.replace(/^v3\./, '')) < 13) return core.errorReply('identity', 400, undefined, "Invalid input for field 'application_credential': Additional properties are not allowed ('access_rules' was unexpected)");
        accessRules = (spec.access_rules as Array<Record<string, unknown>>).map((r) => ({ id: hexId(core.rng), path: String(r.path), method: String(r.method), service: String(r.service) }));
      }
      const cred: AppCredRecord = {
        ...(roleIds ? { roleIds } : {}), ...(accessRules ? { accessRules } : {}), ...(typeof spec.unrestricted === 'boolean' ? { unrestricted: spec.unrestricted } : {}),
        id: hexId(core.rng), name: spec.name, description: typeof spec.description === 'string' ? spec.description : null, userId, projectId: token.projectId,
        secret: typeof spec.secret === 'string' ? spec.secret : tokenValue(core.rng).slice(7, 93), expiresAt: typeof spec.expires_at === 'string' ? spec.expires_at : null,
      };
      core.state.appCreds.set(cred.id, cred);
      return { status: 201, body: { application_credential: { ...appCredView(core, cred), secret: cred.secret } } };
    }
    if (list && method === 'GET') {
      return { status: 200, body: { application_credentials: [...core.state.appCreds.values()].filter((c) => c.userId === userId).map((c) => appCredView(core, c)), links: { self: `${core.roots.identity}${path}`, previous: null, next: null } } };
    }
    const cred = one ? core.state.appCreds.get(one.id ?? '') : undefined;
    if (one && (!cred || cred.userId !== userId)) return core.errorReply('identity', 404, undefined, `Could not find application credential: ${one.id}.`);
    if (one && cred && method === 'GET') return { status: 200, body: { application_credential: appCredView(core, cred) } };
    if (one && cred && method === 'DELETE') {
      core.state.appCreds.delete(cred.id);
      return { status: 204 };
    }
  }
  const adminReply = identityAdminRoutes(ctx, token);
  if (adminReply) return adminReply;
  return core.errorReply('identity', 404, undefined, 'The resource could not be found.');
}
