/**
 * The standard attributes every neutron kind shares (owner, description, tags) and the filters built on them.
 */
import { z } from 'zod';
import type { ListFilter } from '../resource-kind.js';

/** Keys every neutron record may carry (absent on old releases). */
export const standardAttributes = {
  description: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  tenant_id: z.string().nullish(),
  project_id: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
};

/** The normalized standard attributes: `description` only when not empty, `tags` always (empty before Mitaka). */
export function standardOf(raw: { description?: string | null; tags?: string[] | null; tenant_id?: string | null; project_id?: string | null }): { description?: string; tags: string[]; projectId?: string } {
  const projectId = raw.project_id ?? raw.tenant_id ?? undefined;
  return { ...(raw.description ? { description: raw.description } : {}), tags: raw.tags ?? [], ...(projectId ? { projectId } : {}) };
}

/** `tags=a,b`: records carrying every tag (checked locally too). */
export function tagsFilter<Raw extends { tags?: string[] | null }>(): ListFilter<Raw> {
  return { param: 'tags', matches: (raw, value) => (Array.isArray(value) ? value : String(value).split(',')).every((t) => (raw.tags ?? []).includes(String(t))) };
}

/** A filter on one attribute compared as is. */
export function equalFilter<Raw>(param: string, read: (raw: Raw) => unknown): ListFilter<Raw> {
  return { param, matches: (raw, value) => read(raw) === value };
}
