import type { SeedFailure } from '../../grader';
import type { Choice, FaultSchedule } from '../../kernel';
import type { Translate } from './translate';

/** The run a reported failure stands for: its seed, with the schedule and length shrinking kept. */
export interface Replay {
  seed: number;
  faults: FaultSchedule;
  duration: number;
  /** Shrinking kept fewer faults or a shorter run than the scenario's own. */
  shrunk: boolean;
  /** A searched scenario's violation: the path of choices replayed instead of the seed's run. */
  choices?: Choice[];
}

/** What Open Trace replays for a failure: the shrunk run when shrinking made it smaller, as the message reports it. */
export function replayOf(failure: SeedFailure): Replay {
  if (failure.search)
    return {
      seed: failure.seed,
      faults: [],
      duration: failure.duration,
      shrunk: false,
      choices: failure.search.choices,
    };
  const kept = failure.shrunk;
  const smaller =
    kept !== undefined && (kept.faults.length < kept.originalFaults || kept.duration < kept.originalDuration);
  return smaller
    ? { seed: failure.seed, faults: kept.faults, duration: kept.duration, shrunk: true }
    : { seed: failure.seed, faults: failure.faults, duration: failure.duration, shrunk: false };
}

/**
 * The line the viewer shows above a recorded run when the student's file is no longer what was
 * graded (undefined when it still is): the run is the old file's, and Re-run takes the file as it is.
 */
export function submissionNote(graded: string, current: string | undefined, t: Translate): string | undefined {
  if (current === graded) return undefined;
  return current === undefined
    ? t('This is the run as graded. The file is gone since; this run is of the file as it was then.')
    : t('This is the run as graded, of your file as it was then: it has changed since. Re-run runs it as it is now.');
}
