/**
 * The service catalog in one shape, whichever keystone produced it (v3 with or without `region_id` and service
 * `name`, v2.0 with publicURL/internalURL/adminURL, empty catalogs).
 */

/** One endpoint of a catalog service. */
export interface CatalogEndpoint {
  /** `public`, `internal` or `admin`. */
  interface: string;
  /** Region id (v3 `region_id`, else v3 `region`, else v2 `region`); undefined when the catalog names none. */
  region?: string;
  url: string;
  id?: string;
}

/** One service of the catalog. */
export interface CatalogService {
  /** The type as the catalog wrote it, e.g. `volumev3`. */
  type: string;
  name?: string;
  id?: string;
  endpoints: CatalogEndpoint[];
}

/** A normalized catalog. */
export type Catalog = CatalogService[];
