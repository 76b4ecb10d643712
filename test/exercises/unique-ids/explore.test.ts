import { uniqueIds } from '../../../lessons/01-why-distribute/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, findTitle, NO_FAULTS, type MinimalFind } from '../explored';
import { alternativeSolutions, referenceSolution } from '../solutions';

const oneCrash = { ...NO_FAULTS, crashes: 1 };

/** Exhaustive search of two nodes, each sent two requests, with a crash to spend. */
describe('unique-ids explored exhaustively', () => {
  for (const solution of [referenceSolution('unique-ids'), ...alternativeSolutions('unique-ids')])
    it(`finds nothing in ${solution.name} within 6 choices with a crash to spend`, () => {
      assertNothingFound(uniqueIds, solution, [{ depth: 6, faults: oneCrash }]);
    });

  const minimal: MinimalFind[] = [
    // The first request a node answers sends its peer a message.
    { variant: 'asks-peer-for-sequence', checker: 'total-availability', depth: 2 },
    // Two requests to one node answered in the same millisecond.
    { variant: 'millisecond-timestamp', checker: 'unique-ids', depth: 4 },
    // One request to each node: both hand out "0".
    { variant: 'node-id-omitted', checker: 'unique-ids', depth: 4 },
    // A node answers, crashes, restarts and answers again from a counter that started over.
    { variant: 'counter-in-memory', faults: oneCrash, checker: 'unique-ids', depth: 6 },
  ];
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(uniqueIds, find));
});
