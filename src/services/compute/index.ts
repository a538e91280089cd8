/** Thin nova (compute) REST plumbing. */
export * from './schemas.js';
export * from './servers.js';
export * from './nova-network.js';
export * from './instance-actions.js';
export * from './volume-attachments.js';
export { parseBody } from './parse-body.js';
