import type { Exercise, Failure, StudentScenarioSource } from '../grader';
import type { Choice, FaultSchedule } from '../kernel';
import { resolveSettings, type RunnerConfig } from './config';
import type { Cancelled, Job } from './job';
import { openSession } from './open';
import { memoryFailure, timeoutFailure } from './overrun';
import type { LoadError, SeedRun, StopBefore } from './protocol';
import { WorkerSession, type ExchangeEnd } from './session';

type RunEnd = ExchangeEnd<SeedRun> | { status: 'load-error'; error: LoadError };

export interface SeedRunRequest {
  exercise: Exercise;
  source: string;
  file: string;
  /** The student's saved scenarios, already added to `exercise`; the worker adds them too. */
  scenarios?: StudentScenarioSource[];
  scenario: string;
  seed: number;
  /** Replaces the scenario's fault schedule (a saved or shrunk one). */
  faults?: FaultSchedule;
  /** Replaces the scenario's length, ms (a shrunk run's). */
  duration?: number;
  /** Return the trace file's lines. */
  trace?: boolean;
  /** A searched scenario's violation: replay this path of choices (from every node started) instead of the seed's run. */
  choices?: Choice[];
}

export type SeedRunOutcome =
  | { status: 'ran'; run: SeedRun }
  /**
   * The watchdog stopped the run (or it ran out of memory). When a trace was asked for and the
   * looping handler is known, `partial` is the run replayed up to that handler, which ends its trace.
   */
  | { status: 'stopped'; failure: Failure; partial?: SeedRun }
  | { status: 'load-error'; error: LoadError }
  | Cancelled;

/** Runs one seed of one scenario in a worker thread, under the same watchdog as grading. */
export function runSeed(request: SeedRunRequest, config: RunnerConfig = {}): Job<SeedRunOutcome> {
  const settings = resolveSettings(config);
  let session: WorkerSession | undefined;
  let cancelled = false;
  /** One run in a fresh worker (the watchdog ends a worker it stops). */
  const runInWorker = async (stopBefore?: StopBefore): Promise<RunEnd> => {
    const { exercise, source, file, scenario, seed } = request;
    session = new WorkerSession(settings);
    const opened = await openSession(session, settings, {
      exercise: exercise.id,
      source,
      file,
      ...(request.scenarios ? { scenarios: request.scenarios } : {}),
    });
    if (opened.status !== 'loaded') void session.stop();
    if (opened.status === 'stopped' || cancelled) return { status: 'stopped' };
    if (opened.status === 'load-error') return opened;
    try {
      return await opened.session.exchange(
        {
          kind: 'run',
          scenario,
          seed,
          faults: request.faults,
          duration: request.duration,
          trace: request.trace === true,
          ...(request.choices ? { choices: request.choices } : {}),
          limits: settings.limits,
          ...(stopBefore ? { stopBefore } : {}),
        },
        (m) => (m.kind === 'ran' ? m.run : undefined),
      );
    } finally {
      await opened.session.close();
    }
  };
  const run = async (): Promise<SeedRunOutcome> => {
    const place = { scenario: request.scenario, seed: request.seed };
    const end = await runInWorker();
    switch (end.status) {
      case 'load-error':
        return end;
      case 'done':
        return { status: 'ran', run: end.value };
      case 'overrun': {
        const failure = timeoutFailure(place, settings.unitMs, end.mark);
        if (!request.trace || end.mark === undefined || cancelled) return { status: 'stopped', failure };
        // The run is deterministic: a replay reaches the same handler, and stops there instead.
        const replay = await runInWorker({ call: end.mark.call, failure });
        return replay.status === 'done'
          ? { status: 'stopped', failure, partial: replay.value }
          : replay.status === 'stopped' && cancelled
            ? { status: 'cancelled' }
            : { status: 'stopped', failure };
      }
      case 'out-of-memory':
        return { status: 'stopped', failure: memoryFailure(place) };
      case 'stopped':
        return { status: 'cancelled' };
    }
  };
  return {
    done: run(),
    cancel() {
      cancelled = true;
      void session?.stop();
    },
  };
}
