import assert from 'node:assert/strict';
import { gradeScenario, loadSubmission, type GradeOptions } from '../../src/grader';
import { exercises } from '../../lessons/catalog';
import { alternativeSolutions, buggyVariant, referenceSolution } from './solutions';

/**
 * Every exercise that grades its search as a scenario: each correct solution passes it with the
 * search complete (a search cut short would fail it), and a buggy variant fails the same way twice.
 */
const searched = exercises.flatMap((exercise) =>
  exercise.scenarios.filter((s) => s.search !== undefined).map((scenario) => ({ exercise, scenario })),
);

/** A variant each graded search catches, by its shortest path: the number of choices it takes. */
const caught: Record<string, { variant: string; checker: string; choices: number }> = {
  'raft-election': { variant: 'double-vote', checker: 'vote-once', choices: 3 },
  'two-phase-commit': { variant: 'missing-vote-as-yes', checker: 'validity', choices: 3 },
};

const options: GradeOptions = {};

describe('graded exhaustive search', () => {
  it('names, for every exercise that grades its search, a variant the search catches', () => {
    assert.ok(searched.length >= 2);
    for (const { exercise } of searched) assert.ok(caught[exercise.id], `${exercise.id}: no variant named here`);
  });

  for (const { exercise, scenario } of searched) {
    for (const solution of [referenceSolution(exercise.id), ...alternativeSolutions(exercise.id)]) {
      it(`${exercise.id}: ${solution.name} passes ${scenario.name}, every state within depth ${scenario.search?.depth} explored`, () => {
        const { program } = loadSubmission(exercise, solution.source, solution.file);
        const report = gradeScenario(exercise, scenario, program, solution.file, options);
        assert.equal(report.passed, true, report.failure?.explanation);
        assert.equal(report.search?.complete, true);
        assert.ok((report.search?.distinctStates ?? 0) > 100);
      });
    }

    const expected = caught[exercise.id];
    if (expected)
      it(`${exercise.id}: fails ${expected.variant} by ${expected.checker} with its shortest path, the same on every grade`, () => {
        const { source, file } = buggyVariant(exercise.id, expected.variant);
        const grades = [1, 2].map(() => {
          const { program } = loadSubmission(exercise, source, file);
          return gradeScenario(exercise, scenario, program, file, options);
        });
        const failure = grades[0]?.failure;
        assert.equal(failure?.checker, expected.checker, failure?.explanation);
        assert.equal(failure.search?.steps.length, expected.choices);
        assert.deepEqual(grades[1]?.failure, failure);
      });
  }
});
