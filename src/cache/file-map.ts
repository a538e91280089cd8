import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A `Map` persisted to one JSON file, for keyv's memory adapter: the CLI's cache between runs (tokens,
 * catalogs, discovery documents). The file is written atomically with mode 0600 because it holds tokens.
 * Good for one user's CLI runs; use Redis for many processes at once.
 */
export class FileMap extends Map<string, unknown> {
  private loaded = false;

  constructor(readonly path: string) {
    super();
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        for (const [k, v] of Object.entries(data as Record<string, unknown>)) super.set(k, v);
      }
    } catch {
      // No file yet, or an unreadable one: start empty; the next write replaces it.
    }
    this.loaded = true;
  }

  override set(key: string, value: unknown): this {
    super.set(key, value);
    this.flush();
    return this;
  }

  override delete(key: string): boolean {
    const had = super.delete(key);
    if (had) this.flush();
    return had;
  }

  override clear(): void {
    super.clear();
    this.flush();
  }

  private flush(): void {
    if (!this.loaded) return;
    const now = Date.now();
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.entries()) {
      // Drop entries the memory adapter marked as expired so the file does not grow forever.
      const expires = (v as { expires?: unknown } | null)?.expires;
      if (typeof expires === 'number' && expires <= now) continue;
      out[k] = v;
    }
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(out), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
