/**
 * Glance's image model as nova also uses it: server snapshots (createImage, createBackup, shelve)
 * are created `queued` and turn `active` once the snapshot is saved, resolved lazily when read.
 *
 * @example
 * const image = createSnapshotImage(core, { server, name: 'snap', imageType: 'snapshot', now, savedAt: now + 300 });
 * resolveImages(core, Date.now()); image.status; // 'active' once saved
 */
import type { SimCore } from './core.js';
import type { ImageRecord, ServerRecord } from './state.js';
import { digest, uuid } from './util.js';

/** What a snapshot of the fake driver holds: a few bytes, like the lab's snapshots. */
const SNAPSHOT_DATA = Buffer.from('simulated snapshot\n');

/**
 * Finishes every snapshot whose saving time has come; a saved backup then deletes the oldest
 * backups of its server and type beyond its rotation, as nova does after the upload.
 *
 * @example
 * resolveImages(core, Date.now());
 */
export function resolveImages(core: SimCore, now: number): void {
  for (const image of core.state.images.values()) {
    if (image.savedAt === undefined || now < image.savedAt) continue;
    const savedAt = image.savedAt;
    delete image.savedAt;
    if (image.status !== 'queued' && image.status !== 'saving') continue;
    image.status = 'active';
    image.data = SNAPSHOT_DATA.toString('base64');
    image.size = SNAPSHOT_DATA.length;
    image.checksum = digest('md5', SNAPSHOT_DATA);
    image.hash = digest('sha512', SNAPSHOT_DATA);
    image.updatedAt = savedAt;
    if (image.rotation !== undefined) rotateBackups(core, image);
  }
}

function rotateBackups(core: SimCore, latest: ImageRecord): void {
  const props = latest.properties;
  const backups = [...core.state.images.values()]
    .filter((i) => i.properties.image_type === 'backup' && i.properties.instance_uuid === props.instance_uuid && i.properties.backup_type === props.backup_type)
    .sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  const excess = backups.length - (latest.rotation ?? backups.length);
  for (const old of backups.slice(0, Math.max(0, excess))) core.state.images.delete(old.id);
  delete latest.rotation;
}

/**
 * The images a project can see (public, community, its own), each brought up to date.
 *
 * @example
 * visibleImages(core, projectId, Date.now()).map((i) => i.name);
 */
export function visibleImages(core: SimCore, projectId: string, now: number): ImageRecord[] {
  const out: ImageRecord[] = [];
  resolveImages(core, now);
  for (const image of core.state.images.values()) {
    if (image.visibility !== 'public' && image.visibility !== 'community' && image.owner !== projectId) continue;
    out.push(image);
  }
  return out;
}

/**
 * Creates the glance image a server snapshot fills: private to the server's project, with the
 * properties nova sets (`instance_uuid`, `image_type`, `base_image_ref`…) plus the caller's metadata.
 *
 * @example
 * createSnapshotImage(core, { server, name: 'nightly', imageType: 'backup', now, savedAt, extra: { backup_type: 'daily' } });
 */
export function createSnapshotImage(
  core: SimCore,
  input: { server: ServerRecord; name: string; imageType: 'snapshot' | 'backup'; now: number; savedAt: number; extra?: Record<string, string> },
): ImageRecord {
  const { server, now } = input;
  const base = core.state.images.get(server.imageId);
  const flavor = core.state.flavors.get(server.flavorId);
  const image: ImageRecord = {
    id: uuid(core.rng), name: input.name, status: 'queued', visibility: 'private', owner: server.projectId, diskFormat: base?.diskFormat ?? 'raw',
    containerFormat: base?.containerFormat ?? 'bare', size: null, checksum: null, hash: null, createdAt: now, updatedAt: now,
    minRam: base?.minRam ?? 0, minDisk: Math.max(flavor?.disk ?? 0, base?.minDisk ?? 0), protected: false, tags: [],
    properties: {
      ...(base?.properties ?? {}), instance_uuid: server.id, image_type: input.imageType, base_image_ref: server.imageId, user_id: server.userId,
      owner_project_name: core.state.projects.get(server.projectId)?.name ?? '', owner_user_name: core.state.users.get(server.userId)?.name ?? '',
      image_location: 'snapshot', image_state: 'available', boot_roles: 'member,reader', ...(input.extra ?? {}),
    },
    seq: core.state.seq++, savedAt: input.savedAt,
  };
  core.state.images.set(image.id, image);
  return image;
}
