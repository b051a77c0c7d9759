/**
 * The container runtime's contract, as scenarios that run unchanged against the Node host
 * (vitest, contract.ts) and the browser host (Chromium, harness.ts + e2e/runtime.spec.ts).
 * Modules come from ../testdata (WAT, C and Rust sources beside them).
 */
import type { Scenario } from './scenarioContext.ts';
import { filesystemScenarios } from './scenarios/filesystem.ts';
import { lifecycleScenarios } from './scenarios/lifecycle.ts';
import { memoryScenarios } from './scenarios/memory.ts';
import { timeScenarios } from './scenarios/time.ts';

export { ScenarioContext } from './scenarioContext.ts';
export type { Scenario, ScenarioEnv } from './scenarioContext.ts';

export const scenarios: Scenario[] = [
  ...lifecycleScenarios,
  ...memoryScenarios,
  ...filesystemScenarios,
  ...timeScenarios,
];
