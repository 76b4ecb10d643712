import type { DepthDone, Exercise, Failure } from '../grader';
import { resolveSettings, type RunnerConfig } from './config';
import { exploreInWorkers } from './exploreInWorkers';
import type { Cancelled, Job } from './job';
import { openSession } from './open';
import { searchNotDone } from './overrun';
import type { ExploredReport, LoadError, WorkerExploreOptions } from './protocol';
import { WorkerSession } from './session';

export interface ExploreJobRequest {
  exercise: Exercise;
  source: string;
  /** Its name in stacks and messages. */
  file: string;
  options: WorkerExploreOptions;
  /** Breadth-first: worker threads sharing the search (default 1); the report is the same. */
  workers?: number;
  /** Told as each depth of a breadth-first search is done. */
  onDepth?(done: DepthDone): void;
}

export type ExploreOutcome =
  | { status: 'explored'; report: ExploredReport }
  /** The search overran its time (`searchBudgetMs`) or the worker's heap: the failure says which, naming the file. */
  | { status: 'stopped'; failure: Failure }
  | { status: 'load-error'; error: LoadError }
  | Cancelled;

/**
 * Searches in a worker thread under the watchdog, as grading does: the search runs the student's
 * handlers, and one that never returns must cost the worker, not the caller's thread.
 */
export function explore(request: ExploreJobRequest, config: RunnerConfig = {}): Job<ExploreOutcome> {
  const workers = request.workers ?? 1;
  if (workers > 1 && request.options.mode !== 'random') return exploreInWorkers(request, workers, config);
  const settings = resolveSettings(config);
  const session = new WorkerSession(settings);
  let cancelled = false;
  const run = async (): Promise<ExploreOutcome> => {
    try {
      const opened = await openSession(session, settings, {
        exercise: request.exercise.id,
        source: request.source,
        file: request.file,
      });
      if (opened.status === 'stopped' || cancelled) return { status: 'cancelled' };
      if (opened.status === 'load-error') return opened;
      const end = await session.exchange({ kind: 'explore', options: request.options }, (m) => {
        if (m.kind === 'explore-depth') request.onDepth?.(m.done);
        return m.kind === 'explored' ? m.report : undefined;
      });
      if (end.status === 'done') return { status: 'explored', report: end.value };
      return searchNotDone(end, { searched: request.file }, settings.searchMs);
    } finally {
      await session.close();
    }
  };
  return {
    done: run(),
    cancel() {
      cancelled = true;
      void session.stop();
    },
  };
}
