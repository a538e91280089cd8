import { CanopyError, guardFor } from './canopy-error.js';

/** A resource cannot be deleted because others still use it; `usedBy` lists them (nothing was changed). */
export class ResourceInUseError extends CanopyError {
  override name = 'ResourceInUseError' as const;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly usedBy: { type: string; id: string }[];

  constructor(resourceType: string, resource: { id: string; name?: string }, usedBy: { type: string; id: string }[]) {
    const label = resource.name ? `"${resource.name}" (${resource.id})` : resource.id;
    const list = usedBy.map((u) => `${u.type} ${u.id}`).join(', ');
    super(`${resourceType} ${label} is still in use by ${list}; nothing was deleted`);
    this.resourceType = resourceType;
    this.resourceId = resource.id;
    this.usedBy = usedBy;
  }
}

/** True when `e` is a {@link ResourceInUseError}. */
export const isResourceInUseError = guardFor(ResourceInUseError, 'ResourceInUseError');
