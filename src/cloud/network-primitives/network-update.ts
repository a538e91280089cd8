/**
 * What `updateNetwork` takes and the extensions its options need.
 */
import type { NetworkChanges } from '../../resources/network/network.js';

/** Changes of `updateNetwork`. */
export interface UpdateNetworkChanges extends NetworkChanges {
  /** Replaces the tags (needs `standard-attr-tag`). */
  tags?: string[];
}

/** The extension each option needs. */
export const NETWORK_NEEDS: Readonly<Record<string, string>> = {
  mtu: 'net-mtu-writable',
  portSecurityEnabled: 'port-security',
  description: 'standard-attr-description',
  tags: 'standard-attr-tag',
};
