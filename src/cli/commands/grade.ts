import { formatJUnit, formatTable } from '../../grader';
import { grade } from '../../runner';
import { integerFlag, onePositional, parseArgs } from '../args';
import { languageFlag } from '../language';
import { colourTable } from '../colour';
import type { CliEnv } from '../env';
import { EXIT, UsageError } from '../errors';
import { findExerciseOrExplain, findScenarioOrExplain } from '../exercises';
import { writeText } from '../output';
import { readStudentFile, withSavedScenarios } from '../studentFile';
import { BUDGET_MIN_MS, MAX_SEED, untilInterrupted } from './shared';

const flags = {
  values: ['file', 'seeds', 'seed', 'scenario', 'junit', 'budget', 'lang'],
  switches: ['json', 'no-shrink', 'thorough'],
};

/** `distsys grade <exercise>`: every scenario over its seeds, as a table, JSON or JUnit. */
export async function gradeCommand(argv: readonly string[], env: CliEnv): Promise<number> {
  const parsed = parseArgs(argv, 'grade', flags);
  const catalogExercise = findExerciseOrExplain(
    env.exercises,
    onePositional(parsed, 'grade', 'distsys grade <exercise> [flags]'),
  );
  const student = readStudentFile(env, catalogExercise, parsed.values.get('file'));
  const { exercise, scenarios } = withSavedScenarios(env, catalogExercise, student);
  const scenario = parsed.values.get('scenario');
  if (scenario !== undefined) findScenarioOrExplain(exercise, scenario);
  const seeds = integerFlag(parsed, 'seeds', 1);
  const seed = integerFlag(parsed, 'seed', 0, MAX_SEED);
  if (seeds !== undefined && seed !== undefined)
    throw new UsageError('use --seeds N (seeds 1..N) or --seed S (one seed), not both');
  const thorough = parsed.switches.has('thorough');
  if (thorough && (seeds !== undefined || seed !== undefined))
    throw new UsageError('--thorough chooses the number of seeds itself: leave out --seeds and --seed');
  const junit = parsed.values.get('junit');
  const json = parsed.switches.has('json');
  if (json && junit !== undefined) throw new UsageError('use --json or --junit, not both');
  const budget = integerFlag(parsed, 'budget', BUDGET_MIN_MS);
  const language = languageFlag(parsed, env);

  const job = grade(
    {
      exercise,
      ...student,
      scenarios,
      options: { seeds, seed, scenario, thorough, shrink: !parsed.switches.has('no-shrink') },
    },
    { ...env.runner, ...(budget !== undefined ? { unitBudgetMs: budget } : {}) },
  );
  const outcome = await untilInterrupted(job, env.signal);
  if (outcome.status === 'cancelled') {
    env.stderr('distsys: cancelled\n');
    return EXIT.interrupted;
  }
  if (outcome.status === 'load-error') throw new UsageError(outcome.error.message);
  const report = outcome.report;
  if (json) env.stdout(JSON.stringify(report, null, 2) + '\n');
  else {
    const table = formatTable(report, { language, exercise });
    env.stdout((env.colour ? colourTable(table) : table) + '\n');
  }
  if (junit !== undefined) writeText(env.cwd, junit, formatJUnit(report));
  return report.scenarios.every((s) => s.passed) ? EXIT.passed : EXIT.failed;
}
