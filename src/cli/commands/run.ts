import { resolve } from 'node:path';
import { concretize, nodeNames, type Scenario } from '../../grader';
import { validateSchedule, type FaultSchedule } from '../../kernel';
import { runSeed, type SeedRun } from '../../runner';
import { integerFlag, onePositional, parseArgs, requiredValue } from '../args';
import type { CliEnv } from '../env';
import { EXIT, UsageError } from '../errors';
import { findExerciseOrExplain, findScenarioOrExplain } from '../exercises';
import { formatSeedRun, formatStoppedRun } from '../format/seedRun';
import { languageFlag } from '../language';
import { writeLines, writeText } from '../output';
import { readStudentFile, readText, withSavedScenarios } from '../studentFile';
import { BUDGET_MIN_MS, MAX_SEED, untilInterrupted } from './shared';

const flags = {
  values: ['file', 'scenario', 'seed', 'trace', 'faults', 'save-faults', 'budget', 'lang'],
  switches: [],
};
const synopsis = 'distsys run <exercise> --scenario X --seed S';

/** `distsys run <exercise> --scenario X --seed S`: one run, its verdict and trace hash; optionally its trace file. */
export async function runCommand(argv: readonly string[], env: CliEnv): Promise<number> {
  const parsed = parseArgs(argv, 'run', flags);
  const catalogExercise = findExerciseOrExplain(env.exercises, onePositional(parsed, 'run', synopsis));
  const student = readStudentFile(env, catalogExercise, parsed.values.get('file'));
  const { exercise, scenarios } = withSavedScenarios(env, catalogExercise, student);
  const scenario = findScenarioOrExplain(exercise, requiredValue(parsed, 'scenario', synopsis));
  requiredValue(parsed, 'seed', synopsis);
  const seed = integerFlag(parsed, 'seed', 0, MAX_SEED) as number;
  const budget = integerFlag(parsed, 'budget', BUDGET_MIN_MS);
  const language = languageFlag(parsed, env);
  const faultsFile = parsed.values.get('faults');
  const faults = faultsFile === undefined ? undefined : readSchedule(env, faultsFile, scenario);
  const traceFile = parsed.values.get('trace');
  const saveFaults = parsed.values.get('save-faults');

  const job = runSeed(
    { exercise, ...student, scenarios, scenario: scenario.name, seed, faults, trace: traceFile !== undefined },
    { ...env.runner, onOutput: env.stderr, ...(budget !== undefined ? { unitBudgetMs: budget } : {}) },
  );
  const outcome = await untilInterrupted(job, env.signal);
  const title = {
    exercise: exercise.id,
    scenario: scenario.name,
    seed,
    file: student.file,
    ...(scenario.search ? { search: scenario.search } : {}),
  };
  switch (outcome.status) {
    case 'cancelled':
      env.stderr('distsys: cancelled\n');
      return EXIT.interrupted;
    case 'load-error':
      throw new UsageError(outcome.error.message);
    case 'stopped':
      env.stdout(formatStoppedRun(title, outcome.failure, env.colour, language) + '\n');
      if (traceFile !== undefined) writeTrace(env, traceFile, outcome.partial, 'up to the handler that did not return');
      if (saveFaults !== undefined) save(env, saveFaults, faults ?? concretize(scenario, seed).faults);
      return EXIT.failed;
    case 'ran': {
      const run = outcome.run;
      env.stdout(formatSeedRun(title, run, env.colour, language) + '\n');
      if (traceFile !== undefined) writeTrace(env, traceFile, run);
      if (saveFaults !== undefined) save(env, saveFaults, run.faults);
      return run.failure ? EXIT.failed : EXIT.passed;
    }
  }
}

/** Writes the trace file and says how many events it holds; a stopped run has one only if its replay reached the stop. */
function writeTrace(env: CliEnv, file: string, run: SeedRun | undefined, partial?: string): void {
  if (run?.traceLines === undefined) {
    env.stdout(`trace: not written (the run did not finish)\n`);
    return;
  }
  writeLines(env.cwd, file, run.traceLines);
  const events = `${run.traceEvents.toLocaleString('en-US')} events`;
  env.stdout(`trace: ${file} (${partial ? `${events}, ${partial}` : events})\n`);
}

function save(env: CliEnv, file: string, faults: FaultSchedule): void {
  writeText(env.cwd, file, JSON.stringify(faults, null, 2) + '\n');
  env.stdout(`faults: saved to ${file}\n`);
}

/** A saved schedule, checked entry by entry against the scenario's nodes. */
function readSchedule(env: CliEnv, file: string, scenario: Scenario): FaultSchedule {
  const text = readText(resolve(env.cwd, file), file);
  let schedule: unknown;
  try {
    schedule = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const problems = validateSchedule(schedule, nodeNames(scenario.nodes));
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${file}: ${p}`).join('\n'));
  return schedule as FaultSchedule;
}
