import assert from 'node:assert/strict';
import { describeChoice } from '../../../src/grader';
import { crdtCounter } from '../../../lessons/08-eventual-consistency/counter/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, NO_FAULTS } from '../explored';
import { referenceSolution } from '../solutions';

/** Exhaustive search of two nodes, +2 to n1, -1 to n2 and a read of n1, sent in any order, states exchanged whenever a timer fires. */
describe('crdt-counter explored exhaustively', () => {
  it('finds nothing in the reference within 7 choices, nor within 6 with a duplicate (an Add repeated counts twice), nor 5 with a crash and a drop', () => {
    assertNothingFound(crdtCounter, referenceSolution('crdt-counter'), [
      { depth: 7 },
      { depth: 6, faults: { ...NO_FAULTS, duplicates: 1 } },
      { depth: 5, faults: { ...NO_FAULTS, crashes: 1, drops: 1 } },
    ]);
  });

  it("finds overwrite-merge by reads-own-adds in 6 choices, and nothing in fewer: n2's empty state replaces n1's own add", () => {
    assertFoundAtMinimalDepth(crdtCounter, { variant: 'overwrite-merge', checker: 'reads-own-adds', depth: 6 });
  });

  it("finds sum-merge by bounded-reads in 8 choices: n1's state comes back from n2 and is added to itself", () => {
    const found = assertFoundAtMinimalDepth(crdtCounter, {
      variant: 'sum-merge',
      checker: 'bounded-reads',
      depth: 8,
      noneShallower: false,
    });
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
    const found = assertFoundAtMinimalDepth(crdtCounter, {
      variant: 'state-in-fields',
      checker: 'reads-own-adds',
      depth: 6,
      faults: { ...NO_FAULTS, crashes: 1 },
      noneShallower: false,
    });
    assert.deepEqual(
      found.choices.map((c) => c.kind),
      ['request', 'request', 'deliver', 'crash', 'restart', 'deliver'],
    );
  });
});
