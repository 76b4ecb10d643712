export { DEFAULT_UNIT_BUDGET_MS, type RunnerConfig } from './config';
export { grade, type GradeOutcome, type GradeRequest } from './grade';
export type { Cancelled, Job } from './job';
export type { LoadError, SeedOptions, SeedRun } from './protocol';
export { runSeed, type SeedRunOutcome, type SeedRunRequest } from './runSeed';
export { explore, type ExploreJobRequest, type ExploreOutcome } from './explore';
export type { ExploredReport } from './protocol';
