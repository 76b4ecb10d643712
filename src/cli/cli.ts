import { checkHistoryCommand } from './commands/checkHistory';
import { exploreCommand } from './commands/explore';
import { gradeCommand } from './commands/grade';
import { listCommand } from './commands/list';
import { runCommand } from './commands/run';
import type { CliEnv } from './env';
import { EXIT, UsageError } from './errors';
import { didYouMean } from './suggest';
import { USAGE } from './usage';

const commands: Record<string, (argv: readonly string[], env: CliEnv) => number | Promise<number>> = {
  list: listCommand,
  grade: gradeCommand,
  run: runCommand,
  'check-history': checkHistoryCommand,
  explore: exploreCommand,
};

/** Runs one `distsys` command line and returns its exit status. User errors print one line, never a stack. */
export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || argv.includes('--help') || argv.includes('-h')) {
    env.stdout(USAGE);
    return EXIT.passed;
  }
  if (command === '--version' || command === '-v') {
    env.stdout(`${env.version}\n`);
    return EXIT.passed;
  }
  try {
    const run = commands[command];
    if (run === undefined)
      throw new UsageError(
        `unknown command "${command}"${didYouMean(command, Object.keys(commands))} (distsys help shows all)`,
      );
    return await run(rest, env);
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr(
        error.message
          .split('\n')
          .map((line) => `distsys: ${line}\n`)
          .join(''),
      );
      return EXIT.usage;
    }
    env.stderr(
      `distsys: internal error (a bug in distsys or in the exercise, not in your code): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}
