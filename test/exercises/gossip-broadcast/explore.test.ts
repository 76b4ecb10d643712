import assert from 'node:assert/strict';
import { describeChoice } from '../../../src/grader';
import { gossipBroadcast } from '../../../lessons/08-eventual-consistency/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, NO_FAULTS } from '../explored';
import { referenceSolution } from '../solutions';

const oneCrash = { ...NO_FAULTS, crashes: 1 };

/** Exhaustive search of two nodes, a value broadcast to each and a read of each, sent in any order, with a crash to spend. */
describe('gossip-broadcast explored exhaustively', () => {
  it('finds nothing in the reference within 6 choices and a crash, nor within 4 with a drop and a duplicate too', () => {
    assertNothingFound(gossipBroadcast, referenceSolution('gossip-broadcast'), [
      { depth: 6, faults: oneCrash },
      { depth: 4, faults: { crashes: 1, drops: 1, duplicates: 1 } },
    ]);
  });

  // A value acknowledged, the node crashes and restarts, and its next read misses the value.
  for (const variant of ['forgets-on-restart', 'reads-own-values-only']) {
    it(`finds ${variant} by keeps-values in 6 choices with a crash, and nothing in fewer`, () => {
      const found = assertFoundAtMinimalDepth(gossipBroadcast, {
        variant,
        checker: 'keeps-values',
        depth: 6,
        faults: oneCrash,
      });
      assert.deepEqual(found.choices.map(describeChoice), [
        'client sends Broadcast to n1 (id b1, value 1)',
        'client sends Read to n1 (id r1)',
        'deliver Broadcast client→n1 (id b1, value 1)',
        'crash n1',
        'restart n1',
        'deliver Read client→n1 (id r1)',
      ]);
    });
  }
});
