import { describeMeasuredFigure, type MeasuredFigure, type SeedFailure, type SourceLocation } from '../../grader';
import type { Translate } from './translate';

/** A test message before it becomes VS Code's: its text and where in the student's file it points. */
export interface MessageSpec {
  text: string;
  /** 0-based; the top of the file when the failure points nowhere in it. */
  line: number;
  column: number;
}

/**
 * The checker's explanation, the seed that failed and what shrinking kept, at the student's line
 * when known; then the scenario's measured figures, each with its limit.
 */
export function failureMessage(
  failure: SeedFailure,
  file: string,
  t: Translate,
  measurements: readonly MeasuredFigure[] = [],
): MessageSpec {
  const lines = [
    failure.explanation,
    t('Property: {0} (checker {1})', failure.property, failure.checker),
    t('Failing seed: {0}', failure.seed),
  ];
  const shrunk = failure.shrunk;
  if (shrunk && (shrunk.faults.length < shrunk.originalFaults || shrunk.duration < shrunk.originalDuration)) {
    lines.push(
      t(
        'Shrunk to {0} of {1} faults and {2} ms of {3} ms',
        shrunk.faults.length,
        shrunk.originalFaults,
        shrunk.duration,
        shrunk.originalDuration,
      ),
    );
  }
  lines.push(...measuredLines(measurements, t));
  if (failure.stack) lines.push('', failure.stack);
  return { text: lines.join('\n'), ...position(failure.location, file) };
}

/** "Measured: 12.4 messages per broadcast (worst of 30 runs), at most 30 allowed", one line per figure. */
export function measuredLines(measurements: readonly MeasuredFigure[], t: Translate): string[] {
  return measurements.map((m) => t('Measured: {0}', describeMeasuredFigure(m)));
}

/** The student's file could not be loaded: every scenario asked for fails with this. */
export function loadErrorMessage(error: { message: string; location?: SourceLocation }, file: string): MessageSpec {
  return { text: error.message, ...position(error.location, file) };
}

function position(location: SourceLocation | undefined, file: string): { line: number; column: number } {
  if (location === undefined || location.file !== file) return { line: 0, column: 0 };
  return { line: Math.max(0, location.line - 1), column: Math.max(0, location.column - 1) };
}
