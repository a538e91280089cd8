/**
 * Data blocks of the guides are never run but must be right: JSON parses, YAML parses, and a YAML block with a
 * `clouds:` mapping is loaded by the real clouds.yaml loader for every cloud it names (with the guide's
 * `secure.yaml` block, when one is marked `<!-- doc: file=secure.yaml -->`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCloudConfig } from '../../src/config/index.js';
import type { CloudConfig } from '../../src/config/cloud-config.js';

/** Loads each cloud of a clouds.yaml text (and an optional secure.yaml text) with an empty environment. */
export async function loadSampleClouds(cloudsYaml: string, secureYaml?: string): Promise<CloudConfig[]> {
  const data = parse(cloudsYaml) as { clouds?: Record<string, unknown> } | null;
  const names = Object.keys(data?.clouds ?? {});
  if (names.length === 0) throw new Error('a clouds.yaml sample must name at least one cloud under clouds:');
  const dir = mkdtempSync(join(tmpdir(), 'canopy-doc-yaml-'));
  try {
    const empty = join(dir, 'search');
    mkdirSync(empty);
    writeFileSync(join(dir, 'clouds.yaml'), cloudsYaml);
    if (secureYaml !== undefined) writeFileSync(join(dir, 'secure.yaml'), secureYaml, { mode: 0o600 });
    const configs: CloudConfig[] = [];
    for (const cloud of names) {
      configs.push(
        await loadCloudConfig({
          cloud,
          configFile: join(dir, 'clouds.yaml'),
          ...(secureYaml !== undefined ? { secureFile: join(dir, 'secure.yaml') } : {}),
          env: {},
          searchDirs: [empty],
          warn: () => undefined,
        }),
      );
    }
    return configs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when a YAML text is a clouds.yaml (a top-level `clouds:` mapping). */
export function isCloudsYaml(text: string): boolean {
  const data = parse(text) as unknown;
  return typeof data === 'object' && data !== null && 'clouds' in data;
}
