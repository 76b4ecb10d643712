// @ts-check
/**
 * Mutation testing of the grader: Stryker mutates one exercise's reference solution and the
 * "test" is the real grader (reports/mutation/grade.cjs, bundled from scripts/mutationGrade.ts by
 * `npm run mutation`). A mutant that still passes grading is a hole in the grader.
 * Parametrized by MUTATION_EXERCISE (an exercise id); `npm run mutation` sets it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const exercise = process.env.MUTATION_EXERCISE;
if (!exercise) throw new Error('set MUTATION_EXERCISE to an exercise id, or run `npm run mutation`');
const reference = `test/exercises/${exercise}/reference.ts`;
if (!existsSync(reference)) throw new Error(`${reference} does not exist`);
const grade = fileURLToPath(new URL('reports/mutation/grade.cjs', import.meta.url));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [reference],
  // A fresh process per mutant: no state leaks between mutants, and a mutant that hangs is killed
  // with its whole process tree when Stryker's timeout fires.
  testRunner: 'command',
  commandRunner: { command: `node "${grade}" ${exercise} ${reference}` },
  coverageAnalysis: 'off',
  concurrency: 1,
  // Survivors run every seed, as long as the baseline; a busy machine must not turn them into timeouts.
  timeoutFactor: 3,
  timeoutMS: 20000,
  // The grade bundle lives outside the sandbox: the sandbox needs only the mutated file.
  ignorePatterns: [
    '/*',
    '!/test',
    '/test/*',
    '!/test/exercises',
    '/test/exercises/*',
    `!/test/exercises/${exercise}`,
    `/test/exercises/${exercise}/*`,
    `!/${reference}`,
  ],
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${exercise}.json` },
  htmlReporter: { fileName: `reports/mutation/${exercise}.html` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  fileLogLevel: 'off',
};
