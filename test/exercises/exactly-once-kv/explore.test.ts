import assert from 'node:assert/strict';
import { describeChoice, exploreRequest, exploreSpec, loadStudentModule } from '../../../src/grader';
import { replayChoices, type Trace } from '../../../src/kernel';
import { exactlyOnceKv } from '../../../lessons/02-retries-and-idempotency/exercise';
import { assertFoundAtMinimalDepth, assertNothingFound, findTitle, NO_FAULTS, type MinimalFind } from '../explored';
import { alternativeSolutions, buggyVariant, referenceSolution } from '../solutions';

/** Exhaustive search of the server and two clients running the student's program: c1 appends twice and reads, c2 reads. */
describe('exactly-once-kv explored exhaustively', () => {
  for (const solution of [referenceSolution('exactly-once-kv'), ...alternativeSolutions('exactly-once-kv')])
    it(`finds nothing in ${solution.name} within 5 choices, nor within 3 with a crash, a drop and a duplicate to spend`, () => {
      assertNothingFound(exactlyOnceKv, solution, [
        { depth: 5 },
        { depth: 3, faults: { crashes: 1, drops: 1, duplicates: 1 } },
      ]);
    });

  const minimal: MinimalFind[] = [
    // c1's retry timer fires before the answer comes: the server applies the append twice, and c2 reads it.
    { variant: 'no-dedup', checker: 'no-duplicate-effect', depth: 5 },
    // The same, the retry carrying a new sequence number the server cannot tell from a new operation.
    { variant: 'new-id-per-retry', checker: 'no-duplicate-effect', depth: 5 },
    // c2 reads c1's append, then c1's timer fires four times and c1 records it as failed.
    { variant: 'gives-up-with-fail', checker: 'failed-means-not-applied', depth: 7 },
  ];
  for (const find of minimal) it(findTitle(find), () => void assertFoundAtMinimalDepth(exactlyOnceKv, find));

  it('runs the clients as processes of the student program, and replays a schedule to the same run', () => {
    const solution = buggyVariant('exactly-once-kv', 'no-dedup');
    const program = loadStudentModule(solution.source, solution.file);
    const found = assertFoundAtMinimalDepth(exactlyOnceKv, {
      variant: 'no-dedup',
      checker: 'no-duplicate-effect',
      depth: 5,
      noneShallower: false,
    });
    assert.deepEqual(found?.choices.map(describeChoice).slice(0, 2), [
      'deliver Request c1→n1 (client c1, seq 1, op {"f":"append","key":"x","value":"[c1.1]"})',
      "fire c1's retry timer",
    ]);
    const request = exploreRequest(exactlyOnceKv, program, solution.file, { faults: NO_FAULTS });
    const again = replayChoices(exploreSpec(request), request.faults, found?.choices ?? []);
    assert.equal((again.result().trace as Trace).hash(), found?.trace.hash());
  });
});
