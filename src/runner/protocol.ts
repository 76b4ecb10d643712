import type { Choice, FaultSchedule, MessageCounts, RunOutcome } from '../kernel';
import type {
  DepthDone,
  ExploreOptions,
  ExploreReport,
  ExploreRequest,
  Failure,
  GradeOptions,
  LevelFound,
  LevelVerdict,
  Measurement,
  ScenarioReport,
  SeedFailure,
  Shard,
  SourceLocation,
  StudentScenarioSource,
} from '../grader';

/** Which seeds to run and whether to shrink: the serializable part of the grader's options. */
export type SeedOptions = Pick<GradeOptions, 'seeds' | 'seed' | 'shrink' | 'thorough'>;

/** What a worker needs to bound one run; the wall clock itself is read inside the worker. */
export interface UnitLimits {
  maxEvents: number;
  wallClockMs: number;
}

/** The host's requests. A worker serves one student file: `load` comes first. */
export type HostRequest =
  | {
      kind: 'load';
      exercise: string;
      source: string;
      file: string;
      marks: SharedArrayBuffer;
      /** The student's saved scenarios: the worker adds them to the exercise as the host did. */
      scenarios?: StudentScenarioSource[];
    }
  | { kind: 'grade-scenario'; scenario: string; options: SeedOptions; limits: UnitLimits }
  | {
      kind: 'run';
      scenario: string;
      seed: number;
      faults?: FaultSchedule;
      duration?: number;
      trace: boolean;
      limits: UnitLimits;
      /** Replay a run the watchdog stopped: its `call`-th handler fails with `failure` instead of running. */
      stopBefore?: StopBefore;
      /** A searched scenario's violation: replay this path of choices instead of the seed's run. */
      choices?: Choice[];
    }
  /** `distsys explore`: search the exercise's small configuration. */
  | { kind: 'explore'; options: WorkerExploreOptions }
  /** `distsys explore --workers N`: take this share of a breadth-first search (see ShardSearch); answered by `shard-opened`. */
  | { kind: 'explore-shard'; options: WorkerExploreOptions; shard: Shard; forking: boolean }
  /** Keep what the verdict gives the shard of the last depth (none before the first), and expand the next: answered by `shard-level`. */
  | { kind: 'explore-level'; verdict?: LevelVerdict }
  /** No more work: the worker lets its thread end, which flushes what the student's code printed. */
  | { kind: 'close' };

/** Where a replay of a stopped run ends, and the verdict its trace carries. */
export interface StopBefore {
  call: number;
  failure: Failure;
}

/** What `distsys explore` may set, as data (progress comes back as messages). */
export type WorkerExploreOptions = Omit<ExploreOptions, 'onDepth' | 'hooks'>;

/** A search's report as it crosses threads: the violation's trace as its hash and length. */
export interface ExploredReport extends Omit<ExploreReport, 'violation'> {
  /** The configuration searched: the exercise's, with the options' changes. */
  searched: Pick<ExploreRequest, 'nodes' | 'depth' | 'faults'> & { processes?: string[] };
  /** Real time the search took in the worker, s. */
  seconds: number;
  violation?: ExploredViolation;
}

/** A violation as it crosses threads: its trace as its hash and length (a replay of its choices gives it back). */
export type ExploredViolation = Omit<NonNullable<ExploreReport['violation']>, 'trace'> & {
  traceHash: string;
  traceEvents: number;
};

/** The student's file could not become a node class. */
export interface LoadError {
  message: string;
  location?: SourceLocation;
}

/** One seed of one scenario, run with its trace, as `distsys run` shows it. */
export interface SeedRun {
  outcome: RunOutcome;
  /** Events the kernel handled (the trace records fewer or more: it has no entry for a cancelled timer, and one per state change). */
  events: number;
  /** Events in the trace. */
  traceEvents: number;
  endTime: number;
  messages: MessageCounts;
  hash: string;
  faults: FaultSchedule;
  duration: number;
  failure?: Failure;
  notes: string[];
  /** The figures measured checkers graded. */
  measurements: Measurement[];
  /** The trace file, line by line (`Trace.toLines` with the verdict in the footer), when asked for. */
  traceLines?: string[];
}

/**
 * A unit is one run: a seed of a scenario, or one probe of the shrinker; or one exhaustive search
 * (of a graded scenario, or of `distsys explore`). The watchdog times each, a search by its own budget.
 */
export interface Unit {
  scenario: string;
  seed: number;
  phase: 'seed' | 'shrink' | 'run' | 'search';
}

export type WorkerMessage =
  | { kind: 'loaded' }
  | { kind: 'load-error'; error: LoadError }
  | { kind: 'unit'; unit: Unit }
  /** What the student's code printed, in order with the other messages. */
  | { kind: 'output'; text: string }
  /** A name the handler marks refer to by number (see marks.ts). */
  | { kind: 'name'; id: number; text: string }
  | { kind: 'seed-failed'; failure: SeedFailure }
  | { kind: 'scenario'; report: ScenarioReport }
  | { kind: 'ran'; run: SeedRun }
  /** A depth of a search is done (progress). */
  | { kind: 'explore-depth'; done: DepthDone }
  | { kind: 'explored'; report: ExploredReport }
  /** A shard's search is open: what it searches, and the violation at the start, if any. */
  | { kind: 'shard-opened'; searched: ExploredReport['searched']; violation?: ExploredViolation }
  | { kind: 'shard-level'; level: LevelFound<ExploredViolation> }
  /** A fork went where a replay of its path does not: the search starts again, replaying only. */
  | { kind: 'shard-diverged' }
  /** A bug outside the student's code (an exercise's checker threw): not the student's failure. */
  | { kind: 'internal-error'; message: string };
