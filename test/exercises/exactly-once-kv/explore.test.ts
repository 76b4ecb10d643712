import assert from 'node:assert/strict';
import { describeChoice, exploreExercise, exploreRequest, exploreSpec, loadStudentModule } from '../../../src/grader';
import { replayChoices, type FaultBudget, type Trace } from '../../../src/kernel';
import { exactlyOnceKv } from '../../../lessons/02-retries-and-idempotency/exercise';
import { alternativeSolutions, buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none: FaultBudget = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, depth: number, faults: FaultBudget) {
  const program = loadStudentModule(solution.source, solution.file);
  return exploreExercise(exactlyOnceKv, program, solution.file, { depth, faults });
}

/** Exhaustive search of the server and two clients running the student's program: c1 appends twice and reads, c2 reads. */
describe('exactly-once-kv explored exhaustively', () => {
  for (const solution of [referenceSolution('exactly-once-kv'), ...alternativeSolutions('exactly-once-kv')])
    it(`finds nothing in ${solution.name} within 5 choices, nor within 3 with a crash, a drop and a duplicate to spend`, () => {
      for (const [depth, faults] of [
        [5, none],
        [3, { crashes: 1, drops: 1, duplicates: 1 }],
      ] as const) {
        const report = explore(solution, depth, faults);
        assert.equal(report.violation?.failure.explanation, undefined);
        assert.equal(report.complete, true);
        assert.equal(report.depthReached, depth);
      }
    });

  const minimal: Array<{ variant: string; checker: string; depth: number }> = [
    // c1's retry timer fires before the answer comes: the server applies the append twice, and c2 reads it.
    { variant: 'no-dedup', checker: 'no-duplicate-effect', depth: 5 },
    // The same, the retry carrying a new sequence number the server cannot tell from a new operation.
    { variant: 'new-id-per-retry', checker: 'no-duplicate-effect', depth: 5 },
    // c2 reads c1's append, then c1's timer fires four times and c1 records it as failed.
    { variant: 'gives-up-with-fail', checker: 'failed-means-not-applied', depth: 7 },
  ];
  for (const { variant, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('exactly-once-kv', variant);
      const found = explore(solution, depth, none).violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      assert.equal(explore(solution, depth - 1, none).violation, undefined);
    });
  }

  it('runs the clients as processes of the student program, and replays a schedule to the same run', () => {
    const solution = buggyVariant('exactly-once-kv', 'no-dedup');
    const program = loadStudentModule(solution.source, solution.file);
    const found = explore(solution, 5, none).violation;
    assert.deepEqual(found?.choices.map(describeChoice).slice(0, 2), [
      'deliver Request c1→n1 (client c1, seq 1, op {"f":"append","key":"x","value":"[c1.1]"})',
      "fire c1's retry timer",
    ]);
    const request = exploreRequest(exactlyOnceKv, program, solution.file, { faults: none });
    const again = replayChoices(exploreSpec(request), request.faults, found?.choices ?? []);
    assert.equal((again.result().trace as Trace).hash(), found?.trace.hash());
  });
});
