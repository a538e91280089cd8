import type { CloudConfig } from '../config/cloud-config.js';
import { ConfigError, UnauthorizedError, isHttpError } from '../errors/index.js';
import type { AuthTransport } from './auth-transport.js';
import type { AuthResult } from './auth-result.js';
import { chooseIdentityEndpoint, type IdentityRootFetcher } from './identity-endpoint.js';
import { parseV2TokenResponse, v2AuthBody } from './keystone-v2.js';
import { parseV3TokenResponse, v3AuthBody, type V3Method } from './keystone-v3.js';
import { endpointOverrideCatalog } from './override-catalog.js';

function v3MethodFor(config: CloudConfig): V3Method {
  if (config.authType === 'v3applicationcredential') return 'application_credential';
  if (config.authType === 'token' || config.authType === 'v3token') return 'token';
  return 'password';
}

function needs(config: CloudConfig, ok: boolean, key: string, what: string): void {
  if (!ok) throw new ConfigError(`${config.authType} auth needs ${what}`, { cloud: config.name, file: config.sources[0], keyPath: ['clouds', config.name, 'auth', key] });
}

/**
 * Authenticates a cloud with keystone and returns the token and catalog. Sends no secret anywhere but the
 * identity endpoint, and keystone's 401 becomes an `UnauthorizedError` that names the cloud, never the password.
 */
export async function authenticate(config: CloudConfig, transport: AuthTransport, fetchRoot: IdentityRootFetcher, signal?: AbortSignal): Promise<AuthResult> {
  if (config.authType === 'admin_token' || config.authType === 'none') {
    return { token: config.auth.token ?? '', catalog: endpointOverrideCatalog(config), identityVersion: '3', identityUrl: config.auth.authUrl ?? '' };
  }
  const a = config.auth;
  const method = v3MethodFor(config);
  if (method === 'application_credential') needs(config, Boolean(a.applicationCredentialSecret), 'application_credential_secret', 'an application credential secret');
  else if (method === 'token') needs(config, Boolean(a.token), 'token', 'a token');
  else {
    needs(config, Boolean(a.username || a.userId), 'username', 'username or user_id');
    needs(config, Boolean(a.password), 'password', 'a password');
  }
  const identity = await chooseIdentityEndpoint(config, fetchRoot);
  try {
    if (identity.version === '3') {
      const response = await transport.send({ method: 'POST', url: `${identity.url}/auth/tokens`, service: 'identity', json: v3AuthBody(method, a), authenticated: false, signal });
      return parseV3TokenResponse(response.body, response.headers.get('x-subject-token'), identity.url);
    }
    if (method === 'application_credential') throw new ConfigError('application credentials need keystone v3', { cloud: config.name, keyPath: ['clouds', config.name, 'auth_type'] });
    const response = await transport.send({ method: 'POST', url: `${identity.url}/tokens`, service: 'identity', json: v2AuthBody(method, a), authenticated: false, signal });
    return parseV2TokenResponse(response.body, identity.url);
  } catch (error) {
    if (isHttpError(error) && error.status === 401) {
      throw new UnauthorizedError(
        { method: error.method, url: error.url, service: 'identity', serviceMessage: error.serviceMessage, kind: error.kind, requestId: error.requestId },
        { cause: error, message: `cloud "${config.name}": keystone refused the credentials (${error.serviceMessage ?? 'HTTP 401'})${error.requestId ? ` (request ${error.requestId})` : ''}` },
      );
    }
    throw error;
  }
}
