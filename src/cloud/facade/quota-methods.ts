/**
 * Quotas, limits and the pre-flight check of the {@link Cloud}.
 */
import { ObjectStoreMethods } from './object-store-methods.js';

/**
 * Quotas, limits and the pre-flight check of the {@link Cloud}.
 *
 * @example
 * const quotas = await cloud.getQuotas();
 */
export class QuotaMethods extends ObjectStoreMethods {}
