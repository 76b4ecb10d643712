import type { FaultSchedule, HandlerHooks, NodeClass, RunBudget } from '../kernel';
import type { Exercise, Scenario } from './exercise';
import { runAndCheck, type Failure } from './run';
import { shrinkFailure, type Shrunk } from './shrink';
import { foldMeasurements, type MeasuredFigure } from './checkers/measured';
import { gradeSearch, SEARCH_SEED, type SearchPath, type SearchSummary } from './explore/graded';

/** Seeds a named scenario runs by default, and with `thorough`. */
export const DEFAULT_SEEDS = 30;
export const THOROUGH_SEEDS = 200;

export interface GradeOptions {
  /** Seeds 1..seeds for every scenario, generated families included (default: each scenario's own count). */
  seeds?: number;
  /** Many more runs: a generated family's thorough count, THOROUGH_SEEDS for a named scenario. */
  thorough?: boolean;
  /** Only this seed. */
  seed?: number;
  /** Only this scenario. */
  scenario?: string;
  /** Shrink the first failing seed of each scenario (default true). */
  shrink?: boolean;
  budget?: RunBudget;
  /** Called around every handler of every run (a host's watchdog marks). */
  hooks?: HandlerHooks;
}

/** The first failing seed of a scenario, with the schedule that failed and its shrunk form. */
export interface SeedFailure extends Failure {
  seed: number;
  faults: FaultSchedule;
  duration: number;
  shrunk?: Shrunk;
  /** A searched scenario's violation: the shortest path to it, from every node started (`seed` is the search's). */
  search?: SearchPath;
}

export interface ScenarioReport {
  name: string;
  description: string;
  points: number;
  earned: number;
  passed: boolean;
  /** Seeds run before the verdict (a scenario stops at its first failing seed). */
  seedsRun: number;
  /** Seeds it runs when every one passes. */
  seedsPlanned: number;
  /** Its schedule is drawn from each seed (a generated family), not written out. */
  generated: boolean;
  failure?: SeedFailure;
  /** Notes from the checkers on the first seed, when it passed. */
  notes?: string[];
  /** What measured checkers graded, each at its worst over the seeds run. */
  measurements?: MeasuredFigure[];
  /**
   * For an exercise whose submission is a fault schedule, when it passed: the first seed's run, the
   * one that shows how the schedule broke the program (what a host opens as its trace).
   */
  broken?: BrokenRun;
  /** A scenario graded by exhaustive search: what the search covered, passing or not (absent when its own run failed). */
  search?: SearchSummary;
}

/** A run in which a submitted schedule broke its target: enough to replay it. */
export interface BrokenRun {
  seed: number;
  faults: FaultSchedule;
  duration: number;
}

export interface GradeReport {
  exercise: string;
  title: string;
  file: string;
  seeds: number[];
  score: number;
  maxScore: number;
  scenarios: ScenarioReport[];
}

/** The seeds a scenario runs: the one asked for, 1..seeds when a count is given, else the scenario's own. */
export function seedList(options: GradeOptions, scenario?: Scenario): number[] {
  if (options.seed !== undefined) return [options.seed];
  if (scenario?.seeds !== undefined) return [...scenario.seeds];
  const own = options.thorough
    ? (scenario?.runs?.thorough ?? THOROUGH_SEEDS)
    : (scenario?.runs?.quick ?? DEFAULT_SEEDS);
  const count = options.seeds ?? own;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`seeds must be a whole number ≥ 1, got ${count}`);
  return Array.from({ length: count }, (_, i) => i + 1);
}

export function selectScenarios(exercise: Exercise, name: string | undefined): Scenario[] {
  return name === undefined ? exercise.scenarios : exercise.scenarios.filter((s) => s.name === name);
}

/** Lets a host follow a scenario run by run (a watchdog must know which run is under way). */
export interface GradeProgress {
  /** A run is about to start: a seed, or one probe of the shrinker. */
  unit?(seed: number, phase: 'seed' | 'shrink' | 'search'): void;
  /** A seed failed; called before shrinking starts, so the failure survives a shrink that never ends. */
  failed?(failure: SeedFailure): void;
}

/**
 * Grades one scenario: every seed must pass; the first failure is shrunk and reported. A program
 * loaded with loadStudentModule boots every node from a fresh module, so no state leaks between
 * runs either.
 */
export function gradeScenario(
  exercise: Exercise,
  scenario: Scenario,
  program: NodeClass,
  file: string,
  options: GradeOptions,
  progress: GradeProgress = {},
): ScenarioReport {
  const seeds = seedList(options, scenario);
  let seedsRun = 0;
  let notes: string[] | undefined;
  let broken: BrokenRun | undefined;
  let measurements: MeasuredFigure[] = [];
  for (const seed of seeds) {
    seedsRun++;
    progress.unit?.(seed, 'seed');
    const checked = runAndCheck({
      exercise,
      scenario,
      program,
      seed,
      file,
      budget: options.budget,
      hooks: options.hooks,
    });
    notes ??= checked.notes;
    if (exercise.submission !== undefined)
      broken ??= { seed, faults: checked.run.faults, duration: checked.run.duration };
    measurements = foldMeasurements(measurements, checked.measurements);
    if (checked.failure) {
      const failure: SeedFailure = {
        ...checked.failure,
        seed,
        faults: checked.run.faults,
        duration: checked.run.duration,
      };
      progress.failed?.(failure);
      // A schedule handed in is the student's to shrink: what failed is that it broke nothing.
      if (
        options.shrink !== false &&
        exercise.submission === undefined &&
        failure.checker !== 'budget' &&
        (failure.faults.length > 0 || failure.at !== undefined)
      ) {
        failure.shrunk = shrinkFailure(failure, failure.faults, failure.duration, (faults, duration) => {
          progress.unit?.(seed, 'shrink');
          return runAndCheck({
            exercise,
            scenario,
            program,
            seed,
            file,
            faults,
            duration,
            budget: options.budget,
            hooks: options.hooks,
          }).failure;
        });
      }
      return scenarioReport(scenario, options, seedsRun, failure, undefined, measurements);
    }
  }
  if (scenario.search !== undefined) {
    progress.unit?.(SEARCH_SEED, 'search');
    const searched = gradeSearch(exercise, scenario, program, file, options.hooks);
    if (searched.failure) progress.failed?.(searched.failure);
    return {
      ...scenarioReport(scenario, options, seedsRun, searched.failure, notes, measurements),
      search: searched.summary,
    };
  }
  return {
    ...scenarioReport(scenario, options, seedsRun, undefined, notes, measurements),
    ...(broken ? { broken } : {}),
  };
}

export function scenarioReport(
  scenario: Scenario,
  options: GradeOptions,
  seedsRun: number,
  failure: SeedFailure | undefined,
  notes?: string[],
  measurements: MeasuredFigure[] = [],
): ScenarioReport {
  return {
    ...(notes && notes.length > 0 ? { notes } : {}),
    ...(measurements.length > 0 ? { measurements } : {}),
    name: scenario.name,
    description: scenario.description,
    points: scenario.points,
    earned: failure ? 0 : scenario.points,
    passed: failure === undefined,
    seedsRun,
    seedsPlanned: seedList(options, scenario).length,
    generated: scenario.runs !== undefined,
    failure,
  };
}

export function gradeReport(
  exercise: Exercise,
  file: string,
  options: GradeOptions,
  scenarios: ScenarioReport[],
): GradeReport {
  return {
    exercise: exercise.id,
    title: exercise.title,
    file,
    seeds: seedList(options),
    score: scenarios.reduce((sum, s) => sum + s.earned, 0),
    maxScore: scenarios.reduce((sum, s) => sum + s.points, 0),
    scenarios,
  };
}

/** Grades in this thread. Hosts that must survive an infinite loop run gradeScenario in a worker. */
export function gradeExercise(
  exercise: Exercise,
  program: NodeClass,
  file: string,
  options: GradeOptions = {},
): GradeReport {
  const scenarios = selectScenarios(exercise, options.scenario).map((s) =>
    gradeScenario(exercise, s, program, file, options),
  );
  return gradeReport(exercise, file, options, scenarios);
}
