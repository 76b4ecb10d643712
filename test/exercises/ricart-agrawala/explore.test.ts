import { ricartAgrawala } from '../../../lessons/04-mutual-exclusion/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, findTitle, type MinimalFind } from '../explored';
import { alternativeSolutions, referenceSolution } from '../solutions';

/** Exhaustive search of two nodes (three where a mistake needs a third) that each want in once. */
describe('ricart-agrawala explored exhaustively', () => {
  for (const solution of [referenceSolution('ricart-agrawala'), ...alternativeSolutions('ricart-agrawala')])
    it(`finds nothing in ${solution.name} within 7 choices, nor within 4 with a crash, a drop and a duplicate to spend`, () => {
      assertNothingFound(ricartAgrawala, solution, [
        { depth: 7 },
        { depth: 4, faults: { crashes: 1, drops: 1, duplicates: 1 } },
      ]);
    });

  const minimal: MinimalFind[] = [
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
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(ricartAgrawala, find));
});
