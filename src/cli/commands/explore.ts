import { DEFAULT_MAX_STATES, DEFAULT_WALKS, localizedFailure, type ExploreOptions } from '../../grader';
import type { FaultBudget } from '../../kernel';
import { explore } from '../../runner';
import { integerFlag, onePositional, parseArgs, type ParsedArgs } from '../args';
import type { CliEnv } from '../env';
import { EXIT, UsageError } from '../errors';
import { findExerciseOrExplain } from '../exercises';
import { formatExploreReport } from '../format/exploreReport';
import { languageFlag } from '../language';
import { readStudentFile } from '../studentFile';
import { DEFAULT_EXPLORE_TIMEOUT_S, MAX_SEED, untilInterrupted } from './shared';

const flags = {
  values: ['file', 'nodes', 'depth', 'faults', 'mode', 'walks', 'seed', 'max-states', 'workers', 'timeout', 'lang'],
  switches: ['json'],
};
const synopsis =
  'distsys explore <exercise> [--nodes N] [--depth D] [--faults crash=1,drop=2] [--workers N] [--timeout S]';

/** More threads than a laptop has cores only wait for each other. */
const MAX_WORKERS = 64;

/** The names `--faults` takes for each part of the budget. */
const faultNames: Record<string, keyof FaultBudget> = {
  crash: 'crashes',
  crashes: 'crashes',
  drop: 'drops',
  drops: 'drops',
  duplicate: 'duplicates',
  duplicates: 'duplicates',
};

/**
 * `distsys explore <exercise>`: searches every order of events of a small cluster, with a budget
 * of crashes, drops and duplicates, for a state that breaks one of the exercise's invariants. The
 * search runs the student's code in a worker thread under a time limit (`--timeout`).
 */
export async function exploreCommand(argv: readonly string[], env: CliEnv): Promise<number> {
  const parsed = parseArgs(argv, 'explore', flags);
  const exercise = findExerciseOrExplain(env.exercises, onePositional(parsed, 'explore', synopsis));
  if (exercise.submission !== undefined)
    throw new UsageError(
      `exercise "${exercise.id}" takes a fault schedule, not a program: exhaustive search explores every order of events of your program, and here the program is the lesson's; grade your schedule with \`distsys grade ${exercise.id}\``,
    );
  if (exercise.explore === undefined) {
    const covered = env.exercises.filter((e) => e.explore !== undefined).map((e) => e.id);
    throw new UsageError(
      `exercise "${exercise.id}" has no invariants to search for; exhaustive search covers ${covered.join(', ') || 'no exercise'}. ` +
        `None of its rules is a safety property (true of every prefix of a run, reading only the order of events): each asks how soon or how often something happens, and in the search any timer may fire at any moment`,
    );
  }
  const options = exploreOptions(parsed);
  const workers = integerFlag(parsed, 'workers', 1, MAX_WORKERS) ?? 1;
  if (workers > 1 && options.mode === 'random')
    throw new UsageError('--workers applies to --mode bfs only: random walks run in one worker');
  const timeout = integerFlag(parsed, 'timeout', 1, 7 * 24 * 3600) ?? DEFAULT_EXPLORE_TIMEOUT_S;
  const language = languageFlag(parsed, env);
  const student = readStudentFile(env, exercise, parsed.values.get('file'));
  const job = explore(
    {
      exercise,
      ...student,
      options,
      workers,
      // Progress goes to stderr: a deep search takes a while, and stdout stays the report.
      onDepth: ({ depth, statesExplored, distinctStates }) =>
        env.stderr(
          `depth ${depth}: ${statesExplored.toLocaleString('en-US')} states explored, ${distinctStates.toLocaleString('en-US')} distinct\n`,
        ),
    },
    { ...env.runner, searchBudgetMs: timeout * 1000 },
  );
  const outcome = await untilInterrupted(job, env.signal);
  if (outcome.status === 'cancelled') {
    env.stderr('distsys: cancelled\n');
    return EXIT.interrupted;
  }
  if (outcome.status === 'load-error') throw new UsageError(outcome.error.message);
  if (outcome.status === 'stopped') {
    const hint = outcome.failure.checker === 'timeout' ? ` (raise it with --timeout, now ${timeout} s)` : '';
    env.stderr(`distsys explore: ${localizedFailure(outcome.failure, language).explanation}${hint}\n`);
    return EXIT.failed;
  }
  const report = outcome.report;
  const title = {
    exercise: exercise.id,
    file: student.file,
    ...report.searched,
    ...(options.mode === 'random' ? { walks: options.walks ?? DEFAULT_WALKS } : {}),
  };
  if (parsed.switches.has('json')) {
    const found = report.violation;
    env.stdout(
      JSON.stringify(
        {
          ...title,
          mode: report.mode,
          statesExplored: report.statesExplored,
          distinctStates: report.distinctStates,
          depthReached: report.depthReached,
          complete: report.complete,
          ...(found
            ? {
                violation: {
                  checker: found.failure.checker,
                  property: found.failure.property,
                  explanation: found.failure.explanation,
                  traceHash: found.traceHash,
                  schedule: found.choices,
                },
              }
            : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else env.stdout(formatExploreReport(title, report, report.seconds, env.colour, language) + '\n');
  return report.violation ? EXIT.failed : EXIT.passed;
}

function exploreOptions(parsed: ParsedArgs): ExploreOptions {
  const mode = parsed.values.get('mode') ?? 'bfs';
  if (mode !== 'bfs' && mode !== 'random') throw new UsageError(`--mode must be bfs or random, got "${mode}"`);
  for (const flag of ['walks', 'seed'])
    if (mode === 'bfs' && parsed.values.has(flag)) throw new UsageError(`--${flag} applies to --mode random only`);
  const options: ExploreOptions = { mode };
  const nodes = integerFlag(parsed, 'nodes', 1, 9);
  const depth = integerFlag(parsed, 'depth', 1, 10_000);
  const walks = integerFlag(parsed, 'walks', 1);
  const seed = integerFlag(parsed, 'seed', 0, MAX_SEED);
  const maxStates = integerFlag(parsed, 'max-states', 1, 100 * DEFAULT_MAX_STATES);
  const faults = parsed.values.get('faults');
  if (nodes !== undefined) options.nodes = nodes;
  if (depth !== undefined) options.depth = depth;
  if (walks !== undefined) options.walks = walks;
  if (seed !== undefined) options.seed = seed;
  if (maxStates !== undefined) options.maxStates = maxStates;
  if (faults !== undefined) options.faults = faultBudget(faults);
  return options;
}

/** `crash=1,drop=2,duplicate=1`: the parts given replace the exercise's own; the rest stay. */
export function faultBudget(text: string): Partial<FaultBudget> {
  const budget: Partial<FaultBudget> = {};
  for (const part of text.split(',')) {
    const [name, count, extra] = part.trim().split('=');
    const key = faultNames[name ?? ''];
    if (key === undefined || count === undefined || extra !== undefined)
      throw new UsageError(
        `--faults: "${part}" is not a fault and its count: write crash=N, drop=N or duplicate=N, separated by commas`,
      );
    if (!/^\d+$/.test(count) || Number(count) > 1000)
      throw new UsageError(`--faults: ${name}=${count}: the count must be a whole number from 0 to 1000`);
    budget[key] = Number(count);
  }
  return budget;
}
