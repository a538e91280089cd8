/** `canopy apply`: a declarative plan (key pairs, networks, volumes, servers) made real, idempotently. */
export { PlanSchema, type Plan, type PlanServer, type PlanNetwork } from './plan-schema.js';
export { loadPlan, type LoadedPlan } from './load-plan.js';
export { observe, type ObservedState } from './observe.js';
export { planSteps, changes, CREATE_ORDER, type PlanStep, type PlanKind } from './planner.js';
export { executeSteps, type StepResult, type ExecuteOptions } from './executor.js';
