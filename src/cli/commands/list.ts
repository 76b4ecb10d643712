import { parseArgs } from '../args';
import type { CliEnv } from '../env';
import { EXIT, UsageError } from '../errors';

/** `distsys list`: every exercise with its lesson and scenarios. */
export function listCommand(argv: readonly string[], env: CliEnv): number {
  const parsed = parseArgs(argv, 'list', { values: [], switches: [] });
  if (parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}" for distsys list`);
  if (env.exercises.length === 0) {
    env.stdout('No exercises yet.\n');
    return EXIT.passed;
  }
  const width = Math.max(...env.exercises.map((e) => e.id.length));
  const lines: string[] = [];
  for (const e of env.exercises) {
    const count = `${e.scenarios.length} scenario${e.scenarios.length === 1 ? '' : 's'}`;
    lines.push(`${e.id.padEnd(width)}  ${e.title} — lesson ${e.lesson}, ${count}`);
    lines.push(`${' '.repeat(width)}  ${e.scenarios.map((s) => s.name).join(', ')}`);
  }
  env.stdout(lines.join('\n') + '\n');
  return EXIT.passed;
}
