/** The demo data generator (generate.ts) and the marker of a demo database, for the hosts, the CLI, tests and benchmarks. */
export { DEFAULT_DEMO_SCALE, generateDemoData, type DemoOptions, type DemoSummary } from './generate';
export { DEMO_MARKER } from './marker';
export { generateScenario, QUAN6_FIGURES, SCENARIOS, type Scenario } from './scenario-quan6';
