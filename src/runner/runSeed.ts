import type { Exercise, Failure } from '../grader';
import type { FaultSchedule } from '../kernel';
import { resolveSettings, type RunnerConfig } from './config';
import type { Cancelled, Job } from './job';
import { openSession } from './open';
import { memoryFailure, timeoutFailure } from './overrun';
import type { LoadError, SeedRun } from './protocol';
import { WorkerSession } from './session';

export interface SeedRunRequest {
  exercise: Exercise;
  source: string;
  file: string;
  scenario: string;
  seed: number;
  /** Replaces the scenario's fault schedule (a saved or shrunk one). */
  faults?: FaultSchedule;
  /** Replaces the scenario's length, ms (a shrunk run's). */
  duration?: number;
  /** Return the trace file's lines. */
  trace?: boolean;
}

export type SeedRunOutcome =
  | { status: 'ran'; run: SeedRun }
  /** The watchdog stopped the run (or it ran out of memory): no trace, only the verdict. */
  | { status: 'stopped'; failure: Failure }
  | { status: 'load-error'; error: LoadError }
  | Cancelled;

/** Runs one seed of one scenario in a worker thread, under the same watchdog as grading. */
export function runSeed(request: SeedRunRequest, config: RunnerConfig = {}): Job<SeedRunOutcome> {
  const settings = resolveSettings(config);
  let session: WorkerSession | undefined;
  let cancelled = false;
  const run = async (): Promise<SeedRunOutcome> => {
    const { exercise, source, file, scenario, seed } = request;
    session = new WorkerSession(settings);
    const opened = await openSession(session, settings, { exercise: exercise.id, source, file });
    if (opened.status !== 'loaded') void session.stop();
    if (opened.status === 'stopped' || cancelled) return { status: 'cancelled' };
    if (opened.status === 'load-error') return opened;
    try {
      const end = await opened.session.exchange(
        {
          kind: 'run',
          scenario,
          seed,
          faults: request.faults,
          duration: request.duration,
          trace: request.trace === true,
          limits: settings.limits,
        },
        (m) => (m.kind === 'ran' ? m.run : undefined),
      );
      const place = { scenario, seed };
      switch (end.status) {
        case 'done':
          return { status: 'ran', run: end.value };
        case 'overrun':
          return { status: 'stopped', failure: timeoutFailure(place, settings.unitMs, end.mark) };
        case 'out-of-memory':
          return { status: 'stopped', failure: memoryFailure(place) };
        case 'stopped':
          return { status: 'cancelled' };
      }
    } finally {
      await opened.session.close();
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
