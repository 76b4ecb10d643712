/**
 * The test Stryker runs for each mutant: grades one solution file with the real grader and exits
 * 1 at the first failing seed (a killed mutant needs no more runs), 0 when every scenario passes.
 * Usage: node --import tsx scripts/mutationGrade.ts <exercise> <file>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { findExercise } from '../lessons/catalog';
import { gradeScenario, loadStudentModule } from '../src/grader';
import type { RunBudget } from '../src/kernel';
import { resolveSettings } from '../src/runner/config';

function main(argv: readonly string[]): number {
  const [id, file] = argv;
  const exercise = id === undefined ? undefined : findExercise(id);
  if (exercise === undefined || file === undefined) {
    process.stderr.write('usage: mutationGrade <exercise> <file>\n');
    return 2;
  }
  const started = performance.now();
  // The CLI's limits, on perf_hooks' clock: a run replaces the global `performance`.
  const budget: RunBudget = { ...resolveSettings({}).limits, wallClock: () => performance.now() };
  const program = loadStudentModule(readFileSync(file, 'utf8'), file);
  for (const scenario of exercise.scenarios) {
    const report = gradeScenario(exercise, scenario, program, file, { shrink: false, budget });
    if (report.failure) {
      const { seed, checker, explanation } = report.failure;
      process.stdout.write(
        `failed ${scenario.name} seed ${seed} [${checker}] after ${Math.round(performance.now() - started)} ms: ${explanation}\n`,
      );
      return 1;
    }
  }
  process.stdout.write(
    `passed ${exercise.scenarios.length} scenarios in ${Math.round(performance.now() - started)} ms\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
