/**
 * Property tests draw their cases from one fixed seed, so `npm test` gives the same answer on every run and a red
 * CI always means a change, not a draw. To explore beyond it, set `CANOPY_FC_SEED` (a number, or `random`); a
 * failure prints its seed, which then reproduces it.
 *
 * @example
 * // CANOPY_FC_SEED=random npx vitest run test/services/compute/raw-server-fast.property.test.ts
 */
import fc from 'fast-check';

const wanted = process.env.CANOPY_FC_SEED;
if (wanted !== 'random') fc.configureGlobal({ seed: wanted ? Number(wanted) : 20261206 });
