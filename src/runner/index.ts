export { DEFAULT_MAX_EVENTS, DEFAULT_MEMORY_MB, DEFAULT_UNIT_BUDGET_MS, type RunnerConfig } from './config';
export { grade, type GradeOutcome, type GradeRequest } from './grade';
export type { Cancelled, Job } from './job';
export { replayCommand } from './overrun';
export type { LoadError, SeedOptions, SeedRun } from './protocol';
export { runSeed, type SeedRunOutcome, type SeedRunRequest } from './runSeed';
