/** Many clouds as one: every cloud × region of clouds.yaml behind one object. */
export { openInventory, DEFAULT_INVENTORY_CONCURRENCY, type OpenInventoryOptions } from './open-inventory.js';
export { Inventory, type InventoryError, type InventoryResult, type InventoryServers, type InventoryTarget } from './inventory.js';
export { mapBounded } from './map-bounded.js';
