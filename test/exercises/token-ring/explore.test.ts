import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { tokenRing } from '../../../lessons/04-mutual-exclusion/token-ring/exercise';
import { alternativeSolutions, buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };
const oneCrash: FaultBudget = { ...none, crashes: 1 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(tokenRing, program, solution.file, { depth, faults });
}

/** Exhaustive search of a ring of three, n2 wanting in once, timers firing whenever the search chooses. */
describe('token-ring explored exhaustively', () => {
  for (const solution of [referenceSolution('token-ring'), ...alternativeSolutions('token-ring')])
    it(`finds nothing in ${solution.name} within 5 choices with a crash and a drop to spend`, () => {
      const report = explore(solution, 5, { ...none, crashes: 1, drops: 1 });
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, 5);
    });

  it('does not take two nodes inside for a broken invariant: a correct ring has them when a token is late', () => {
    const invariants = new Set(
      tokenRing.scenarios.flatMap((s) => s.checkers.filter((c) => c.safety === true).map((c) => c.name)),
    );
    assert.deepEqual([...invariants].sort(), ['no-stale-token', 'one-token-per-generation']);
  });

  const minimal: Array<{ variant: string; faults: FaultBudget; checker: string; depth: number }> = [
    // The monitor's loss timer fires early and the new token has the old one's generation.
    { variant: 'no-new-generation', faults: none, checker: 'one-token-per-generation', depth: 1 },
    // n2 restarts with a loss timer of its own and makes generation 1 again.
    { variant: 'every-node-regenerates', faults: oneCrash, checker: 'one-token-per-generation', depth: 3 },
    // The monitor restarts without the generation it made and makes generation 1 again.
    { variant: 'volatile-generation', faults: oneCrash, checker: 'one-token-per-generation', depth: 3 },
    // An early loss timer makes generation 2; generation 1 arrives after it and is passed on.
    { variant: 'uses-stale-token', faults: none, checker: 'no-stale-token', depth: 4 },
  ];
  for (const { variant, faults, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('token-ring', variant);
      const found = explore(solution, depth, faults).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, faults).violation, undefined);
    });
  }
});
