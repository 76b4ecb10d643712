/**
 * The exhaustive search as the exercises' tests ask it: a solution searched to a depth within a
 * fault budget; nothing found in a correct one, every state explored; a buggy variant found by the
 * checker that sees its mistake, at the smallest number of choices that shows it.
 */
import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule, type Exercise, type Violation } from '../../src/grader';
import type { FaultBudget } from '../../src/kernel';
import { buggyVariant, type SolutionSource } from './solutions';

export const NO_FAULTS: FaultBudget = Object.freeze({ crashes: 0, drops: 0, duplicates: 0 });

export interface SearchBounds {
  depth: number;
  faults?: FaultBudget;
  nodes?: number;
}

export function explore(
  exercise: Exercise,
  solution: SolutionSource,
  { depth, faults = NO_FAULTS, nodes }: SearchBounds,
) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(exercise, program, solution.file, { depth, faults, ...(nodes ? { nodes } : {}) });
}

/** A correct solution: within each bound, every state explored and no rule broken. */
export function assertNothingFound(
  exercise: Exercise,
  solution: SolutionSource,
  bounds: readonly SearchBounds[],
): void {
  for (const bound of bounds) {
    const report = explore(exercise, solution, bound);
    assert.equal(report.violation?.failure.explanation, undefined);
    assert.equal(report.complete, true);
    assert.equal(report.depthReached, bound.depth);
  }
}

/** A buggy variant the search finds by `checker` in `depth` choices. */
export interface MinimalFind extends SearchBounds {
  variant: string;
  checker: string;
  /** Also search one choice less and find nothing (default true; a deep search may be too slow to repeat). */
  noneShallower?: boolean;
}

/** Finds the variant's violation at its depth, by its checker, and nothing shallower; returns what it found. */
export function assertFoundAtMinimalDepth(exercise: Exercise, find: MinimalFind): Violation {
  const solution = buggyVariant(exercise.id, find.variant);
  const found = explore(exercise, solution, find).violation;
  assert.ok(found, `${find.variant}: nothing found`);
  assert.equal(found.failure.checker, find.checker, found.failure.explanation);
  assert.equal(found.choices.length, find.depth, found.choices.map(describeChoice).join('; '));
  if (find.noneShallower !== false)
    assert.equal(explore(exercise, solution, { ...find, depth: find.depth - 1 }).violation, undefined);
  return found;
}

/** "in 6 choices on 3 nodes with a crash to spend, and nothing in fewer" */
export function findTitle(find: MinimalFind): string {
  const spend = find.faults ? spent(find.faults) : '';
  return (
    `finds ${find.variant} by ${find.checker} in ${find.depth} choice${find.depth === 1 ? '' : 's'}` +
    (find.nodes ? ` on ${find.nodes} nodes` : '') +
    (spend ? ` with ${spend} to spend` : '') +
    (find.noneShallower === false ? '' : ', and nothing in fewer')
  );
}

function spent({ crashes, drops, duplicates }: FaultBudget): string {
  const parts = [
    [crashes, 'crash', 'crashes'],
    [drops, 'drop', 'drops'],
    [duplicates, 'duplicate', 'duplicates'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => (n === 1 ? `a ${one}` : `${n} ${many}`))
    .join(', ');
}
