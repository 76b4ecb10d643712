import type { CatalogExercise } from '../../lessons/catalog';
import type { Language } from '../grader';
import type { RunnerConfig } from '../runner';

/** Everything a command touches outside itself, so tests can run the CLI in-process with their own catalog. */
export interface CliEnv {
  exercises: readonly CatalogExercise[];
  /** The folder holding the lesson folders (where starters live). */
  lessonsDir: string;
  cwd: string;
  /** The worker bundle must serve the same catalog as `exercises`. */
  runner: RunnerConfig;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour the table (stdout is a terminal and NO_COLOR is unset). */
  colour: boolean;
  /** What reports are written in unless --lang says: from LC_ALL, LC_MESSAGES or LANG. */
  language: Language;
  version: string;
  /** Aborted when the person presses Ctrl-C: running jobs are cancelled. */
  signal: AbortSignal;
}
