import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { STUDENT_SCENARIO_FOLDER, withStudentScenarios, type StudentScenarioSource } from '../grader';
import type { CatalogExercise } from '../../lessons/catalog';
import type { CliEnv } from './env';
import { UsageError } from './errors';

export interface StudentSource {
  source: string;
  /** The path as the student knows it: what stacks, tables and replay commands show. */
  file: string;
}

/** Reads `--file`, or the exercise's starter when it is absent. */
export function readStudentFile(env: CliEnv, exercise: CatalogExercise, given: string | undefined): StudentSource {
  const file =
    given ?? (relative(env.cwd, join(env.lessonsDir, exercise.lesson, exercise.starter)) || exercise.starter);
  return { source: readText(resolve(env.cwd, file), file), file };
}

/** A file's text, or a one-line reason naming the path. */
export function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`cannot read ${shown}: ${why}`);
  }
}

/**
 * The exercise with the scenarios saved beside the student's file (`scenarios/*.json`); a file that
 * cannot be used is named on stderr with its problem and left out.
 */
export function withSavedScenarios(
  env: CliEnv,
  exercise: CatalogExercise,
  student: StudentSource,
): { exercise: CatalogExercise; scenarios: StudentScenarioSource[] } {
  const folder = join(dirname(student.file), STUDENT_SCENARIO_FOLDER);
  let names: string[];
  try {
    names = readdirSync(resolve(env.cwd, folder)).filter((n) => n.endsWith('.json'));
  } catch {
    return { exercise, scenarios: [] };
  }
  const scenarios = names.map((n) => {
    const file = join(folder, n);
    return { file, text: readText(resolve(env.cwd, file), file) };
  });
  const added = withStudentScenarios(exercise, scenarios);
  for (const problem of added.problems) env.stderr(`distsys: skipped ${problem}\n`);
  return { exercise: added.exercise, scenarios };
}
