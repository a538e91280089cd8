/**
 * Cinder's volume actions (`POST /volumes/{id}/action`), declared once: the body, the microversion gates, and
 * the state each one leads to. `src/cloud/volume-actions.ts` runs them as operations.
 */
import type { ServiceClient } from '../../http/service-client.js';
import type { Volume } from './volume-model.js';
import { requireMicroversion } from '../gates.js';

/** One volume action. */
export interface VolumeActionSpec<O> {
  /** Verb of the task (`volume.<verb>`) and the CLI. */
  verb: string;
  /** The action body for this volume; throws `UnsupportedError` for what this cloud's cinder cannot take. */
  body(options: O, cinder: ServiceClient, volume: Volume): Record<string, unknown>;
  /** Sent with this microversion instead of the negotiated one (never above it). */
  microversion?(options: O, volume: Volume): string | undefined;
  /** True once a record shows the action done; absent when cinder applies it before answering. */
  done?(options: O, before: Volume): (volume: Volume) => boolean;
}

/** Options of an extend. */
export interface ExtendVolumeBody {
  /** The new size in GiB (larger than the current one). */
  size: number;
}

/** What a retype may do with the data. */
export type MigrationPolicy = 'never' | 'on-demand';

/** Options of a retype, once the type is resolved to its name. */
export interface RetypeVolumeBody {
  /** The new type's name. */
  volumeType: string;
  /** `never` (default): fail rather than move the data to another backend; `on-demand`: migrate when needed. */
  migrationPolicy?: MigrationPolicy;
}

/** A volume back in the status it had before the action (`available` or `in-use`). */
const settled = (before: Volume) => (v: Volume) => v.status === (before.status === 'in-use' ? 'in-use' : 'available');

/** Every volume action, by verb. */
export const VOLUME_ACTIONS = {
  extend: {
    verb: 'extend',
    body: (o: ExtendVolumeBody, cinder: ServiceClient, volume: Volume) => {
      if (!Number.isInteger(o.size) || o.size < 1) throw new TypeError(`a volume size is a whole number of GiB, not ${String(o.size)}`);
      // Older cinder answers 400 for an attached volume; 3.42 extends it through nova.
      if (volume.status === 'in-use') requireMicroversion(cinder, '3.42', 'extending an attached (in-use) volume');
      return { 'os-extend': { new_size: o.size } };
    },
    microversion: (_o: ExtendVolumeBody, volume: Volume) => (volume.status === 'in-use' ? '3.42' : undefined),
    done: (o: ExtendVolumeBody, before: Volume) => {
      const back = settled(before);
      return (v: Volume) => v.size >= o.size && back(v);
    },
  } satisfies VolumeActionSpec<ExtendVolumeBody>,
  retype: {
    verb: 'retype',
    body: (o: RetypeVolumeBody) => ({ 'os-retype': { new_type: o.volumeType, migration_policy: o.migrationPolicy ?? 'never' } }),
    done: (o: RetypeVolumeBody, before: Volume) => {
      const back = settled(before);
      return (v: Volume) => v.volumeType === o.volumeType && back(v);
    },
  } satisfies VolumeActionSpec<RetypeVolumeBody>,
  setBootable: {
    verb: 'set-bootable',
    body: (o: { bootable: boolean }) => ({ 'os-set_bootable': { bootable: o.bootable } }),
  } satisfies VolumeActionSpec<{ bootable: boolean }>,
  setReadOnly: {
    verb: 'set-read-only',
    body: (o: { readOnly: boolean }) => ({ 'os-update_readonly_flag': { readonly: o.readOnly } }),
  } satisfies VolumeActionSpec<{ readOnly: boolean }>,
} as const;
