/** `canopy keypair list|show|create|delete`: openstackclient's columns. */
import type { KeyPair } from '../../resources/compute/keypair.js';
import { defineResourceCli } from '../resource-cli.js';

/** The key pair commands. */
export const keyPairCli = defineResourceCli<KeyPair>({
  words: ['keypair'],
  summary: 'SSH key pairs',
  noun: 'key pair',
  columns: [
    { header: 'Name', value: (k) => k.name },
    { header: 'Fingerprint', value: (k) => k.fingerprint ?? '' },
    { header: 'Type', value: (k) => k.type },
    { header: 'User ID', value: (k) => k.userId ?? '', in: 'show' },
    { header: 'Created At', value: (k) => k.createdAt ?? '', in: 'show' },
    { header: 'Public Key', value: (k) => k.publicKey, in: 'show' },
    // Only a create that had nova generate the key has it, once.
    { header: 'Private Key', value: (k) => k.privateKey ?? '', in: 'show' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listKeyPairs(filters.user !== undefined ? { userId: filters.user as string } : {}),
    filters: { user: { type: 'string', value: 'USER_ID', description: "another user's key pairs (admins; compute 2.10+)" } },
  },
  show: (cloud, name) => cloud.getKeyPair(name),
  create: {
    summary: 'import a public key (--public-key FILE), or have nova generate the pair and print its private key once',
    flags: {
      'public-key': { type: 'string', value: 'FILE', parse: 'file', description: 'the OpenSSH public key file to import' },
      type: { type: 'string', value: 'TYPE', choices: ['ssh', 'x509'], description: 'key type (x509 needs compute 2.2)' },
      user: { type: 'string', value: 'USER_ID', option: 'userId', description: 'make it for another user (admins; compute 2.10+)' },
    },
    call: (cloud, { name, options }) => cloud.createKeyPair({ name, ...(options as { publicKey?: string; type?: 'ssh' | 'x509'; userId?: string }) }),
  },
  delete: { header: 'KEYPAIR', call: (cloud, name) => cloud.deleteKeyPair(name) },
  example: [['keypair', 'create', 'demo-key']],
});
