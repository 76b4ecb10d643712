import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { gossipBroadcast } from '../../../lessons/08-eventual-consistency/exercise';
import { buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const oneCrash: FaultBudget = { crashes: 1, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget = oneCrash) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(gossipBroadcast, program, solution.file, { depth, faults });
}

/** Exhaustive search of two nodes, a value broadcast to each and a read of each, sent in any order, with a crash to spend. */
describe('gossip-broadcast explored exhaustively', () => {
  it('finds nothing in the reference within 6 choices and a crash, nor within 4 with a drop and a duplicate too', () => {
    for (const [depth, faults] of [
      [6, oneCrash],
      [4, { crashes: 1, drops: 1, duplicates: 1 }],
    ] as const) {
      const report = explore(referenceSolution('gossip-broadcast'), depth, faults);
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, depth);
    }
  });

  // A value acknowledged, the node crashes and restarts, and its next read misses the value.
  for (const variant of ['forgets-on-restart', 'reads-own-values-only']) {
    it(`finds ${variant} by keeps-values in 6 choices with a crash, and nothing in fewer`, () => {
      const solution = buggyVariant('gossip-broadcast', variant);
      const found = explore(solution, 6).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, 'keeps-values', found.failure.explanation);
      assert.deepEqual(found.choices.map(describeChoice), [
        'client sends Broadcast to n1 (id b1, value 1)',
        'client sends Read to n1 (id r1)',
        'deliver Broadcast client→n1 (id b1, value 1)',
        'crash n1',
        'restart n1',
        'deliver Read client→n1 (id r1)',
      ]);
      assert.equal(explore(solution, 5).violation, undefined);
    });
  }
});
