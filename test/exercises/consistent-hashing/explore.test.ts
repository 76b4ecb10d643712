import assert from 'node:assert/strict';
import { consistentHashing } from '../../../lessons/07-partitioning/exercise';
import {
  assertFoundAtMinimalDepth,
  assertNothingFound,
  explore,
  findTitle,
  NO_FAULTS,
  type MinimalFind,
} from '../explored';
import { buggyVariant, referenceSolution } from '../solutions';

/** Exhaustive search of three nodes, two memberships (the second without n2) and two full lookups, sent in any order. */
describe('consistent-hashing explored exhaustively', () => {
  it('finds nothing in the reference within its 8 choices, every request sent and delivered', () => {
    assertNothingFound(consistentHashing, referenceSolution('consistent-hashing'), [{ depth: 8 }]);
  });

  // Searching one choice less takes too long past 6 choices.
  const minimal: MinimalFind[] = [
    // One membership and one lookup: three members on one point each are far from fair.
    { variant: 'no-virtual-nodes', checker: 'balance', depth: 4 },
    // Membership 2 arrives first, then 1 late: n1 adopts the older one and answers from it.
    { variant: 'last-membership-wins', checker: 'newest-known', depth: 6 },
    // n2 left in membership 2, but n1 keeps it and names it an owner.
    { variant: 'keeps-removed-members', checker: 'valid-answers', depth: 6 },
    // n1 answers from membership 2, n2 from membership 1: keys moved between n1 and n3, which both stayed.
    { variant: 'modulo-hashing', checker: 'stayers-keep-keys', depth: 8, noneShallower: false },
  ];
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(consistentHashing, find));

  it('finds a membership kept only in memory with one crash to spend: the lookup reaches n1 after it restarted, with no membership', () => {
    const found = explore(consistentHashing, buggyVariant('consistent-hashing', 'membership-in-memory'), {
      depth: 6,
      faults: { ...NO_FAULTS, crashes: 1 },
    }).violation;
    assert.equal(found?.failure.checker, 'availability', found?.failure.explanation);
    assert.deepEqual(
      found?.choices.map((c) => c.kind),
      ['request', 'request', 'deliver', 'crash', 'restart', 'deliver'],
    );
  });
});
