/**
 * Zod schemas of nova's responses, loose (unknown keys kept) because every microversion adds fields. Only the
 * fields Canopy reads are declared; optional where some generation or state leaves them out (README notes 22,
 * 23, 25, 30: no `security_groups` while BUILD, no `progress` when SHUTOFF, minimal records on old clouds).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';

const nullishString = z.string().nullish();

/** One address of a server under its network label. Essex/Folsom addresses have only `addr` and `version`. */
export const rawAddressSchema = lazySchema(() => z.looseObject({
  addr: z.string(),
  version: z.number().optional(),
  'OS-EXT-IPS:type': z.string().optional(),
  'OS-EXT-IPS-MAC:mac_addr': z.string().optional(),
}));
/** A server address as nova reports it. */
export type RawAddress = z.infer<typeof rawAddressSchema>;

/** A server's flavor: `{id, links}` below 2.47, the embedded flavor (`original_name`, `ram`, …) from 2.47. */
export const rawServerFlavorSchema = lazySchema(() => z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  original_name: z.string().optional(),
  ram: z.number().optional(),
  vcpus: z.number().optional(),
  disk: z.number().optional(),
}));

/** A server as nova's show and detail-list return it, at any microversion. */
export const rawServerSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  status: z.string(),
  tenant_id: z.string().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
  // Boot-from-volume servers have image "" instead of an object.
  image: z.union([z.looseObject({ id: z.string() }), z.string(), z.null()]).optional(),
  flavor: rawServerFlavorSchema.optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  addresses: z.record(z.string(), z.array(rawAddressSchema)).default({}),
  accessIPv4: nullishString,
  accessIPv6: nullishString,
  key_name: nullishString,
  tags: z.array(z.string()).optional(),
  fault: z
    .looseObject({ code: z.number().optional(), message: z.string().default(''), details: z.string().optional(), created: z.string().optional() })
    .optional(),
  security_groups: z.array(z.looseObject({ name: z.string() })).optional(),
  'OS-EXT-STS:task_state': nullishString,
  'OS-EXT-STS:vm_state': nullishString,
  'OS-EXT-STS:power_state': z.number().nullish(),
  'OS-EXT-AZ:availability_zone': nullishString,
}));
/** A server as nova returns it. */
export type RawServer = z.infer<typeof rawServerSchema>;

/** `{"server": {...}}`. */
export const serverEnvelopeSchema = z.object({ server: rawServerSchema });

/** The 202 body of `POST /servers`: id, links, and (unless disabled) `adminPass`. */
export const createdServerSchema = lazySchema(() => z.object({
  server: z.looseObject({ id: z.string(), adminPass: z.string().optional() }),
}));

/** A flavor from `GET /flavors/detail` or `GET /flavors/{id}`. */
export const rawFlavorSchema = lazySchema(() => z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
}));
/** A flavor as nova returns it. */
export type RawFlavor = z.infer<typeof rawFlavorSchema>;

/** A key pair from `GET /os-keypairs` (listed wrapped in `{keypair: …}`). */
export const rawKeypairSchema = lazySchema(() => z.looseObject({ name: z.string(), fingerprint: z.string().optional(), type: z.string().optional() }));
/** A key pair as nova returns it. */
export type RawKeypair = z.infer<typeof rawKeypairSchema>;

/** A nova-network floating IP (`/os-floating-ips`): integer ids on nova-network, UUIDs when nova proxies neutron. */
export const rawNovaFloatingIpSchema = lazySchema(() => z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  ip: z.string(),
  pool: z.string().nullish(),
  fixed_ip: z.string().nullish(),
  instance_id: z.string().nullish(),
}));
/** A floating IP as nova-network returns it. */
export type RawNovaFloatingIp = z.infer<typeof rawNovaFloatingIpSchema>;

/** An instance action (`os-instance-actions`). */
export const rawInstanceActionSchema = lazySchema(() => z.looseObject({
  action: z.string(),
  request_id: z.string(),
  start_time: z.string().optional(),
  message: z.string().nullish(),
  events: z.array(z.looseObject({ event: z.string(), result: z.string().nullish(), start_time: z.string().nullish(), finish_time: z.string().nullish() })).optional(),
}));
/** An instance action as nova returns it. */
export type RawInstanceAction = z.infer<typeof rawInstanceActionSchema>;

/** A volume attachment (`os-volume_attachments`); `id` is gone from the list at 2.89 (README note 34). */
export const rawVolumeAttachmentSchema = lazySchema(() => z.looseObject({
  id: z.string().optional(),
  volumeId: z.string(),
  serverId: z.string().optional(),
  device: z.string().nullish(),
}));
/** A volume attachment as nova returns it. */
export type RawVolumeAttachment = z.infer<typeof rawVolumeAttachmentSchema>;
