/** `canopy application credential list|show|create|delete` (the current user's; keystone v3.10+). */
import type { ApplicationCredential } from '../../resources/identity/application-credential.js';
import { defineResourceCli } from '../resource-cli.js';

/** The application credential commands: `create` prints the secret, the only time keystone shows it. */
export const applicationCredentialCli = defineResourceCli<ApplicationCredential & { secret?: string }>({
  words: ['application', 'credential'],
  summary: 'application credentials of the current user',
  columns: [
    { header: 'ID', value: (c) => c.id },
    { header: 'Name', value: (c) => c.name },
    { header: 'Project ID', value: (c) => c.projectId ?? '' },
    { header: 'Description', value: (c) => c.description },
    { header: 'Expires At', value: (c) => c.expiresAt ?? '' },
    { header: 'Unrestricted', value: (c) => c.unrestricted, long: true },
    { header: 'Roles', value: (c) => c.roles.map((r) => r.name).join(' '), long: true },
    { header: 'Access Rules', value: (c) => c.accessRules ?? [], in: 'show' },
    { header: 'Secret', value: (c) => c.secret ?? '', in: 'show' },
  ],
  list: { call: (cloud, { filters }) => cloud.listApplicationCredentials({ filters: filters as { name?: string } }), filters: { name: { type: 'string', value: 'NAME', description: 'only the credential with this name' } } },
  show: (cloud, nameOrId) => cloud.getApplicationCredential(nameOrId),
  create: {
    summary: 'create an application credential for the current user and print its secret (shown this once)',
    flags: {
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      secret: { type: 'string', value: 'SECRET', description: 'a secret of your own (default: keystone makes one)' },
      expiration: { type: 'string', value: 'YYYY-MM-DDTHH:MM:SS', option: 'expiresAt', description: 'when it stops working (default: never)' },
      role: { type: 'string', value: 'NAME|ID', multiple: true, option: 'roles', description: 'a role it carries (repeatable; default: all of yours)' },
      unrestricted: { type: 'boolean', description: 'it may create further credentials and trusts' },
      'access-rules': { type: 'string', value: 'JSON', parse: 'json', option: 'accessRules', description: 'access rules: [{"path": …, "method": …, "service": …}] (keystone 3.13+)' },
    },
    call: (cloud, { name, options }) => cloud.createApplicationCredential({ name, ...options }),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteApplicationCredential(nameOrId) },
  example: [['application', 'credential', 'create', 'ci-pipeline', '--description', 'for the CI']],
});
