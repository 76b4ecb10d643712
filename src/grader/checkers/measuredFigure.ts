import type { ObservedState } from '../../kernel';
import type { CheckedRun, Checker, Verdict } from '../exercise';

/** What a figure checker reads off one run: the figure, and what it is made of. */
export interface RunFigure {
  value: number;
  /** The counts behind the figure, said after it: "58 messages for 10 entries by 700 ms". */
  detail: string;
  /** Where a failing verdict points: the time and the nodes the detail names. */
  at?: number;
  nodes?: string[];
}

export interface FigureLimit<S extends ObservedState> {
  name: string;
  property: string;
  /** What the number counts, read after it: "messages between nodes per entry". */
  figure: string;
  /** The largest value that passes: a bound the algorithm promises, not a tuning of one solution. */
  atMost: number | ((run: CheckedRun<S>) => number);
  /** The run's figure; undefined when it has nothing to measure (nothing happened to count). */
  measure(run: CheckedRun<S>): RunFigure | undefined;
}

/**
 * A measured-quality checker: grades a run on a figure against its limit, and states both either
 * way (a passing verdict carries them as its note), so a student sees how close a solution is.
 */
export function figureAtMost<S extends ObservedState = ObservedState>(spec: FigureLimit<S>): Checker<S> {
  return {
    name: spec.name,
    property: spec.property,
    check(run): Verdict {
      const measured = spec.measure(run);
      if (measured === undefined) return { ok: true };
      const limit = typeof spec.atMost === 'number' ? spec.atMost : spec.atMost(run);
      const stated = `${formatFigure(measured.value)} ${spec.figure} (${measured.detail}), at most ${formatFigure(limit)} allowed`;
      if (measured.value <= limit) return { ok: true, note: stated };
      return { ok: false, explanation: stated, at: measured.at, nodes: measured.nodes };
    },
  };
}

function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
