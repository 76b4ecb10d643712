import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, loadStudentModule } from '../../../src/grader';
import type { FaultBudget } from '../../../src/kernel';
import { crdtCounter } from '../../../lessons/08-eventual-consistency/counter/exercise';
import { buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget = none) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(crdtCounter, program, solution.file, { depth, faults });
}

/** Exhaustive search of two nodes, +2 to n1, -1 to n2 and a read of n1, sent in any order, states exchanged whenever a timer fires. */
describe('crdt-counter explored exhaustively', () => {
  it('finds nothing in the reference within 7 choices, nor within 6 with a duplicate (an Add repeated counts twice), nor 5 with a crash and a drop', () => {
    for (const [depth, faults] of [
      [7, none],
      [6, { ...none, duplicates: 1 }],
      [5, { ...none, crashes: 1, drops: 1 }],
    ] as const) {
      const report = explore(referenceSolution('crdt-counter'), depth, faults);
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, depth);
    }
  });

  it("finds overwrite-merge by reads-own-adds in 6 choices, and nothing in fewer: n2's empty state replaces n1's own add", () => {
    const solution = buggyVariant('crdt-counter', 'overwrite-merge');
    const found = explore(solution, 6).violation;
    assert.ok(found, 'nothing found');
    assert.equal(found.failure.checker, 'reads-own-adds', found.failure.explanation);
    assert.equal(found.choices.length, 6);
    assert.equal(explore(solution, 5).violation, undefined);
  });

  it("finds sum-merge by bounded-reads in 8 choices: n1's state comes back from n2 and is added to itself", () => {
    const found = explore(buggyVariant('crdt-counter', 'sum-merge'), 8).violation;
    assert.ok(found, 'nothing found');
    assert.equal(found.failure.checker, 'bounded-reads', found.failure.explanation);
    assert.deepEqual(found.choices.map(describeChoice), [
      'client sends Add to n1 (id a1, delta 2)',
      'client sends Read to n1 (id r1)',
      'deliver Add client→n1 (id a1, delta 2)',
      "fire n1's exchange timer",
      'deliver State n1→n2 (p {"n1":2}, n {})',
      "fire n2's exchange timer",
      'deliver State n2→n1 (p {"n1":2}, n {})',
      'deliver Read client→n1 (id r1)',
    ]);
  });

  it('finds state-in-fields by reads-own-adds in 6 choices with a crash to spend', () => {
    const found = explore(buggyVariant('crdt-counter', 'state-in-fields'), 6, { ...none, crashes: 1 }).violation;
    assert.ok(found, 'nothing found');
    assert.equal(found.failure.checker, 'reads-own-adds', found.failure.explanation);
    assert.deepEqual(
      found.choices.map((c) => c.kind),
      ['request', 'request', 'deliver', 'crash', 'restart', 'deliver'],
    );
  });
});
