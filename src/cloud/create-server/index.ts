/**
 * createServer, split along its seams: options (`options.ts`), name resolution (`resolve-input.ts`,
 * `networks.ts`), nova's request body as a pure function (`request-body.ts`), the boot (`boot.ts`), the phases
 * (`create-server.ts`) and the cleanup after a failure (`cleanup.ts`).
 */
export { createServer } from './create-server.js';
export type { CreateServerHooks, CreateServerOptions, CreateServerStep, CreatedServer, ServerNic } from './options.js';
export { serverCreateRequest, tagsAfterBoot, checkCreateOptions, type ServerBodyInput, type ServerCreateRequest, type ResolvedNic } from './request-body.js';
