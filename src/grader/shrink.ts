import type { FaultSchedule } from '../kernel';
import type { Failure } from './run';

/** A smaller run that fails the same checker, next to the original. */
export interface Shrunk {
  faults: FaultSchedule;
  duration: number;
  originalFaults: number;
  originalDuration: number;
  runs: number;
}

/** Re-runs the same seed with a candidate schedule and length; returns the failure, if any. */
export type Probe = (faults: FaultSchedule, duration: number) => Failure | undefined;

/**
 * Delta debugging (Zeller's ddmin) over the fault schedule, then a binary search for the shortest
 * run that still fails. Streams are per link and per node, so removing one fault leaves the rest of
 * the run's randomness alone, which is what makes the reduction converge. Bounded by `maxRuns`.
 */
export function shrinkFailure(
  failure: Failure,
  faults: FaultSchedule,
  duration: number,
  probe: Probe,
  maxRuns = 200,
): Shrunk {
  let runs = 0;
  const stillFails = (candidate: FaultSchedule, length: number): boolean => {
    if (runs >= maxRuns) return false;
    runs++;
    return probe(candidate, length)?.checker === failure.checker;
  };

  let current = faults;
  let granularity = 2;
  while (current.length >= 1 && runs < maxRuns) {
    const chunks = split(current, Math.min(granularity, current.length));
    let reduced = false;
    for (let i = 0; i < chunks.length && !reduced; i++) {
      const complement = chunks.filter((_, j) => j !== i).flat();
      if (stillFails(complement, duration)) {
        current = complement;
        granularity = Math.max(granularity - 1, 2);
        reduced = true;
      }
    }
    if (!reduced) {
      if (granularity >= current.length) break;
      granularity = Math.min(granularity * 2, current.length);
    }
  }

  // The run must last at least until the violation; search between there and the full length.
  let low = Math.min(duration, Math.ceil(failure.at ?? 0) + 1);
  let high = duration;
  if (low < high && stillFails(current, low)) high = low;
  while (high - low > Math.max(1, duration / 64) && runs < maxRuns) {
    const mid = Math.round((low + high) / 2);
    if (stillFails(current, mid)) high = mid;
    else low = mid;
  }
  return { faults: current, duration: high, originalFaults: faults.length, originalDuration: duration, runs };
}

function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
