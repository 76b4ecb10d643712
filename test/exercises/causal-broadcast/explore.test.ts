import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { causalBroadcast } from '../../../lessons/03-clocks-and-order/exercise';
import { alternativeSolutions, buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(causalBroadcast, program, solution.file, { depth, faults });
}

/** Exhaustive search of three nodes asked to broadcast m1 (at n1) and m2 (at n2). */
describe('causal-broadcast explored exhaustively', () => {
  for (const solution of [referenceSolution('causal-broadcast'), ...alternativeSolutions('causal-broadcast')])
    it(`finds nothing in ${solution.name} within 5 choices, nor within 3 with a crash, a drop and a duplicate to spend`, () => {
      for (const [depth, faults] of [
        [5, none],
        [3, { crashes: 1, drops: 1, duplicates: 1 }],
      ] as const) {
        const report = explore(solution, depth, faults);
        assert.equal(report.violation?.failure.explanation, undefined);
        assert.equal(report.complete, true);
        assert.equal(report.depthReached, depth);
      }
    });

  const minimal: Array<{ variant: string; checker: string; depth: number }> = [
    // n2 broadcasts m2, then delivers m1 with its own clock as m1's timestamp.
    { variant: 'reports-own-clock', checker: 'clock-condition', depth: 5 },
    // n3 is handed m2, whose stamp names only n2, before m1 reaches it.
    { variant: 'sender-entry-only', checker: 'causal-delivery', depth: 6 },
    // n2's empty summary reaches n1 before m1 reaches n2, so n1 resends m1 and n2 delivers it twice.
    { variant: 'deliverable-not-ahead', checker: 'no-duplicates', depth: 6 },
  ];
  for (const { variant, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('causal-broadcast', variant);
      const found = explore(solution, depth, none).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, none).violation, undefined);
    });
  }

  it('tells the causal order broken, step by step', () => {
    const found = explore(buggyVariant('causal-broadcast', 'sender-entry-only'), 6, none).violation;
    assert.deepEqual(found?.choices.map(describeChoice), [
      'client sends broadcast to n1 (id m1)',
      'client sends broadcast to n2 (id m2)',
      'deliver broadcast client→n1 (id m1)',
      'deliver messages n1→n2 (messages [{"id":"m1","origin":"n1","clock":{"n1":1}}])',
      'deliver broadcast client→n2 (id m2)',
      'deliver messages n2→n3 (messages [{"id":"m2","origin":"n2","clock":{"n1":1,"n2":1}}])',
    ]);
  });
});
