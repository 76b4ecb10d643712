import {
  concretize,
  gradeReport,
  scenarioReport,
  seedList,
  selectScenarios,
  type Exercise,
  type GradeReport,
  type Scenario,
  type ScenarioReport,
  type SeedFailure,
  type StudentScenarioSource,
} from '../grader';
import { resolveSettings, type RunnerConfig, type Settings } from './config';
import type { Cancelled, Job } from './job';
import { openSession, type StudentFile } from './open';
import { memoryFailure, searchMemoryFailure, searchTimeoutFailure, timeoutFailure, type UnitPlace } from './overrun';
import type { LoadError, SeedOptions } from './protocol';
import { poolFor } from './pool';
import type { ExchangeEnd, WorkerSession } from './session';

export interface GradeRequest {
  exercise: Exercise;
  /** The student's TypeScript source. */
  source: string;
  /** Its name in stacks and messages (the path as the student knows it). */
  file: string;
  /** The student's saved scenarios, already added to `exercise` (see withStudentScenarios); the workers add them too. */
  scenarios?: StudentScenarioSource[];
  options?: SeedOptions & { scenario?: string };
  /** Called as a worker takes up a scenario (a test explorer marks it as running). */
  onScenarioStart?(scenario: string): void;
  /** Called as each scenario finishes (in finishing order, which with several workers is not catalog order). */
  onScenario?(report: ScenarioReport): void;
}

export type GradeOutcome =
  { status: 'graded'; report: GradeReport } | { status: 'load-error'; error: LoadError } | Cancelled;

/**
 * Grades in worker threads: scenarios are shared out among the workers, each run is watched, and a
 * run that never returns costs its worker (a fresh one takes the remaining scenarios), not the grade.
 * Workers come from the pool and go back to it warm (see pool.ts).
 */
export function grade(request: GradeRequest, config: RunnerConfig = {}): Job<GradeOutcome> {
  const settings = resolveSettings(config);
  const sessions = new Set<WorkerSession>();
  let cancelled = false;
  const done = gradeInWorkers(request, settings, sessions, () => cancelled);
  return {
    done,
    cancel() {
      cancelled = true;
      for (const session of sessions) void session.stop();
    },
  };
}

async function gradeInWorkers(
  request: GradeRequest,
  settings: Settings,
  sessions: Set<WorkerSession>,
  isCancelled: () => boolean,
): Promise<GradeOutcome> {
  const { exercise, options = {} } = request;
  const scenarios = selectScenarios(exercise, options.scenario);
  const student: StudentFile = {
    exercise: exercise.id,
    source: request.source,
    file: request.file,
    ...(request.scenarios ? { scenarios: request.scenarios } : {}),
  };
  const reports: ScenarioReport[] = [];
  let next = 0;
  let loadError: LoadError | undefined;
  const stopped = (): boolean => isCancelled() || loadError !== undefined;
  const pool = poolFor(settings);

  const lane = async (): Promise<void> => {
    let session: WorkerSession | undefined;
    try {
      while (!stopped() && next < scenarios.length) {
        const index = next++;
        const scenario = scenarios[index] as Scenario;
        request.onScenarioStart?.(scenario.name);
        if (session === undefined) {
          session = pool.take(settings);
          sessions.add(session);
          const opened = await openSession(session, settings, student);
          if (opened.status === 'load-error') loadError ??= opened.error;
          if (opened.status !== 'loaded') return;
        }
        let seedFailure: SeedFailure | undefined;
        const end = await session.exchange(
          { kind: 'grade-scenario', scenario: scenario.name, options, limits: settings.limits },
          (m) => {
            if (m.kind === 'seed-failed') seedFailure = m.failure;
            return m.kind === 'scenario' ? m.report : undefined;
          },
        );
        if (end.status === 'stopped') return;
        if (end.status !== 'done') {
          sessions.delete(session); // the watchdog or the heap limit ended that worker
          session = undefined;
        }
        const report = end.status === 'done' ? end.value : lostRunReport(end, scenario, options, settings, seedFailure);
        reports[index] = report;
        request.onScenario?.(report);
      }
    } finally {
      if (session?.reusable === true && !isCancelled()) {
        sessions.delete(session);
        pool.give(session);
      }
    }
  };

  const lanes = Math.min(settings.workers, Math.max(1, scenarios.length));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    // What is left was cancelled or lost: it is not reused.
    await Promise.all([...sessions].map((s) => s.stop()));
  }
  if (isCancelled()) return { status: 'cancelled' };
  if (loadError) return { status: 'load-error', error: loadError };
  return { status: 'graded', report: gradeReport(exercise, request.file, options, reports) };
}

/**
 * A scenario whose worker was stopped mid-unit. If a seed had already failed (the shrinker was
 * running), that failure stands, unshrunk; otherwise the running seed fails with the cause.
 */
function lostRunReport(
  end: Extract<ExchangeEnd<unknown>, { status: 'overrun' | 'out-of-memory' }>,
  scenario: Scenario,
  options: SeedOptions,
  { unitMs, searchMs }: Pick<Settings, 'unitMs' | 'searchMs'>,
  seedFailure: SeedFailure | undefined,
): ScenarioReport {
  const seeds = seedList(options, scenario);
  if (seedFailure) return scenarioReport(scenario, options, seeds.indexOf(seedFailure.seed) + 1, seedFailure);
  const seed = end.unit?.seed ?? seeds[0] ?? 1; // seedList is never empty
  const place: UnitPlace = { scenario: scenario.name, seed };
  // A search starts once the scenario's own run passed: it is the search that overran.
  const searched = { searched: scenario.name };
  const failure =
    end.unit?.phase === 'search'
      ? end.status === 'overrun'
        ? searchTimeoutFailure(searched, searchMs, end.mark)
        : searchMemoryFailure(searched)
      : end.status === 'overrun'
        ? timeoutFailure(place, unitMs, end.mark)
        : memoryFailure(place);
  const run = concretize(scenario, seed);
  return scenarioReport(scenario, options, seeds.indexOf(seed) + 1, {
    ...failure,
    seed,
    faults: run.faults,
    duration: run.duration,
  });
}
