import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { ricartAgrawala } from '../../../lessons/04-mutual-exclusion/exercise';
import { alternativeSolutions, buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget, nodes?: number) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(ricartAgrawala, program, solution.file, { depth, faults, ...(nodes ? { nodes } : {}) });
}

/** Exhaustive search of two nodes (three where a mistake needs a third) that each want in once. */
describe('ricart-agrawala explored exhaustively', () => {
  for (const solution of [referenceSolution('ricart-agrawala'), ...alternativeSolutions('ricart-agrawala')])
    it(`finds nothing in ${solution.name} within 7 choices, nor within 4 with a crash, a drop and a duplicate to spend`, () => {
      for (const [depth, faults] of [
        [7, none],
        [4, { crashes: 1, drops: 1, duplicates: 1 }],
      ] as const) {
        const report = explore(solution, depth, faults);
        assert.equal(report.violation?.failure.explanation, undefined);
        assert.equal(report.complete, true);
        assert.equal(report.depthReached, depth);
      }
    });

  const minimal: Array<{ variant: string; nodes: number; checker: string; depth: number }> = [
    // Both request with timestamp 1 and neither defers to the other: both enter.
    { variant: 'no-tie-break', nodes: 2, checker: 'mutual-exclusion', depth: 8 },
    // n1 is inside and answers n2's Request at once.
    { variant: 'replies-while-inside', nodes: 2, checker: 'mutual-exclusion', depth: 8 },
    // n1 answers n2's Request without moving its clock and asks with timestamp 1 too: the tie goes to n1, and both enter.
    { variant: 'clock-not-updated-on-receive', nodes: 2, checker: 'mutual-exclusion', depth: 8 },
    // One Reply of two is enough for n2, and n1 is inside.
    { variant: 'enters-after-n-minus-2-replies', nodes: 3, checker: 'mutual-exclusion', depth: 8 },
    // The resend timer fires after n2 replied, and the Request goes to n2 again.
    { variant: 'rebroadcasts-on-resend', nodes: 3, checker: 'resends-only-to-silent', depth: 5 },
  ];
  for (const { variant, nodes, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices on ${nodes} nodes, and nothing in fewer`, () => {
      const solution = buggyVariant('ricart-agrawala', variant);
      const found = explore(solution, depth, none, nodes).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, none, nodes).violation, undefined);
    });
  }
});
