import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { consistentHashing } from '../../../lessons/07-partitioning/exercise';
import { buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget = none) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(consistentHashing, program, solution.file, { depth, faults });
}

/** Exhaustive search of three nodes, two memberships (the second without n2) and two full lookups, sent in any order. */
describe('consistent-hashing explored exhaustively', () => {
  it('finds nothing in the reference within its 8 choices, every request sent and delivered', () => {
    const report = explore(referenceSolution('consistent-hashing'), 8);
    assert.equal(report.violation?.failure.explanation, undefined);
    assert.equal(report.complete, true);
    assert.equal(report.depthReached, 8);
  });

  const minimal: Array<{ variant: string; checker: string; depth: number }> = [
    // One membership and one lookup: three members on one point each are far from fair.
    { variant: 'no-virtual-nodes', checker: 'balance', depth: 4 },
    // Membership 2 arrives first, then 1 late: n1 adopts the older one and answers from it.
    { variant: 'last-membership-wins', checker: 'newest-known', depth: 6 },
    // n2 left in membership 2, but n1 keeps it and names it an owner.
    { variant: 'keeps-removed-members', checker: 'valid-answers', depth: 6 },
    // n1 answers from membership 2, n2 from membership 1: keys moved between n1 and n3, which both stayed.
    { variant: 'modulo-hashing', checker: 'stayers-keep-keys', depth: 8 },
  ];
  for (const { variant, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices${depth <= 6 ? ', and nothing in fewer' : ''}`, () => {
      const solution = buggyVariant('consistent-hashing', variant);
      const found = explore(solution, depth).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      if (depth <= 6) assert.equal(explore(solution, depth - 1).violation, undefined);
    });
  }

  it('finds a membership kept only in memory with one crash to spend: the lookup reaches n1 after it restarted, with no membership', () => {
    const found = explore(buggyVariant('consistent-hashing', 'membership-in-memory'), 6, {
      ...none,
      crashes: 1,
    }).violation;
    assert.equal(found?.failure.checker, 'availability', found?.failure.explanation);
    assert.deepEqual(
      found?.choices.map((c) => c.kind),
      ['request', 'request', 'deliver', 'crash', 'restart', 'deliver'],
    );
  });
});
