import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { uniqueIds } from '../../../lessons/01-why-distribute/exercise';
import { alternativeSolutions, buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };
const oneCrash: FaultBudget = { ...none, crashes: 1 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(uniqueIds, program, solution.file, { depth, faults });
}

/** Exhaustive search of two nodes, each sent two requests, with a crash to spend. */
describe('unique-ids explored exhaustively', () => {
  for (const solution of [referenceSolution('unique-ids'), ...alternativeSolutions('unique-ids')])
    it(`finds nothing in ${solution.name} within 6 choices with a crash to spend`, () => {
      const report = explore(solution, 6, oneCrash);
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, 6);
    });

  const minimal: Array<{ variant: string; faults: FaultBudget; checker: string; depth: number }> = [
    // The first request a node answers sends its peer a message.
    { variant: 'asks-peer-for-sequence', faults: none, checker: 'total-availability', depth: 2 },
    // Two requests to one node answered in the same millisecond.
    { variant: 'millisecond-timestamp', faults: none, checker: 'unique-ids', depth: 4 },
    // One request to each node: both hand out "0".
    { variant: 'node-id-omitted', faults: none, checker: 'unique-ids', depth: 4 },
    // A node answers, crashes, restarts and answers again from a counter that started over.
    { variant: 'counter-in-memory', faults: oneCrash, checker: 'unique-ids', depth: 6 },
  ];
  for (const { variant, faults, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('unique-ids', variant);
      const found = explore(solution, depth, faults).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, faults).violation, undefined);
    });
  }
});
