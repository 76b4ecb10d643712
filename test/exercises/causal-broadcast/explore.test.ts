import assert from 'node:assert/strict';
import { describeChoice } from '../../../src/grader';
import { causalBroadcast } from '../../../lessons/03-clocks-and-order/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, explore, findTitle, type MinimalFind } from '../explored';
import { alternativeSolutions, buggyVariant, referenceSolution } from '../solutions';

/** Exhaustive search of three nodes asked to broadcast m1 (at n1) and m2 (at n2). */
describe('causal-broadcast explored exhaustively', () => {
  for (const solution of [referenceSolution('causal-broadcast'), ...alternativeSolutions('causal-broadcast')])
    it(`finds nothing in ${solution.name} within 5 choices, nor within 3 with a crash, a drop and a duplicate to spend`, () => {
      assertNothingFound(causalBroadcast, solution, [
        { depth: 5 },
        { depth: 3, faults: { crashes: 1, drops: 1, duplicates: 1 } },
      ]);
    });

  const minimal: MinimalFind[] = [
    // n2 broadcasts m2, then delivers m1 with its own clock as m1's timestamp.
    { variant: 'reports-own-clock', checker: 'clock-condition', depth: 5 },
    // n3 is handed m2, whose stamp names only n2, before m1 reaches it.
    { variant: 'sender-entry-only', checker: 'causal-delivery', depth: 6 },
    // n2's empty summary reaches n1 before m1 reaches n2, so n1 resends m1 and n2 delivers it twice.
    { variant: 'deliverable-not-ahead', checker: 'no-duplicates', depth: 6 },
  ];
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(causalBroadcast, find));

  it('tells the causal order broken, step by step', () => {
    const found = explore(causalBroadcast, buggyVariant('causal-broadcast', 'sender-entry-only'), {
      depth: 6,
    }).violation;
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
