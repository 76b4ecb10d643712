import assert from 'node:assert/strict';
import { tokenRing } from '../../../lessons/04-mutual-exclusion/token-ring/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, findTitle, NO_FAULTS, type MinimalFind } from '../explored';
import { alternativeSolutions, referenceSolution } from '../solutions';

const oneCrash = { ...NO_FAULTS, crashes: 1 };

/** Exhaustive search of a ring of three, n2 wanting in once, timers firing whenever the search chooses. */
describe('token-ring explored exhaustively', () => {
  for (const solution of [referenceSolution('token-ring'), ...alternativeSolutions('token-ring')])
    it(`finds nothing in ${solution.name} within 5 choices with a crash and a drop to spend`, () => {
      assertNothingFound(tokenRing, solution, [{ depth: 5, faults: { ...NO_FAULTS, crashes: 1, drops: 1 } }]);
    });

  it('does not take two nodes inside for a broken invariant: a correct ring has them when a token is late', () => {
    const invariants = new Set(
      tokenRing.scenarios.flatMap((s) => s.checkers.filter((c) => c.safety === true).map((c) => c.name)),
    );
    assert.deepEqual([...invariants].sort(), ['no-stale-token', 'one-token-per-generation']);
  });

  const minimal: MinimalFind[] = [
    // The monitor's loss timer fires early and the new token has the old one's generation.
    { variant: 'no-new-generation', checker: 'one-token-per-generation', depth: 1 },
    // n2 restarts with a loss timer of its own and makes generation 1 again.
    { variant: 'every-node-regenerates', faults: oneCrash, checker: 'one-token-per-generation', depth: 3 },
    // The monitor restarts without the generation it made and makes generation 1 again.
    { variant: 'volatile-generation', faults: oneCrash, checker: 'one-token-per-generation', depth: 3 },
    // An early loss timer makes generation 2; generation 1 arrives after it and is passed on.
    { variant: 'uses-stale-token', checker: 'no-stale-token', depth: 4 },
  ];
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(tokenRing, find));
});
