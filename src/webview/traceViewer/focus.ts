import type { Failure } from '../../grader/run';

/** The events' times and the run's length: what the window is chosen from. */
export interface RunTimes {
  readonly count: number;
  readonly times: ArrayLike<number>;
  readonly endTime: number;
}

/** At least this much of the run shows on either side of the violation, as a fraction of the run. */
const CONTEXT = 1 / 12;

/**
 * The stretch of a failing run to open on: from the first to the last of the violation's events and
 * its time, with some of the run on either side (never before it starts; past its end, so that a
 * violation at the very end, as in a shrunk or stopped run, is not on the edge). Undefined when
 * the failure points at no time (the whole run is shown then).
 */
export function violationWindow(
  run: RunTimes,
  failure: Pick<Failure, 'at' | 'events'>,
): { from: number; to: number } | undefined {
  const points = (failure.events ?? [])
    .filter((i) => Number.isInteger(i) && i >= 0 && i < run.count)
    .map((i) => run.times[i] as number);
  if (failure.at !== undefined && Number.isFinite(failure.at)) points.push(failure.at);
  if (points.length === 0) return undefined;
  const first = Math.min(...points);
  const last = Math.max(...points);
  const context = Math.max((last - first) * 0.3, run.endTime * CONTEXT, 1);
  return { from: Math.max(0, first - context), to: last + context };
}
