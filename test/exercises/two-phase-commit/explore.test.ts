import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { twoPhaseCommit } from '../../../lessons/20-two-phase-commit/exercise';
import { buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(twoPhaseCommit, program, solution.file, { depth, faults });
}

/** Exhaustive search of a coordinator and three participants with two transactions (one n3 refuses). */
describe('two-phase-commit explored exhaustively', () => {
  it('finds nothing in the reference within 4 choices, nor within 3 with a crash, a drop and a duplicate to spend', () => {
    for (const [depth, faults] of [
      [4, none],
      [3, { crashes: 1, drops: 1, duplicates: 1 }],
    ] as const) {
      const report = explore(referenceSolution('two-phase-commit'), depth, faults);
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, depth);
    }
  });

  const minimal: Array<{ variant: string; checker: string; depth: number }> = [
    // The refused transaction is committed by the first participant its Prepare reaches.
    { variant: 'commit-on-prepare', checker: 'validity', depth: 3 },
    { variant: 'prepares-after-vote', checker: 'prepared-work', depth: 3 },
    // The coordinator's timer fires before any vote arrives, and silence counts as yes.
    { variant: 'missing-vote-as-yes', checker: 'validity', depth: 3 },
    // A participant that voted yes times out before the decision and aborts alone.
    { variant: 'unilateral-abort-after-yes', checker: 'no-unilateral-decision', depth: 4 },
  ];
  for (const { variant, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('two-phase-commit', variant);
      const found = explore(solution, depth + 1, none).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, none).violation, undefined);
    });
  }

  it('sends the client requests as choices, each once', () => {
    const found = explore(buggyVariant('two-phase-commit', 'commit-on-prepare'), 3, none).violation;
    assert.deepEqual(found?.choices.map(describeChoice).slice(0, 2), [
      'client sends Begin to n1 (tx t2-mr)',
      'deliver Begin client→n1 (tx t2-mr)',
    ]);
  });
});
